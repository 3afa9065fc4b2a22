/**
 * Percentile bootstrap intervals of every metric of a group, resampling the group's rows (stratified by group: each
 * group keeps its size, unlike Fairlearn's resampling of the whole table).
 */

import { quantileOfSorted, seededRandom } from "../measures/index.js";
import { rateValue, statsOfArrays, type Outcomes, type ResolvedMetric } from "./evaluate.js";
import { rowError, type RowError } from "./metrics.js";

export interface BootstrapSettings {
  resamples: number;
  seed: number;
  alpha: number;
}

/**
 * For each metric, the α/2 and 1 − α/2 percentiles (numpy's linear rule) of its value over `resamples` resamples
 * of `rows` drawn with replacement (mulberry32 seeded with `seed`). Resamples where a metric is undefined (e.g. no
 * positives drawn for a TPR) are left out of that metric's percentiles; with none left the interval is null.
 * O(resamples · rows), times the cost of the custom metrics when there are some.
 */
export function bootstrapIntervals(
  outcomes: Outcomes,
  metrics: readonly ResolvedMetric[],
  rows: Int32Array,
  settings: BootstrapSettings,
): Map<string, { lower: number | null; upper: number | null }> {
  const n = rows.length;
  const random = seededRandom(settings.seed);
  const draws = metrics.map(() => new Float64Array(settings.resamples));
  const counts = new Int32Array(metrics.length);
  const record = (m: number, value: number) => {
    if (Number.isFinite(value)) draws[m][counts[m]++] = value;
  };
  if (metrics.every((m) => m.kind !== "custom")) {
    resampleCounts(outcomes, metrics, rows, settings.resamples, random, record);
    return percentiles(metrics, draws, counts, settings.alpha);
  }
  const y = new Float64Array(n);
  const yhat = new Float64Array(n);
  const custom = new Float64Array(n);
  for (let r = 0; r < settings.resamples; r++) {
    for (let k = 0; k < n; k++) {
      const i = rows[Math.floor(random() * n)];
      y[k] = outcomes.y[i];
      yhat[k] = outcomes.yhat[i];
      custom[k] = outcomes.customInput[i];
    }
    const stats = statsOfArrays(outcomes, metrics, y, yhat, custom);
    metrics.forEach((metric, m) => record(m, stats.values.get(metric.name)!));
  }
  return percentiles(metrics, draws, counts, settings.alpha);
}

/**
 * The fast path without custom metrics: a resample only needs the confusion counts (classification) or the sums of
 * the per-row errors (regression), so no resampled arrays are built. O(resamples · rows).
 */
function resampleCounts(
  outcomes: Outcomes,
  metrics: readonly ResolvedMetric[],
  rows: Int32Array,
  resamples: number,
  random: () => number,
  record: (metric: number, value: number) => void,
): void {
  const n = rows.length;
  if (outcomes.task !== "regression") {
    // Drawing a row uniformly is drawing its cell (0 TN, 1 FP, 2 FN, 3 TP) with the cells' observed frequencies:
    // rows are taken as sorted by cell, so a draw j ∈ [0, n) falls in the cell whose cumulative count exceeds j.
    const cellCounts = [0, 0, 0, 0];
    for (const i of rows) cellCounts[outcomes.y[i] * 2 + outcomes.yhat[i]]++;
    const first = cellCounts[0];
    const second = first + cellCounts[1];
    const third = second + cellCounts[2];
    const tally = new Float64Array(4);
    for (let r = 0; r < resamples; r++) {
      tally.fill(0);
      for (let k = 0; k < n; k++) {
        const j = Math.floor(random() * n);
        tally[j < first ? 0 : j < second ? 1 : j < third ? 2 : 3]++;
      }
      const confusion = {
        trueNegatives: tally[0],
        falsePositives: tally[1],
        falseNegatives: tally[2],
        truePositives: tally[3],
      };
      metrics.forEach((metric, m) => {
        if (metric.kind === "rate") record(m, rateValue(metric.definition, confusion));
      });
    }
    return;
  }
  const kinds: RowError[] = ["absolute", "squared", "residual"];
  const errors = kinds.map((kind) =>
    Float64Array.from(rows, (i) => rowError(kind, outcomes.y[i], outcomes.yhat[i])),
  );
  const sums = new Float64Array(3);
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n);
      sums[0] += errors[0][i];
      sums[1] += errors[1][i];
      sums[2] += errors[2][i];
    }
    metrics.forEach((metric, m) => {
      if (metric.kind !== "mean") return;
      const mean = sums[kinds.indexOf(metric.definition.rowError)] / n;
      record(m, metric.definition.squareRoot ? Math.sqrt(mean) : mean);
    });
  }
}

function percentiles(
  metrics: readonly ResolvedMetric[],
  draws: Float64Array[],
  counts: Int32Array,
  alpha: number,
): Map<string, { lower: number | null; upper: number | null }> {
  const intervals = new Map<string, { lower: number | null; upper: number | null }>();
  metrics.forEach((metric, m) => {
    if (counts[m] === 0) {
      intervals.set(metric.name, { lower: null, upper: null });
      return;
    }
    const sorted = draws[m].slice(0, counts[m]).sort();
    intervals.set(metric.name, {
      lower: quantileOfSorted(sorted, alpha / 2),
      upper: quantileOfSorted(sorted, 1 - alpha / 2),
    });
  });
  return intervals;
}
