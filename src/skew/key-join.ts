import { valueAt, type Column, type Dataset } from "../data/column.js";
import { quantileOfSorted } from "../measures/binning.js";
import type { FeatureKeySkew, KeySkewJSON } from "./types.js";

/** Options of the key join. */
export interface KeyJoinOptions {
  /** Absolute tolerance of numeric comparisons: one for all, or per feature. Default 0 (exact). */
  tolerance?: number | Record<string, number>;
  /** Mismatching rows listed per feature. Default 5. */
  samples?: number;
  /** (training value → serving value) pairs listed per categorical feature. Default 10. */
  topPairs?: number;
}

function keyOf(column: Column, i: number): string | null {
  const v = valueAt(column, i);
  if (v === null) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** First row of every id, and how many ids occur more than once. */
function index(dataset: Dataset, key: string): { rows: Map<string, number>; duplicates: number } {
  const column = dataset.column(key);
  const rows = new Map<string, number>();
  const repeated = new Set<string>();
  for (let i = 0; i < dataset.numRows; i++) {
    const id = keyOf(column, i);
    if (id === null) continue;
    if (rows.has(id)) repeated.add(id);
    else rows.set(id, i);
  }
  return { rows, duplicates: repeated.size };
}

function numericOf(column: Column, i: number): number | null {
  if (column.valid !== null && column.valid[i] === 0) return null;
  if (column.kind === "numeric" || column.kind === "datetime" || column.kind === "boolean")
    return column.values[i];
  return null;
}

function display(column: Column, i: number): string | null {
  const v = valueAt(column, i);
  if (v === null) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

function differenceSummary(values: number[]): FeatureKeySkew["differences"] {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const bins = Math.min(20, Math.max(1, Math.ceil(Math.log2(sorted.length) + 1)));
  const width = max > min ? (max - min) / bins : 1;
  const histogram = Array.from({ length: max > min ? bins : 1 }, (_, b) => ({
    lower: min + b * width,
    upper: max > min ? min + (b + 1) * width : max,
    count: 0,
  }));
  for (const v of sorted) {
    const b = max > min ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    histogram[b].count++;
  }
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    min,
    q25: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q75: quantileOfSorted(sorted, 0.75),
    max,
    mean: sum / sorted.length,
    histogram,
  };
}

/**
 * Per-example skew (TFDV's DetectFeatureSkew, plus tolerances and difference distributions): joins the first row
 * of every id on both sides and compares each feature. O(n · features).
 */
export function keyJoin(
  training: Dataset,
  serving: Dataset,
  key: string,
  features: readonly string[],
  options: KeyJoinOptions = {},
): KeySkewJSON {
  const t = index(training, key);
  const s = index(serving, key);
  const pairs: [string, number, number][] = [];
  for (const [id, row] of t.rows) {
    const other = s.rows.get(id);
    if (other !== undefined) pairs.push([id, row, other]);
  }
  const sampleCount = options.samples ?? 5;
  const pairCount = options.topPairs ?? 10;
  const result: FeatureKeySkew[] = [];
  for (const feature of features) {
    const tc = training.column(feature);
    const sc = serving.column(feature);
    const numeric =
      (tc.kind === "numeric" || tc.kind === "datetime" || tc.kind === "boolean") &&
      (sc.kind === "numeric" || sc.kind === "datetime" || sc.kind === "boolean");
    const tol =
      typeof options.tolerance === "number" ? options.tolerance : (options.tolerance?.[feature] ?? 0);
    const entry: FeatureKeySkew = {
      feature,
      kind: tc.kind,
      matched: 0,
      mismatched: 0,
      onlyInTraining: 0,
      onlyInServing: 0,
      bothMissing: 0,
      matchRate: 0,
      tolerance: numeric ? tol : 0,
      differences: null,
      topPairs: [],
      samples: [],
    };
    const differences: number[] = [];
    const pairCounts = new Map<string, { training: string; serving: string; count: number }>();
    for (const [id, i, j] of pairs) {
      const a = display(tc, i);
      const b = display(sc, j);
      if (a === null && b === null) {
        entry.bothMissing++;
        continue;
      }
      if (a === null || b === null) {
        if (a === null) entry.onlyInServing++;
        else entry.onlyInTraining++;
        if (entry.samples.length < sampleCount) entry.samples.push({ id, training: a, serving: b });
        continue;
      }
      let same: boolean;
      if (numeric) {
        const x = numericOf(tc, i)!;
        const y = numericOf(sc, j)!;
        same = x === y || (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(y - x) <= tol;
        if (!same && Number.isFinite(y - x)) differences.push(y - x);
      } else {
        same = a === b;
        if (!same) {
          const k = `${a}\u0000${b}`;
          const c = pairCounts.get(k) ?? { training: a, serving: b, count: 0 };
          c.count++;
          pairCounts.set(k, c);
        }
      }
      if (same) entry.matched++;
      else {
        entry.mismatched++;
        if (entry.samples.length < sampleCount) entry.samples.push({ id, training: a, serving: b });
      }
    }
    const compared = entry.matched + entry.mismatched + entry.onlyInTraining + entry.onlyInServing;
    entry.matchRate = compared > 0 ? entry.matched / compared : 1;
    entry.differences = numeric ? differenceSummary(differences) : null;
    entry.topPairs = [...pairCounts.values()]
      .sort((x, y) => y.count - x.count || (x.training + x.serving < y.training + y.serving ? -1 : 1))
      .slice(0, pairCount);
    result.push(entry);
  }
  result.sort((a, b) => a.matchRate - b.matchRate || (a.feature < b.feature ? -1 : 1));
  return {
    key,
    trainingIds: t.rows.size,
    servingIds: s.rows.size,
    joined: pairs.length,
    onlyInTraining: t.rows.size - pairs.length,
    onlyInServing: s.rows.size - pairs.length,
    duplicateTrainingIds: t.duplicates,
    duplicateServingIds: s.duplicates,
    features: result,
  };
}
