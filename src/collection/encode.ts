/**
 * Features as codes (for information measures) and as scores (for ranks), shared by the collection analyses.
 */

import { Dataset, type Column, type FeatureKind } from "../data/column.js";
import { codeColumn } from "../fairness/groups.js";
import { seededRandom } from "../measures/index.js";

/** A feature coded into small integers: `codes[i]` indexes `levels`; missing values have their own level (null). */
export interface CodedFeature {
  name: string;
  kind: FeatureKind;
  codes: Int32Array;
  levels: (string | null)[];
  /** Bin edges when a numeric or datetime feature was binned. */
  edges?: number[];
}

/**
 * Codes a feature: categories and booleans by value, numbers and dates with at most 10 distinct values by value,
 * other numbers and dates in `bins` quantile bins (numpy's linear quantiles, duplicate edges dropped, as
 * `pd.qcut`). Missing values (and NaN/±∞) form their own level, because missingness itself can be informative.
 */
export function codeFeature(dataset: Dataset, name: string, bins: number): CodedFeature {
  const column = dataset.column(name);
  const source =
    column.kind === "datetime"
      ? new Dataset([
          {
            name,
            kind: "numeric",
            length: column.length,
            valid: column.valid,
            values: column.values,
            integer: true,
          },
        ])
      : dataset;
  const coding = codeColumn(source, name, undefined, bins);
  return {
    name,
    kind: column.kind,
    codes: coding.codes,
    levels: coding.levels,
    ...(coding.bins === undefined ? {} : { edges: coding.bins.edges }),
  };
}

/** The values of a numeric, datetime or boolean column as numbers, NaN where missing; undefined for categories. */
export function numericValues(column: Column): Float64Array | undefined {
  if (column.kind === "categorical" || column.kind === "text") return undefined;
  const values: ArrayLike<number> = (column as Exclude<Column, { kind: "categorical" | "text" }>).values;
  const out = new Float64Array(column.length);
  const valid = column.valid;
  for (let i = 0; i < column.length; i++) out[i] = valid !== null && valid[i] === 0 ? Number.NaN : values[i];
  return out;
}

/** Number of distinct levels actually used by `codes`. */
export function usedLevels(codes: Int32Array, levels: number): number {
  const seen = new Uint8Array(levels);
  let used = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      used++;
    }
  }
  return used;
}

/**
 * Out-of-fold target encoding: each row gets the mean of `target` over the rows of its level in the *other*
 * folds, shrunk towards the overall mean with one pseudo-row ((sum + prior) / (count + 1)). Rows are assigned to
 * `folds` folds by a seeded shuffle. Because a row never sees its own target, a column of unique ids scores like
 * noise instead of like a perfect predictor. Rows whose target is NaN get an encoding but do not contribute.
 * O(n · folds + levels · folds).
 */
export function outOfFoldEncoding(
  codes: Int32Array,
  levels: number,
  target: Float64Array,
  folds: number,
  seed: number,
): Float64Array {
  const n = codes.length;
  const fold = foldsOf(n, folds, seed);
  const sums = new Float64Array(levels * folds);
  const counts = new Float64Array(levels * folds);
  const totalSum = new Float64Array(folds);
  const totalCount = new Float64Array(folds);
  for (let i = 0; i < n; i++) {
    const t = target[i];
    if (Number.isNaN(t)) continue;
    const f = fold[i];
    sums[codes[i] * folds + f] += t;
    counts[codes[i] * folds + f]++;
    totalSum[f] += t;
    totalCount[f]++;
  }
  const levelSum = new Float64Array(levels);
  const levelCount = new Float64Array(levels);
  for (let c = 0; c < levels; c++) {
    for (let f = 0; f < folds; f++) {
      levelSum[c] += sums[c * folds + f];
      levelCount[c] += counts[c * folds + f];
    }
  }
  let allSum = 0;
  let allCount = 0;
  for (let f = 0; f < folds; f++) {
    allSum += totalSum[f];
    allCount += totalCount[f];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const f = fold[i];
    const otherCount = allCount - totalCount[f];
    const prior = otherCount > 0 ? (allSum - totalSum[f]) / otherCount : 0;
    const s = levelSum[c] - sums[c * folds + f];
    const k = levelCount[c] - counts[c * folds + f];
    out[i] = (s + prior) / (k + 1);
  }
  return out;
}

/** Fold index of every row: a seeded shuffle dealt round-robin into `folds` folds of equal size (±1). */
export function foldsOf(n: number, folds: number, seed: number): Uint8Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const fold = new Uint8Array(n);
  for (let k = 0; k < n; k++) fold[order[k]] = k % folds;
  return fold;
}
