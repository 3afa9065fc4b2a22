/**
 * What a reader learned about a column's values while it read them, for the kernels that can use it: the smallest
 * and largest finite value of a numeric column (the CSV reader sees every value anyway). Kept beside the values
 * array, keyed by it, so that a column derived from another (sliced, converted, copied) has no hint. A hint is only
 * ever a shortcut: the profile checks it against what it computes itself (src/stats/state/numeric.ts).
 */
const ranges = new WeakMap<Float64Array, readonly [number, number]>();

/** Notes that the finite values of `values` lie in [min, max] and reach both (nothing is noted for an empty range). */
export function noteValueRange(values: Float64Array, min: number, max: number): void {
  if (min <= max) ranges.set(values, [min, max]);
}

/** The [min, max] of the finite values of `values` when a reader noted it. */
export function valueRangeOf(values: Float64Array): readonly [number, number] | undefined {
  return ranges.get(values);
}
