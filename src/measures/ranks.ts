/** Ranks with ties: each value gets the average of the ranks it spans (scipy.stats.rankdata, method "average"). */
export interface Midranks {
  /** 1-based midranks, in the order of the input. */
  ranks: Float64Array;
  /** Sizes of the groups of tied values (groups of one included). */
  tieSizes: number[];
}

/** Midranks of `values`. O(n log n). */
export function midranks(values: ArrayLike<number>): Midranks {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/** `a` followed by `b` in one Float64Array. */
export function concatenate(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  for (let i = 0; i < b.length; i++) out[a.length + i] = b[i];
  return out;
}
