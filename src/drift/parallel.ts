/**
 * Drift's order statistics on worker threads: the numeric features that both sides hold are sorted (finite values,
 * with counts and moments: `numericSideOfColumn`) on workers, in parallel, straight from the columns' shared memory
 * (the parallel CSV reader puts them there; others are copied there once). The sides are remembered per column, so
 * the drift that follows sorts nothing again and every test of a feature reuses the one sorted copy.
 */
import { availableParallelism } from "node:os";
import type { Column, Dataset } from "../data/column.js";
import { compiledWorker, toSharedMemory, WorkerPool } from "../data/worker-pool.js";
import type { NumericSideTask } from "./side-worker.js";
import { rememberNumericSide, type NumericSide } from "./sides.js";

/** Values (over all columns to sort) below which workers are not worth starting. */
export const PARALLEL_SORT_MIN_VALUES = 1 << 20;

type NumericLike = Extract<Column, { kind: "numeric" | "datetime" }>;

/**
 * Sorts, on `workers` threads (default: available parallelism), the numeric and datetime columns that every
 * dataset has under the same name and kind, and remembers each column's side for the drift that follows. Does
 * nothing below {@link PARALLEL_SORT_MIN_VALUES} values or without a compiled worker (drift then sorts as usual).
 */
export async function prepareNumericSides(
  datasets: readonly Dataset[],
  workers = availableParallelism(),
  minValues = PARALLEL_SORT_MIN_VALUES,
  trace: (event: string) => void = () => {},
): Promise<void> {
  const [first, ...rest] = datasets;
  if (first === undefined) return;
  const columns: NumericLike[] = [];
  for (const column of first.columns) {
    if (column.kind !== "numeric" && column.kind !== "datetime") continue;
    const others = rest.map((d) => (d.has(column.name) ? d.column(column.name) : undefined));
    if (others.some((o) => o === undefined || o.kind !== column.kind)) continue;
    columns.push(column, ...(others as NumericLike[]));
  }
  const values = columns.reduce((total, c) => total + c.length, 0);
  const url = compiledWorker(import.meta.url, "./side-worker.js", "drift/side-worker.js");
  if (workers <= 1 || values < minValues || url === undefined) {
    trace("one thread");
    return;
  }
  const pool = new WorkerPool<NumericSideTask>(url, Math.min(workers, columns.length), undefined, true);
  trace(`${pool.size} workers for ${columns.length} columns`);
  try {
    await Promise.all(
      columns.map(async (column) => {
        const answer = await pool.run<{ side: NumericSide }>({
          type: "side",
          values: toSharedMemory(column.values),
          valid: column.valid === null ? null : toSharedMemory(column.valid),
        });
        rememberNumericSide(column, answer.side);
      }),
    ).catch((error: unknown) => {
      // A worker that failed (out of memory, killed): drift sorts what is missing on this thread.
      trace(`one thread after a worker error: ${error instanceof Error ? error.message : String(error)}`);
    });
  } finally {
    await pool.close();
  }
}
