/**
 * Per-group rates at any score threshold, recomputed from the per-group score histograms the fairness report
 * carries (counts of positive and negative labels per score bin), with Wilson intervals. Exact at bin edges: the
 * threshold slider moves from edge to edge, so the numbers equal what fairness() would report at that threshold.
 */
import type { FairnessJSON, GroupJSON } from "../report-types.js";

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface RateValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number;
  denominator: number;
}

type Histogram = NonNullable<GroupJSON["scoreHistogram"]>;

/** numerator and denominator of each rate metric (the catalogue's formulas). */
const FORMULAS: Record<string, (c: Confusion) => [number, number]> = {
  selectionRate: (c) => [c.truePositives + c.falsePositives, total(c)],
  baseRate: (c) => [c.truePositives + c.falseNegatives, total(c)],
  truePositiveRate: (c) => [c.truePositives, c.truePositives + c.falseNegatives],
  falseNegativeRate: (c) => [c.falseNegatives, c.truePositives + c.falseNegatives],
  falsePositiveRate: (c) => [c.falsePositives, c.falsePositives + c.trueNegatives],
  trueNegativeRate: (c) => [c.trueNegatives, c.falsePositives + c.trueNegatives],
  precision: (c) => [c.truePositives, c.truePositives + c.falsePositives],
  falseDiscoveryRate: (c) => [c.falsePositives, c.truePositives + c.falsePositives],
  falseOmissionRate: (c) => [c.falseNegatives, c.trueNegatives + c.falseNegatives],
  accuracy: (c) => [c.truePositives + c.trueNegatives, total(c)],
  errorRate: (c) => [c.falsePositives + c.falseNegatives, total(c)],
};

function total(c: Confusion): number {
  return c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives;
}

/** Whether `metric` can be recomputed at another threshold. */
export function recomputable(metric: string): boolean {
  return metric in FORMULAS;
}

/** The bin edges of the report's score histograms, or undefined when it has none. */
export function thresholdEdges(json: FairnessJSON): number[] | undefined {
  const bins = json.settings.scoreBins;
  if (bins === undefined || json.columns.score === undefined) return undefined;
  return Array.from({ length: bins.bins + 1 }, (_, i) => bins.min + ((bins.max - bins.min) * i) / bins.bins);
}

/** Confusion counts at the threshold `edge` (an index into the bin edges): predicted positive when score ≥ edge. */
export function confusionAt(histogram: Histogram | undefined, edge: number): Confusion | undefined {
  if (histogram === undefined) return undefined;
  const sum = (counts: number[] | undefined, from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to && counts !== undefined; i++) s += counts[i];
    return s;
  };
  if (histogram.positive === undefined || histogram.negative === undefined) {
    if (histogram.all === undefined) return undefined;
    // Without labels only the selection rate is defined: count selected rows as "positives".
    const n = histogram.all.length;
    return {
      truePositives: sum(histogram.all, edge, n),
      falsePositives: 0,
      trueNegatives: sum(histogram.all, 0, edge),
      falseNegatives: 0,
    };
  }
  const n = histogram.positive.length;
  return {
    truePositives: sum(histogram.positive, edge, n),
    falseNegatives: sum(histogram.positive, 0, edge),
    falsePositives: sum(histogram.negative, edge, n),
    trueNegatives: sum(histogram.negative, 0, edge),
  };
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Wilson score interval of `k` successes in `n` at confidence 1 − alpha (Wilson 1927). */
export function wilson(k: number, n: number, alpha: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const z = normalQuantile(1 - alpha / 2);
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** The rate `metric` from confusion counts, with its Wilson interval. */
export function rateOf(metric: string, confusion: Confusion, alpha: number): RateValue | undefined {
  const formula = FORMULAS[metric];
  if (formula === undefined) return undefined;
  const [numerator, denominator] = formula(confusion);
  if (denominator === 0) return { value: null, lower: null, upper: null, numerator, denominator };
  const [lower, upper] = wilson(numerator, denominator, alpha);
  return { value: numerator / denominator, lower, upper, numerator, denominator };
}
