/**
 * Score models: confusion counts at several thresholds, and per-group score histograms whose bin edges are exact
 * thresholds (a widget moving the threshold along the edges recomputes the confusion matrix exactly).
 */

import { equalWidthEdges } from "../core/binning.js";
import { rateValue, type ResolvedMetric } from "./evaluate.js";
import type { Confusion } from "./metrics.js";
import type { ScoreHistogramJSON, ThresholdJSON } from "../format/fairness.js";

/** `bins + 1` equal-width edges min + (max − min)·k/bins (core's equalWidthEdges, which the widget uses too). */
export function scoreBinEdges(min: number, max: number, bins: number): Float64Array {
  return Float64Array.from(equalWidthEdges(min, max, bins));
}

/** Bin of a score: the last k with edges[k] ≤ s, the last bin closed on the right; −1 outside [min, max]. */
export function scoreBin(edges: Float64Array, s: number): number {
  const bins = edges.length - 1;
  if (!(s >= edges[0] && s <= edges[bins])) return -1;
  let low = 0;
  let high = bins - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (edges[mid] <= s) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Score histogram of `rows`: bins [edges[k], edges[k+1]) (the last closed), split by label when there is one. Then
 * for every edge e, the rows with score ≥ e are exactly the counts of bins k ≥ index(e). O(rows · log bins).
 */
export function scoreHistogram(
  score: Float64Array,
  label: Float64Array | undefined,
  rows: Int32Array,
  edges: Float64Array,
): ScoreHistogramJSON {
  const bins = edges.length - 1;
  const positive = new Array<number>(bins).fill(0);
  const negative = new Array<number>(bins).fill(0);
  for (const i of rows) {
    const k = scoreBin(edges, score[i]);
    if (k < 0) continue;
    if (label !== undefined && label[i] === 1) positive[k]++;
    else negative[k]++;
  }
  return label === undefined ? { all: negative } : { positive, negative };
}

/**
 * Confusion counts of `rows` at each of the ascending `thresholds` (predicted positive when score ≥ threshold), and
 * the rate metrics at each. O(rows · log thresholds + thresholds · metrics).
 */
export function thresholdCounts(
  score: Float64Array,
  label: Float64Array | undefined,
  rows: Int32Array,
  thresholds: readonly number[],
  metrics: readonly ResolvedMetric[],
): ThresholdJSON[] {
  const count = thresholds.length;
  // at[m]: rows with exactly m thresholds ≤ score, i.e. predicted positive at thresholds 0..m−1.
  const positivesAt = new Float64Array(count + 1);
  const negativesAt = new Float64Array(count + 1);
  for (const i of rows) {
    const s = score[i];
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (thresholds[mid] <= s) low = mid + 1;
      else high = mid;
    }
    if (label !== undefined && label[i] === 1) positivesAt[low]++;
    else negativesAt[low]++;
  }
  let positives = 0;
  let negatives = 0;
  for (let m = 0; m <= count; m++) {
    positives += positivesAt[m];
    negatives += negativesAt[m];
  }
  const out: ThresholdJSON[] = new Array(count);
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = count - 1; k >= 0; k--) {
    truePositives += positivesAt[k + 1];
    falsePositives += negativesAt[k + 1];
    const confusion: Confusion = {
      truePositives,
      falsePositives,
      trueNegatives: negatives - falsePositives,
      falseNegatives: positives - truePositives,
    };
    const rates: Record<string, number | null> = {};
    for (const metric of metrics) {
      if (metric.kind !== "rate") continue;
      if (label === undefined && metric.definition.needsLabel) continue;
      const value = rateValue(metric.definition, confusion);
      rates[metric.name] = Number.isFinite(value) ? value : null;
    }
    const entry: ThresholdJSON = {
      threshold: thresholds[k],
      n: rows.length,
      selected: truePositives + falsePositives,
      rates,
    };
    if (label !== undefined) Object.assign(entry, confusion);
    out[k] = entry;
  }
  return out;
}
