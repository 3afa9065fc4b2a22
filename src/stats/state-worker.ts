/**
 * The worker thread of the parallel profile (parallel.ts): builds the state of one numeric or datetime column whose
 * values are in shared memory, and sends it back as plain data (moments and sketch as their JSON, the exact extras
 * as they are, compacted finite values transferred).
 */
import { parentPort } from "node:worker_threads";
import { numericCounts, numericStateOf, type NumericCounts } from "./state/numeric.js";
import type { StateSettings } from "./state/settings.js";
import type { NumericExact } from "./state/types.js";

export interface NumericStateTask {
  type: "numeric";
  kind: "numeric" | "datetime";
  values: Float64Array;
  valid: Uint8Array | null;
  settings: StateSettings;
  eager: boolean;
}

/** A numeric state as a worker sends it (see parallel.ts for the way back). */
export interface NumericStateAnswer extends NumericCounts {
  moments: unknown;
  /** The KLL sketch's JSON when it was built (eager sketches, or beyond the exact limit). */
  kll?: unknown;
  /** The finite present values when they are not the column's values as they are (missing or non-finite ones). */
  finite?: Float64Array;
  exact?: NumericExact;
}

parentPort!.on("message", (task: NumericStateTask & { id: number }) => {
  try {
    const state = numericStateOf(task.kind, task.values, task.valid, task.settings, task.eager);
    const pending = state.kll.pendingValues;
    const answer: NumericStateAnswer = {
      ...numericCounts(state),
      moments: state.moments.toJSON(),
      kll: state.kll.built?.toJSON(),
      finite: pending !== undefined && pending !== task.values ? pending : undefined,
      exact: state.exact,
    };
    const transfer =
      answer.finite !== undefined && !(answer.finite.buffer instanceof SharedArrayBuffer)
        ? [answer.finite.buffer as ArrayBuffer]
        : [];
    parentPort!.postMessage({ id: task.id, ...answer }, transfer);
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
