/**
 * The worker thread of the parallel profile (parallel.ts): builds the state of one numeric or datetime column whose
 * values are in shared memory, and sends it back as plain data (moments and sketch as their JSON, the exact extras
 * as they are, compacted finite values copied). It also runs the parallel CSV reader's tasks
 * (src/data/csv-tasks.ts), so that one pool started by the CLI reads a file and then profiles it.
 */
import { parentPort } from "node:worker_threads";
import {
  CSV_TASKS,
  runCsvTask,
  type CsvTask,
  type CsvTaskInput,
  type CsvWorkerData,
} from "../data/csv-tasks.js";
import type { NumericCounts } from "./state/numeric.js";
import type { StateSettings } from "./state/settings.js";
import type { NumericExact } from "./state/types.js";

export interface NumericStateTask {
  type: "numeric";
  kind: "numeric" | "datetime";
  values: Float64Array;
  valid: Uint8Array | null;
  settings: StateSettings;
  eager: boolean;
  /** The reader's [min, max] of the finite values (src/data/hints.ts), when it noted one. */
  range?: readonly [number, number];
}

/** What these workers run: column states, and the CSV reader's tasks with their context. */
export type WorkerTask = NumericStateTask | (CsvTaskInput & { context?: CsvWorkerData });

/** A numeric state as a worker sends it (see parallel.ts for the way back). */
export interface NumericStateAnswer extends NumericCounts {
  moments: unknown;
  /** The KLL sketch's JSON when it was built (eager sketches, or beyond the exact limit). */
  kll?: unknown;
  /** The finite present values when they are not the column's values as they are (missing or non-finite ones). */
  finite?: Float64Array;
  exact?: NumericExact;
}

function fail(id: number, error: unknown): void {
  parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
}

parentPort!.on("message", (task: (NumericStateTask & { id: number }) | CsvTask) => {
  if (CSV_TASKS.has(task.type)) {
    const csv = task as CsvTask;
    if (csv.context === undefined) return fail(csv.id, "a CSV task without its context");
    runCsvTask(csv, csv.context).then(
      (answer) => parentPort!.postMessage({ ...answer, id: csv.id }),
      (error: unknown) => fail(csv.id, error),
    );
    return;
  }
  void numericTask(task as NumericStateTask & { id: number });
});

/**
 * The column kernels, loaded in the background from the start: the worker is ready for its first task (a CSV range,
 * usually) sooner, and they load while it waits for it, or right after it (the range is read synchronously).
 */
const kernels = import("./state/numeric.js");
kernels.catch(() => undefined); // a failure is reported by the first numeric task

async function numericTask(task: NumericStateTask & { id: number }): Promise<void> {
  try {
    const { numericCounts, numericStateOf } = await kernels;
    const state = numericStateOf(task.kind, task.values, task.valid, task.settings, task.eager, task.range);
    const pending = state.kll.pendingValues;
    const answer: NumericStateAnswer = {
      ...numericCounts(state),
      moments: state.moments.toJSON(),
      kll: state.kll.built?.toJSON(),
      finite: pending !== undefined && pending !== task.values ? pending : undefined,
      exact: state.exact,
    };
    // Copied, not transferred: a detached buffer would throw away this thread's optimized kernels (csv-tasks.ts).
    parentPort!.postMessage({ id: task.id, ...answer });
  } catch (error) {
    fail(task.id, error);
  }
}
