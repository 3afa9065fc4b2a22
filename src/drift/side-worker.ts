/**
 * The worker thread of parallel drift sides (parallel.ts): sorts the finite values of one numeric column (whose
 * values are in shared memory) into shared memory, with the side's counts and moments, and sends that back.
 */
import { parentPort } from "node:worker_threads";
import { numericSideOfColumn } from "./sides.js";

export interface NumericSideTask {
  type: "side";
  values: Float64Array;
  valid: Uint8Array | null;
}

parentPort!.on("message", (task: NumericSideTask & { id: number }) => {
  try {
    const side = numericSideOfColumn(
      {
        kind: "numeric",
        name: "",
        length: task.values.length,
        values: task.values,
        valid: task.valid,
        integer: false,
      },
      (length) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
    );
    parentPort!.postMessage({ id: task.id, side });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
