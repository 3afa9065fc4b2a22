/**
 * The profile's worker threads, started ahead of need: they boot while the command loads its modules and reads the
 * file (they also read a CSV file, src/data/csv-tasks.ts), then build the numeric columns' states (parallel.ts).
 * This module loads nothing but the pool, so that the CLI can start them first thing.
 */
import { availableParallelism } from "node:os";
import { compiledWorker, WorkerPool } from "../data/worker-pool.js";
import type { WorkerTask } from "./state-worker.js";

/** Worker threads for the profile: `asked`, or the machine's available parallelism. */
export function profileWorkerCount(asked: number | undefined): number {
  return asked === undefined ? availableParallelism() : Math.max(1, Math.floor(asked));
}

/** The compiled state worker (undefined without a build: then everything runs on the calling thread). */
export function stateWorker(): URL | undefined {
  return compiledWorker(import.meta.url, "./state-worker.js", "stats/state-worker.js");
}

/** Profile workers started ahead of need ({@link startProfileWorkers}). */
export interface ProfileWorkers {
  readonly size: number;
  /** Undefined when no compiled worker exists or one thread was asked for. */
  readonly pool: WorkerPool<WorkerTask> | undefined;
  close(): Promise<void>;
}

/**
 * Starts `workers` profile workers now (default: available parallelism), so that their start-up overlaps loading and
 * reading; pass the result as `workers` to `statesInWorkers` (and its pool as a CSV read's `pool`), and close it
 * after.
 */
export function startProfileWorkers(workers?: number): ProfileWorkers {
  const count = profileWorkerCount(workers);
  const url = stateWorker();
  const pool =
    count > 1 && url !== undefined ? new WorkerPool<WorkerTask>(url, count, undefined, true) : undefined;
  return {
    size: pool === undefined ? 1 : count,
    pool,
    close: async () => {
      await pool?.close();
    },
  };
}
