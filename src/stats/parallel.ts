/**
 * The profile's column kernels on worker threads: each numeric or datetime column's state (counts, moments, exact
 * quantiles by selection, histograms) is built by a worker straight from the column's values in shared memory (the
 * parallel CSV reader puts them there; other columns are copied there once), while the calling thread does the
 * categorical and boolean columns. The states are the same as on one thread: the same code runs on the same values.
 */
import type { Column } from "../data/column.js";
import { valueRangeOf } from "../data/hints.js";
import { toSharedMemory, WorkerPool } from "../data/worker-pool.js";
import { KllSketch, Moments } from "../sketch/index.js";
import { stateOfColumn } from "./state/build.js";
import { LazyKll } from "./state/lazy-kll.js";
import { numericCounts } from "./state/numeric.js";
import type { StateSettings } from "./state/settings.js";
import type { FeatureState, NumericState } from "./state/types.js";
import type { NumericStateAnswer, NumericStateTask, WorkerTask } from "./state-worker.js";
import { stateWorker, type ProfileWorkers } from "./profile-workers.js";

/** Numeric values (over all numeric columns) below which workers are not worth starting. */
export const PARALLEL_MIN_VALUES = 1 << 21;

type NumericLike = Extract<Column, { kind: "numeric" | "datetime" }>;

export { profileWorkerCount, startProfileWorkers, type ProfileWorkers } from "./profile-workers.js";

function fromAnswer(
  kind: "numeric" | "datetime",
  answer: NumericStateAnswer,
  values: Float64Array,
  settings: StateSettings,
): NumericState {
  const kll =
    answer.kll !== undefined
      ? new LazyKll(settings.kllK, KllSketch.fromJSON(answer.kll))
      : new LazyKll(settings.kllK, answer.finite ?? values);
  const state: NumericState = {
    kind,
    ...numericCounts(answer),
    moments: Moments.fromJSON(answer.moments),
    kll,
  };
  if (answer.exact !== undefined) state.exact = answer.exact;
  return state;
}

/**
 * The state of every column, numeric and datetime columns on `workers` threads when they hold at least
 * {@link PARALLEL_MIN_VALUES} values in all (else everything on the calling thread, as `stateOfColumn`).
 */
export async function statesInWorkers(
  columns: readonly Column[],
  settings: StateSettings,
  eager: boolean,
  workers: number | ProfileWorkers,
  minValues = PARALLEL_MIN_VALUES,
  trace: (event: string) => void = () => {},
): Promise<FeatureState[]> {
  const numeric = columns.filter((c): c is NumericLike => c.kind === "numeric" || c.kind === "datetime");
  const values = numeric.reduce((total, c) => total + c.length, 0);
  const started = typeof workers === "number" ? undefined : workers;
  const count = started?.size ?? (workers as number);
  const url = stateWorker();
  if (count <= 1 || numeric.length === 0 || values < minValues || url === undefined) {
    trace(url === undefined ? "one thread: no compiled worker (npm run build)" : "one thread");
    return columns.map((c) => stateOfColumn(c, settings, eager));
  }
  const pool =
    started?.pool ?? new WorkerPool<WorkerTask>(url, Math.min(count, numeric.length), undefined, true);
  trace(`${pool.size} workers for ${numeric.length} columns`);
  try {
    // Largest columns first, so that the last task to finish is a short one.
    const order = [...numeric].sort((a, b) => b.length - a.length);
    const answers = new Map<Column, Promise<NumericState>>();
    for (const column of order) {
      const task: NumericStateTask = {
        type: "numeric",
        kind: column.kind,
        values: toSharedMemory(column.values),
        valid: column.valid === null ? null : toSharedMemory(column.valid),
        settings,
        eager,
        range: valueRangeOf(column.values),
      };
      answers.set(
        column,
        pool
          .run<NumericStateAnswer>(task)
          .then((answer) => fromAnswer(column.kind, answer, column.values, settings)),
      );
    }
    // The other columns meanwhile, here.
    const states: (FeatureState | Promise<NumericState>)[] = columns.map(
      (c) => answers.get(c) ?? stateOfColumn(c, settings, eager),
    );
    return await Promise.all(states).catch((error: unknown) => {
      // A worker that failed (out of memory, killed): the same states on this thread.
      trace(`one thread after a worker error: ${error instanceof Error ? error.message : String(error)}`);
      return columns.map((c) => stateOfColumn(c, settings, eager));
    });
  } finally {
    if (started === undefined) await pool.close();
  }
}
