/**
 * `driftlab profile FILE`: the profile's worker threads start before the command's modules load, so that they boot
 * meanwhile, and so does reading the file when no option changes how it is read (start-up is part of every command's
 * time, issue 15). This module loads only the pool and the argument parser; the reader loads in the background. The
 * command takes the workers and the read ({@link takeEarlyWorkers}, {@link takeEarlyRead}); main closes the workers
 * if it did not.
 */
import { statSync } from "node:fs";
import type { Dataset } from "../data/column.js";
import { startProfileWorkers, type ProfileWorkers } from "../stats/profile-workers.js";
import { flag, parseArgs, READ_OPTIONS, type ParsedArgs } from "./args.js";
import { PRIVACY_OPTIONS, SIZE_OPTIONS } from "./output-options.js";

/** The options of `driftlab profile` that take a value (the command parses its arguments with them too). */
export const PROFILE_VALUED_OPTIONS: readonly string[] = [
  "html",
  "slices",
  ...READ_OPTIONS,
  ...PRIVACY_OPTIONS,
  ...SIZE_OPTIONS,
];

/** Files at least this large get their profile workers started before reading (see src/stats/parallel.ts). */
export const EARLY_WORKERS_BYTES = 8 << 20;

/** Files larger than this are profiled in batches (bounded memory) unless slices are asked for. */
export const STREAM_FILE_BYTES = 256 * 2 ** 20;

let early: ProfileWorkers | undefined;
let earlyRead: { file: string; reading: Promise<Dataset> } | undefined;

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
 * Starts the workers when `args` (of `driftlab profile`) name one file that will be profiled with them, and reads it
 * on them when no read option (--format, --encoding, --invalid-utf8, --kinds) is given: the command would read it
 * so. Arguments the command will reject start nothing (it reports them).
 */
export function startEarlyWorkers(args: readonly string[]): void {
  if (early !== undefined) return;
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args, PROFILE_VALUED_OPTIONS);
  } catch {
    return;
  }
  const [file] = parsed.positional;
  if (parsed.positional.length !== 1 || !profiledWithWorkers(fileSizeOf(file), flag(parsed, "stream")))
    return;
  early = startProfileWorkers();
  if (READ_OPTIONS.some((name) => parsed.options.has(name))) return;
  const pool = early.pool;
  const reading = import("../data/read.js").then(({ read }) =>
    read(file, pool === undefined ? {} : { pool }),
  );
  reading.catch(() => undefined); // a failure is reported where the command awaits it
  earlyRead = { file, reading };
}

/** The read of `file` started by {@link startEarlyWorkers}, now the caller's; undefined when none was. */
export function takeEarlyRead(file: string): Promise<Dataset> | undefined {
  const started = earlyRead;
  earlyRead = undefined;
  return started?.file === file ? started.reading : undefined;
}

/** The workers started by {@link startEarlyWorkers}, now the caller's to close; undefined when none were. */
export function takeEarlyWorkers(): ProfileWorkers | undefined {
  const workers = early;
  early = undefined;
  return workers;
}

/** Closes early workers that no command took (a read on them fails, unseen). */
export async function closeEarlyWorkers(): Promise<void> {
  earlyRead = undefined;
  await takeEarlyWorkers()?.close();
}
