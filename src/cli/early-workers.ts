/**
 * `driftlab profile FILE`: the profile's worker threads start before the command's modules load, so that they boot
 * meanwhile (start-up is part of every command's time, issue 15). This module loads only the pool. The command
 * takes the workers ({@link takeEarlyWorkers}); main closes them if it did not.
 */
import { statSync } from "node:fs";
import { startProfileWorkers, type ProfileWorkers } from "../stats/profile-workers.js";

/** Files at least this large get their profile workers started before reading (see src/stats/parallel.ts). */
export const EARLY_WORKERS_BYTES = 8 << 20;

/** Files larger than this are profiled in batches (bounded memory) unless slices are asked for. */
export const STREAM_FILE_BYTES = 256 * 2 ** 20;

let early: ProfileWorkers | undefined;

/** The size of a file, or 0 when it is not one (the command reports a missing file with its own message). */
export function fileSizeOf(path: string): number {
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}

/** Whether a file of `size` bytes is profiled whole with workers (not streamed, large enough). */
export function profiledWithWorkers(size: number, stream: boolean): boolean {
  return !stream && size >= EARLY_WORKERS_BYTES && size <= STREAM_FILE_BYTES;
}

/**
 * Starts the workers when `args` (of `driftlab profile`) name a file that will be profiled with them: the first
 * argument that is not an option and is such a file. A wrong guess only costs idle workers, closed at the end.
 */
export function startEarlyWorkers(args: readonly string[]): void {
  if (early !== undefined) return;
  const stream = args.includes("--stream");
  const file = args.find((a) => !a.startsWith("-") && !a.includes("://") && !a.startsWith("duckdb:"));
  if (file === undefined || !profiledWithWorkers(fileSizeOf(file), stream)) return;
  early = startProfileWorkers();
}

/** The workers started by {@link startEarlyWorkers}, now the caller's to close; undefined when none were. */
export function takeEarlyWorkers(): ProfileWorkers | undefined {
  const workers = early;
  early = undefined;
  return workers;
}

/** Closes early workers that no command took. */
export async function closeEarlyWorkers(): Promise<void> {
  await takeEarlyWorkers()?.close();
}
