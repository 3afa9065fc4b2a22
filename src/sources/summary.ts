import { KllSketch, type KllJSON } from "../sketch/index.js";

/**
 * The quantile summary an engine returns for one numeric column: the finite values cut into buckets of
 * consecutive values (the buckets' value ranges do not overlap), each with its exact count, min and max.
 */
export interface SummaryBucket {
  count: number;
  min: number;
  max: number;
}

/** A value with a weight: the summary's point masses. */
interface Atom {
  value: number;
  weight: number;
}

/**
 * The summary as point masses, and its rank error. A bucket whose min equals its max is exact. Any other bucket
 * puts ⌊c/2⌋ at its min and ⌈c/2⌉ at its max: the true number of values ≤ x (or < x) for x inside the bucket is
 * between 1 and c − 1 more than below the bucket, the point masses say ⌊c/2⌋ more, so the error is at most
 * ⌈c/2⌉ − 1 values; outside every bucket's open range the CDF is exact. Error = max over buckets / total.
 */
export function summaryAtoms(buckets: readonly SummaryBucket[]): {
  atoms: Atom[];
  n: number;
  rankError: number;
} {
  const sorted = [...buckets].filter((b) => b.count > 0).sort((a, b) => a.min - b.min);
  const atoms: Atom[] = [];
  let n = 0;
  let worst = 0;
  for (const b of sorted) {
    n += b.count;
    if (b.min === b.max) atoms.push({ value: b.min, weight: b.count });
    else {
      atoms.push({ value: b.min, weight: Math.floor(b.count / 2) });
      atoms.push({ value: b.max, weight: Math.ceil(b.count / 2) });
      worst = Math.max(worst, Math.ceil(b.count / 2) - 1);
    }
  }
  return { atoms, n, rankError: n === 0 ? 0 : worst / n };
}

/** The error in values of one bucket (see {@link summaryAtoms}). */
export function bucketError(b: SummaryBucket): number {
  return b.min === b.max ? 0 : Math.ceil(b.count / 2) - 1;
}

/** DataSketches' level capacity (same arithmetic as src/sketch/kll.ts): k·(2/3)^depth rounded, at least 8. */
function levelCapacity(k: number, depth: number): number {
  if (depth > 30) return 8;
  const scaled = Math.floor((2 * k * 2 ** depth) / 3 ** depth);
  return Math.max(8, (scaled + 1) >>> 1);
}

function totalCapacity(k: number, levels: number): number {
  let total = 0;
  for (let h = 0; h < levels; h++) total += levelCapacity(k, levels - 1 - h);
  return total;
}

function popcount(x: number): number {
  let bits = 0;
  for (let r = x; r > 0; r = Math.floor(r / 2)) bits += r % 2;
  return bits;
}

/**
 * A KLL sketch (accuracy `k`, so that it merges with the profiles' sketches) whose items stand for the point masses:
 * the masses exactly when their binary digits fit the sketch (error 0), else items of weight W = 2^h at the values where the masses' CDF reaches the middle of each item's share of the rank,
 * W the smallest power of two for which the items fit the sketch's capacity, the remainder as one item per binary
 * digit. Returns the sketch and its exact deviation from the point masses (max over x of |H(x) − G(x)| / n, for
 * ≤ x and < x), computed by a walk over both step functions. O(atoms + items).
 */
export function sketchOfAtoms(
  k: number,
  atoms: readonly Atom[],
  min: number,
  max: number,
): { sketch: KllSketch; rankError: number } {
  const n = atoms.reduce((t, a) => t + a.weight, 0);
  if (n === 0) return { sketch: new KllSketch({ k }), rankError: 0 };
  const exact = exactSketch(k, atoms, n, min, max);
  if (exact !== undefined) return { sketch: exact, rankError: 0 };
  let w = 1;
  let levels = 1;
  for (;;) {
    const m = Math.floor(n / w);
    if (m + popcount(n - m * w) <= totalCapacity(k, levels)) break;
    w *= 2;
    levels++;
  }
  // Item weights in ascending value order: the full-weight items, then the remainder's binary digits.
  const weights: number[] = [];
  const full = Math.floor(n / w);
  for (let i = 0; i < full; i++) weights.push(w);
  let rest = n - full * w;
  for (let bit = w / 2; bit >= 1; bit /= 2) {
    if (rest >= bit) {
      weights.push(bit);
      rest -= bit;
    }
  }
  const itemValues: number[] = [];
  let a = 0;
  let cumulative = atoms[0].weight; // atom weight up to and including atom a
  let start = 0;
  for (const weight of weights) {
    const target = start + weight / 2;
    while (cumulative < target && a < atoms.length - 1) cumulative += atoms[++a].weight;
    itemValues.push(atoms[a].value);
    start += weight;
  }
  const json: KllJSON = {
    ...new KllSketch({ k }).toJSON(),
    n,
    min,
    max,
    levels: Array.from({ length: levels }, () => [] as number[]),
  };
  for (let i = 0; i < weights.length; i++) json.levels[Math.log2(weights[i])].push(itemValues[i]);
  const sketch = KllSketch.fromJSON(json);
  return { sketch, rankError: stepDeviation(atoms, itemValues, weights) / n };
}

/**
 * The point masses exactly, when they fit: each mass written in binary, one item per set bit at that bit's level
 * (few distinct values — flags, codes, small integers — fit at any row count). Undefined when they do not fit.
 */
function exactSketch(
  k: number,
  atoms: readonly Atom[],
  n: number,
  min: number,
  max: number,
): KllSketch | undefined {
  let items = 0;
  let levels = 1;
  for (const a of atoms) {
    items += popcount(a.weight);
    levels = Math.max(levels, Math.floor(Math.log2(a.weight)) + 1);
  }
  if (items > totalCapacity(k, levels)) return undefined;
  const json: KllJSON = {
    ...new KllSketch({ k }).toJSON(),
    n,
    min,
    max,
    levels: Array.from({ length: levels }, () => [] as number[]),
  };
  for (const a of atoms) {
    let rest = a.weight;
    for (let h = 0; rest > 0; h++, rest = Math.floor(rest / 2))
      if (rest % 2 === 1) json.levels[h].push(a.value);
  }
  return KllSketch.fromJSON(json);
}

/** Max |H − G| over all x, for both ≤ x and < x, of two weighted step functions given in ascending value order. */
function stepDeviation(
  atoms: readonly Atom[],
  values: readonly number[],
  weights: readonly number[],
): number {
  let i = 0;
  let j = 0;
  let g = 0;
  let h = 0;
  let worst = 0;
  while (i < atoms.length || j < values.length) {
    const x = Math.min(
      i < atoms.length ? atoms[i].value : Infinity,
      j < values.length ? values[j] : Infinity,
    );
    worst = Math.max(worst, Math.abs(g - h)); // < x
    while (i < atoms.length && atoms[i].value === x) g += atoms[i++].weight;
    while (j < values.length && values[j] === x) h += weights[j++];
    worst = Math.max(worst, Math.abs(g - h)); // ≤ x
  }
  return worst;
}
