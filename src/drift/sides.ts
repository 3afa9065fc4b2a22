import type { Column, FeatureKind } from "../data/column.js";
import { sortValues } from "../measures/sort.js";
import { KllSketch, Moments } from "../sketch/index.js";
import { numericRankError, type BinnedCounts, type FeatureState } from "../stats/feature-state.js";

/**
 * One side (reference or current) of one feature, as the drift tests see it: raw values when the input was data,
 * or sketches when the input was a profile (then tests that need raw values use sketch-based approximations).
 */
export type Side = NumericSide | CategorySide;

export interface NumericSide {
  type: "numeric";
  /** Rows, present or not. */
  count: number;
  missing: number;
  /** Present values that are NaN or ±Infinity (left out of the tests). */
  nonFinite: number;
  /** Finite present values, sorted ascending; absent when the side comes from a profile. */
  sorted?: Float64Array;
  /** Quantile sketch (always present for profile sides; built lazily for data sides). */
  sketch?: KllSketch;
  /**
   * Rank error of `sketch` against the data for all CDF points at once, when the profile says it (an engine's
   * summary, NumericState.summary); else derived from the sketch (see cdfError).
   */
  rankError?: number;
  /** Exact counts on edges an engine was asked for (drift of sources on agreed edges). */
  binned?: BinnedCounts[];
  /** Number of finite values. */
  n: number;
  mean: number;
  /** Population standard deviation (ddof 0). */
  std: number;
  min: number;
  max: number;
}

export interface CategorySide {
  type: "categorical";
  count: number;
  missing: number;
  /** Count per category label (booleans as "true"/"false"). */
  counts: Map<string, number>;
  /** False when counts come from a heavy-hitters sketch (then `other` holds the rest). */
  exact: boolean;
  /** Present values not in `counts` (only when not exact). */
  other: number;
  /** Present values. */
  n: number;
}

/**
 * Sides computed ahead of need (on worker threads: parallel.ts), by column: every test of a feature, and every
 * drift of the same column, then reuses the one sorted copy.
 */
const computedSides = new WeakMap<object, NumericSide>();

/** Records the side of `column` computed elsewhere (parallel.ts), for {@link numericSideOfColumn} to return. */
export function rememberNumericSide(column: Column, side: NumericSide): void {
  computedSides.set(column, side);
}

/**
 * The finite present values of a numeric or datetime column, sorted, plus counts. Sorted once per column: a side
 * computed before (on workers, or by an earlier drift of the same column) is returned as it is.
 * `allocate` makes the array the sorted values go to (default: a plain Float64Array).
 */
export function numericSideOfColumn(
  column: Column & { values: Float64Array },
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): NumericSide {
  const known = computedSides.get(column);
  if (known !== undefined) return known;
  const values = column.values;
  const valid = column.valid;
  const n = values.length;
  const finite = allocate(n);
  let k = 0;
  let missing = 0;
  let nonFinite = 0;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      missing++;
      continue;
    }
    const v = values[i];
    if (v - v === 0) finite[k++] = v;
    else nonFinite++;
  }
  const sorted = sortValues(finite.subarray(0, k));
  // Moments: stable two-pass sums that neither overflow at ±1e308 nor underflow for subnormals.
  const moments = new Moments().addArray(sorted);
  return {
    type: "numeric",
    count: n,
    missing,
    nonFinite,
    sorted,
    n: k,
    mean: moments.mean,
    std: moments.std,
    min: k === 0 ? NaN : sorted[0],
    max: k === 0 ? NaN : sorted[k - 1],
  };
}

/** Category counts of a categorical, text or boolean column. */
export function categorySideOfColumn(column: Column): CategorySide {
  const counts = new Map<string, number>();
  let missing = 0;
  if (column.kind === "boolean") {
    let trues = 0;
    let falses = 0;
    for (let i = 0; i < column.length; i++) {
      if (column.valid !== null && column.valid[i] === 0) missing++;
      else if (column.values[i] === 1) trues++;
      else falses++;
    }
    if (falses > 0) counts.set("false", falses);
    if (trues > 0) counts.set("true", trues);
  } else if (column.kind === "categorical" || column.kind === "text") {
    const byCode = new Float64Array(column.dictionary.length);
    for (let i = 0; i < column.length; i++) {
      const c = column.codes[i];
      if (c < 0) missing++;
      else byCode[c]++;
    }
    for (let c = 0; c < byCode.length; c++) {
      if (byCode[c] > 0)
        counts.set(column.dictionary[c], (counts.get(column.dictionary[c]) ?? 0) + byCode[c]);
    }
  } else {
    // A numeric column forced to be compared as categories: one category per value.
    const values = (column as Column & { values: Float64Array }).values;
    for (let i = 0; i < column.length; i++) {
      if (column.valid !== null && column.valid[i] === 0) {
        missing++;
        continue;
      }
      const label = column.kind === "datetime" ? new Date(values[i]).toISOString() : String(values[i]);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return {
    type: "categorical",
    count: column.length,
    missing,
    counts,
    exact: true,
    other: 0,
    n: column.length - missing,
  };
}

/** A side from a profile's feature state (sketch-based for numeric features). */
export function sideOfState(state: FeatureState): Side {
  switch (state.kind) {
    case "numeric":
    case "datetime": {
      const m = state.moments;
      return {
        type: "numeric",
        count: state.count,
        missing: state.missing,
        nonFinite: state.nan + state.positiveInfinity + state.negativeInfinity,
        sketch: state.kll.sketch,
        ...(state.summary === undefined ? {} : { rankError: numericRankError(state, true) }),
        ...(state.binned === undefined ? {} : { binned: state.binned }),
        n: m.count,
        mean: m.mean,
        std: m.std,
        min: m.min,
        max: m.max,
      };
    }
    case "boolean": {
      const counts = new Map<string, number>();
      const present = state.count - state.missing;
      if (present - state.trueCount > 0) counts.set("false", present - state.trueCount);
      if (state.trueCount > 0) counts.set("true", state.trueCount);
      return {
        type: "categorical",
        count: state.count,
        missing: state.missing,
        counts,
        exact: true,
        other: 0,
        n: present,
      };
    }
    case "categorical":
    case "text": {
      const present = state.count - state.missing;
      if (state.counts !== undefined) {
        return {
          type: "categorical",
          count: state.count,
          missing: state.missing,
          counts: new Map(state.counts),
          exact: true,
          other: 0,
          n: present,
        };
      }
      const counts = new Map<string, number>();
      let listed = 0;
      for (const t of state.heavy!.top()) {
        counts.set(t.value, t.count);
        listed += t.count;
      }
      return {
        type: "categorical",
        count: state.count,
        missing: state.missing,
        counts,
        exact: false,
        other: Math.max(0, present - listed),
        n: present,
      };
    }
  }
}

/** The sketch of a numeric side (built from the sorted values the first time it is needed). */
export function sketchOf(side: NumericSide): KllSketch {
  if (side.sketch === undefined) side.sketch = new KllSketch().addArray(side.sorted!);
  return side.sketch;
}

/** Number of distinct finite values of a numeric side, counting no further than `limit + 1`. */
export function distinctUpTo(side: NumericSide, limit: number): number {
  if (side.sorted !== undefined) {
    const s = side.sorted;
    let distinct = s.length > 0 ? 1 : 0;
    for (let i = 1; i < s.length && distinct <= limit; i++) if (s[i] !== s[i - 1]) distinct++;
    return distinct;
  }
  const { items } = side.sketch!.sortedItems();
  let distinct = items.length > 0 ? 1 : 0;
  for (let i = 1; i < items.length && distinct <= limit; i++) if (items[i] !== items[i - 1]) distinct++;
  return distinct;
}

/** Distinct finite values across both sides, counting no further than `limit + 1`. */
export function unionDistinctUpTo(a: NumericSide, b: NumericSide, limit: number): number {
  const values = new Set<number>();
  for (const side of [a, b]) {
    const s = side.sorted ?? side.sketch!.sortedItems().items;
    for (let i = 0; i < s.length; i++) {
      if (i > 0 && s[i] === s[i - 1]) continue;
      values.add(s[i]);
      if (values.size > limit) return values.size;
    }
  }
  return values.size;
}

/** The kind a column is compared as. */
export function comparedKind(kind: FeatureKind): "numeric" | "categorical" | "text" {
  if (kind === "numeric" || kind === "datetime") return "numeric";
  if (kind === "text") return "text";
  return "categorical";
}
