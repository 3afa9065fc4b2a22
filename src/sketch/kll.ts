import { DriftlabError } from "../errors.js";
import { nextState, seedState } from "./random.js";
import {
  checkIntegerOption,
  describe,
  incompatibleMerge,
  invalidSketch,
  readHeader,
  readNullableNumber,
  readNumber,
  readNumberArray,
} from "./sketch-json.js";

const TYPE = "kll";
const VERSION = 1;
/** Smallest capacity of any level (DataSketches' `m`). */
const MIN_LEVEL_WIDTH = 8;
const MAX_LEVELS = 61;
/** Default seed of the coin flips, so that sketches of the same data in the same order are identical. */
const DEFAULT_SEED = 0x5eed;

/** Options of {@link KllSketch}. */
export interface KllOptions {
  /**
   * Accuracy parameter, 8 ≤ k ≤ 65535. Default 200: normalized rank error ≈ 1.33% (single-sided) and
   * ≈ 1.65% (PMF/CDF, double-sided) with 99% confidence; memory ≈ 3k values.
   */
  k?: number;
  /** Seed of the random coin flips that decide which half of a level is kept. Default 0x5eed. */
  seed?: number;
}

/** The JSON form of a {@link KllSketch} (version 1). Level h holds items of weight 2^h. */
export interface KllJSON {
  type: "kll";
  version: 1;
  k: number;
  n: number;
  min: number | null;
  max: number | null;
  /** State of the coin-flip generator, so a restored sketch continues exactly as the original. */
  randomState: number;
  /** Retained items per level; level 0 in arrival order, higher levels sorted ascending. */
  levels: number[][];
}

/**
 * Nominal capacity of a level `depth` levels below the top: k·(2/3)^depth rounded to nearest, at least 8.
 * Same integer arithmetic as DataSketches' `KllHelper.levelCapacity`.
 */
function levelCapacity(k: number, depth: number): number {
  if (depth > 30) return MIN_LEVEL_WIDTH;
  const scaled = Math.floor((2 * k * 2 ** depth) / 3 ** depth);
  return Math.max(MIN_LEVEL_WIDTH, (scaled + 1) >>> 1);
}

/**
 * KLL quantile sketch of a stream of numbers (Karnin, Lang & Liberty, "Optimal Quantile Approximation in
 * Streams", FOCS 2016), with the compaction scheme of Apache DataSketches' `KllDoublesSketch`: levels of
 * capacity max(8, k·(2/3)^depth); when the sketch is full the lowest level at capacity is sorted and
 * halved (every other item, starting at a random offset, moves one level up with double weight).
 *
 * Error bound: with 99% confidence the normalized rank error of any single `rank`/`quantile` query is at
 * most `2.296 / k^0.9723` (≈ 1.33% for k = 200), and of all `cdf`/`pmf` values at once at most
 * `2.446 / k^0.9433` (≈ 1.65% for k = 200). These are Apache DataSketches' empirical fits to the 99th
 * percentile of the measured maximum error (`KllSketch.getNormalizedRankError`). The sketch is exact while
 * nothing has been compacted, i.e. for the first k values (`exact` is true). `min` and `max` are exact.
 *
 * Deterministic: the coin flips come from a seeded generator (`seed`, default fixed), so the same values
 * in the same order give the same sketch. NaN and ±Infinity are skipped and not counted.
 *
 * Memory O(k + 8·log2(n/k)) values; `add` amortized O(1) (O(log k) worst); a query O(r log r) the first
 * time after an update (r = retained items, ≈ 3k) then O(log r); `merge` O(r log r).
 */
export class KllSketch {
  /** The accuracy parameter. */
  readonly k: number;
  #levels: Float64Array[];
  #sizes: number[];
  /** Nominal capacity of each level for the current number of levels. */
  #capacities: number[];
  #totalCapacity: number;
  #retained = 0;
  #n = 0;
  #min = Infinity;
  #max = -Infinity;
  #randomState: number;
  #sorted: SortedView | null = null;

  /** A sketch with accuracy `k` (default 200) and coin-flip `seed` (default fixed). */
  constructor(options: KllOptions = {}) {
    this.k = checkIntegerOption(options.k ?? 200, "k", MIN_LEVEL_WIDTH, 65535);
    const seed = options.seed ?? DEFAULT_SEED;
    if (!Number.isInteger(seed)) {
      throw new DriftlabError("INVALID_OPTION", `Option "seed" must be an integer, got ${String(seed)}.`, {
        subject: "seed",
      });
    }
    this.#randomState = seedState(seed);
    this.#levels = [new Float64Array(this.k)];
    this.#sizes = [0];
    this.#capacities = [this.k];
    this.#totalCapacity = this.k;
  }

  /** Number of values added (including merged sketches). */
  get n(): number {
    return this.#n;
  }

  /** Exact smallest value; NaN when empty. */
  get min(): number {
    return this.#n === 0 ? NaN : this.#min;
  }

  /** Exact largest value; NaN when empty. */
  get max(): number {
    return this.#n === 0 ? NaN : this.#max;
  }

  /** True while no compaction has happened: every value is retained and all answers are exact. */
  get exact(): boolean {
    return this.#retained === this.#n;
  }

  /** Number of values kept in the sketch. */
  get retained(): number {
    return this.#retained;
  }

  /**
   * DataSketches' normalized rank error for accuracy `k` at 99% confidence: `2.296 / k^0.9723` for a single
   * rank or quantile query (`pmf = false`), `2.446 / k^0.9433` for all values of a PMF/CDF (`pmf = true`).
   */
  static normalizedRankError(k: number, pmf = false): number {
    return pmf ? 2.446 / Math.pow(k, 0.9433) : 2.296 / Math.pow(k, 0.9723);
  }

  /**
   * The smallest k whose {@link KllSketch.normalizedRankError} is at most `epsilon`: size a profile's sketches for a
   * wanted KS error (`profile(data, { kllK: KllSketch.kForRankError(0.005) })`; drift from two such profiles has
   * |D − exact D| ≤ 2ε). Memory grows about linearly in k (a sketch keeps about 3k values).
   */
  static kForRankError(epsilon: number, pmf = true): number {
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `kForRankError needs 0 < epsilon < 1, got ${String(epsilon)}.`,
        {
          subject: "epsilon",
        },
      );
    }
    const [a, b] = pmf ? [2.446, 0.9433] : [2.296, 0.9723];
    let k = Math.max(8, Math.floor(Math.pow(a / epsilon, 1 / b)));
    while (KllSketch.normalizedRankError(k, pmf) > epsilon) k++;
    return k;
  }

  /** {@link KllSketch.normalizedRankError} for this sketch's k (the bound also applies while exact). */
  normalizedRankError(pmf = false): number {
    return KllSketch.normalizedRankError(this.k, pmf);
  }

  /** Adds one value; NaN and ±Infinity are skipped. Amortized O(1). */
  add(x: number): this {
    if (!(x - x === 0)) return this;
    if (this.#retained >= this.#totalCapacity) this.#compress();
    this.#levels[0][this.#sizes[0]++] = x;
    this.#retained++;
    this.#n++;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
    this.#sorted = null;
    return this;
  }

  /**
   * Adds every finite value of `values` whose row is valid (`valid[i] !== 0`, or all rows when `valid` is
   * null/omitted); NaN and ±Infinity are skipped. Gives the same sketch as calling `add` on each value.
   * Amortized O(1) per value.
   */
  addArray(values: Float64Array, valid: Uint8Array | null = null): this {
    const length = values.length;
    let i = 0;
    let min = this.#min;
    let max = this.#max;
    let added = 0;
    while (i < length) {
      if (this.#retained >= this.#totalCapacity) this.#compress();
      let free = this.#totalCapacity - this.#retained;
      const level0 = this.#levels[0];
      const before = this.#sizes[0];
      let size = before;
      while (free > 0 && i < length) {
        const x = values[i];
        if ((valid === null || valid[i] !== 0) && x - x === 0) {
          level0[size++] = x;
          free--;
          if (x < min) min = x;
          if (x > max) max = x;
        }
        i++;
      }
      this.#sizes[0] = size;
      this.#retained += size - before;
      added += size - before;
    }
    this.#n += added;
    this.#min = min;
    this.#max = max;
    if (added > 0) this.#sorted = null;
    return this;
  }

  /**
   * Adds `other` into this sketch (in place) and returns this: levels are concatenated, then compacted
   * until the sketch fits its capacity. The error bound of a merged sketch is the same as for one built from
   * the union (KLL is fully mergeable). Throws `INCOMPATIBLE_MERGE` if the k differ. O(r log r).
   */
  merge(other: KllSketch): this {
    if (other.k !== this.k) {
      throw incompatibleMerge(TYPE, `k is ${this.k} in one and ${other.k} in the other`);
    }
    if (other.#n === 0) return this;
    while (this.#levels.length < other.#levels.length) this.#addLevel();
    for (let h = 0; h < other.#levels.length; h++) {
      const count = other.#sizes[h];
      if (count === 0) continue;
      if (h === 0) {
        this.#ensureLevelLength(0, this.#sizes[0] + count);
        this.#levels[0].set(other.#levels[0].subarray(0, count), this.#sizes[0]);
        this.#sizes[0] += count;
      } else {
        this.#mergeIntoLevel(h, other.#levels[h], 0, count);
      }
    }
    this.#retained += other.#retained;
    this.#n += other.#n;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    while (this.#retained > this.#totalCapacity) this.#compress();
    this.#ensureLevelLength(0, this.#totalCapacity);
    this.#sorted = null;
    return this;
  }

  /**
   * Approximate q-quantile: the smallest retained value whose estimated normalized rank (fraction of values
   * ≤ it) is at least q, i.e. numpy's `method="inverted_cdf"` on the retained weighted sample. `quantile(0)`
   * is the exact min and `quantile(1)` the exact max. NaN when the sketch is empty. Throws `INVALID_OPTION`
   * unless 0 ≤ q ≤ 1. The true rank of the answer is within ±`normalizedRankError()` of q (99% confidence).
   */
  quantile(q: number): number {
    checkFraction(q);
    if (this.#n === 0) return NaN;
    if (q === 0) return this.#min;
    if (q === 1) return this.#max;
    const view = this.#sortedView();
    const target = naturalRank(q, this.#n);
    const weights = view.cumulativeWeights;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (weights[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return view.items[lo];
  }

  /** {@link KllSketch.quantile} of each fraction in `qs`. */
  quantiles(qs: ArrayLike<number>): number[] {
    const out: number[] = [];
    for (let i = 0; i < qs.length; i++) out.push(this.quantile(qs[i]));
    return out;
  }

  /**
   * Estimated normalized rank of `x`: the fraction of values ≤ x (`inclusive`, default) or < x. Exact
   * (0 or 1) outside [min, max]. NaN when empty. O(log r) after the first query.
   */
  rank(x: number, inclusive = true): number {
    if (this.#n === 0) return NaN;
    if (Number.isNaN(x)) {
      throw new DriftlabError("INVALID_OPTION", "KllSketch.rank: x is NaN; pass a number.", { subject: "x" });
    }
    if (x < this.#min || (!inclusive && x === this.#min)) return 0;
    if (x > this.#max || (inclusive && x === this.#max)) return 1;
    const view = this.#sortedView();
    return weightBelow(view, x, inclusive) / this.#n;
  }

  /**
   * Estimated CDF at the split points s₁ < … < s_m (finite, strictly increasing; else `INVALID_OPTION`):
   * m + 1 values, the i-th is the fraction of values ≤ sᵢ (`inclusive`, default) or < sᵢ; the last is 1.
   * Error at most `normalizedRankError(true)` for all values at once (99% confidence). Empty sketch: NaNs.
   */
  cdf(splitPoints: ArrayLike<number>, inclusive = true): number[] {
    checkSplitPoints(splitPoints);
    const out: number[] = [];
    for (let i = 0; i < splitPoints.length; i++) out.push(this.rank(splitPoints[i], inclusive));
    out.push(this.#n === 0 ? NaN : 1);
    return out;
  }

  /**
   * Estimated probability mass of the m + 1 intervals cut by the split points: (−∞, s₁], (s₁, s₂], …,
   * (s_m, ∞) when `inclusive` (default), or with the split points in the upper interval otherwise. The
   * differences of {@link KllSketch.cdf}.
   */
  pmf(splitPoints: ArrayLike<number>, inclusive = true): number[] {
    const cumulative = this.cdf(splitPoints, inclusive);
    const out: number[] = [];
    let previous = 0;
    for (const value of cumulative) {
      out.push(value - previous);
      previous = value;
    }
    return out;
  }

  /** Retained values sorted ascending, with their weights (2^level): the sketch's weighted sample. */
  sortedItems(): { items: Float64Array; weights: Float64Array } {
    const view = this.#sortedView();
    const weights = new Float64Array(view.items.length);
    let previous = 0;
    for (let i = 0; i < weights.length; i++) {
      weights[i] = view.cumulativeWeights[i] - previous;
      previous = view.cumulativeWeights[i];
    }
    return { items: view.items.slice(), weights };
  }

  /** The state as plain JSON (see {@link KllJSON}); `fromJSON` restores it exactly, coin flips included. */
  toJSON(): KllJSON {
    const levels: number[][] = [];
    for (let h = 0; h < this.#levels.length; h++) {
      levels.push(Array.from(this.#levels[h].subarray(0, this.#sizes[h])));
    }
    const empty = this.#n === 0;
    return {
      type: TYPE,
      version: VERSION,
      k: this.k,
      n: this.#n,
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
      randomState: this.#randomState,
      levels,
    };
  }

  /**
   * Restores a sketch from {@link KllSketch.toJSON} output. Throws `INVALID_SKETCH` naming what is wrong:
   * not a version-1 kll object, k outside 8..65535, items not finite, a level above 0 not sorted, items
   * outside [min, max], n not equal to Σ |level h|·2^h, more items than the capacity, or a bad random state.
   */
  static fromJSON(json: unknown): KllSketch {
    const record = readHeader(json, TYPE, VERSION);
    const k = readNumber(record, "k", TYPE, { integer: true, min: MIN_LEVEL_WIDTH, max: 65535 });
    const n = readNumber(record, "n", TYPE, { integer: true, min: 0 });
    const min = readNullableNumber(record, "min", TYPE);
    const max = readNullableNumber(record, "max", TYPE);
    const randomState = readNumber(record, "randomState", TYPE, { integer: true, min: 1, max: 0xffffffff });
    const rawLevels = record.levels;
    if (!Array.isArray(rawLevels) || rawLevels.length === 0 || rawLevels.length > MAX_LEVELS) {
      throw invalidSketch(
        TYPE,
        `"levels" must be an array of 1 to ${MAX_LEVELS} arrays, got ${describe(rawLevels)}`,
      );
    }
    const levels = rawLevels.map((level, h) => readNumberArray(level, `levels[${h}]`, TYPE));
    let weight = 0;
    let retained = 0;
    for (let h = 0; h < levels.length; h++) {
      const level = levels[h];
      weight += level.length * 2 ** h;
      retained += level.length;
      for (let i = 0; i < level.length; i++) {
        if (h > 0 && i > 0 && level[i - 1] > level[i]) {
          throw invalidSketch(
            TYPE,
            `levels[${h}] must be sorted ascending (item ${i} is smaller than item ${i - 1})`,
          );
        }
        if (min === null || max === null || level[i] < min || level[i] > max) {
          throw invalidSketch(TYPE, `levels[${h}][${i}] = ${level[i]} is outside [min, max]`);
        }
      }
    }
    if (weight !== n)
      throw invalidSketch(TYPE, `"n" is ${n} but the levels hold a total weight of ${weight}`);
    if (n === 0 ? min !== null || max !== null : min === null || max === null || min > max) {
      throw invalidSketch(TYPE, `"min"/"max" must be null when n = 0, else numbers with min ≤ max`);
    }
    const sketch = new KllSketch({ k });
    while (sketch.#levels.length < levels.length) sketch.#addLevel();
    if (retained > sketch.#totalCapacity) {
      throw invalidSketch(
        TYPE,
        `${retained} items exceed the capacity ${sketch.#totalCapacity} of ${levels.length} levels`,
      );
    }
    for (let h = 0; h < levels.length; h++) {
      sketch.#ensureLevelLength(h, levels[h].length);
      sketch.#levels[h].set(levels[h]);
      sketch.#sizes[h] = levels[h].length;
    }
    sketch.#retained = retained;
    sketch.#n = n;
    sketch.#min = min ?? Infinity;
    sketch.#max = max ?? -Infinity;
    sketch.#randomState = randomState;
    return sketch;
  }

  /** Compacts the lowest level that is at or over its capacity (one exists whenever the sketch is full). */
  #compress(): void {
    const levelCount = this.#levels.length;
    for (let h = 0; h < levelCount; h++) {
      if (this.#sizes[h] >= this.#capacities[h]) {
        this.#compactLevel(h);
        return;
      }
    }
  }

  /**
   * Halves level h into level h + 1: sort it (level 0 only; higher levels are kept sorted), leave one item
   * behind if the count is odd, keep every other item from a random offset 0 or 1 and merge those into the
   * level above, where each stands for twice the weight.
   */
  #compactLevel(h: number): void {
    if (h === this.#levels.length - 1) this.#addLevel();
    const level = this.#levels[h];
    const population = this.#sizes[h];
    const odd = population & 1;
    const even = population - odd;
    const half = even >>> 1;
    let begin: number;
    if (h === 0) {
      // The most recent item stays behind unsorted, as in DataSketches.
      sortRange(level, 0, even);
      begin = 0;
    } else {
      // The smallest item stays behind, so the level remains sorted.
      begin = odd;
    }
    this.#randomState = nextState(this.#randomState);
    const offset = this.#randomState >>> 31;
    for (let i = 0; i < half; i++) level[begin + i] = level[begin + 2 * i + offset];
    this.#mergeIntoLevel(h + 1, level, begin, half);
    if (odd === 1 && h === 0) level[0] = level[even];
    this.#sizes[h] = odd;
    this.#retained -= half;
    this.#sorted = null;
  }

  /** Merges the sorted run source[begin, begin + count) into the sorted level h, from the back. */
  #mergeIntoLevel(h: number, source: Float64Array, begin: number, count: number): void {
    const size = this.#sizes[h];
    this.#ensureLevelLength(h, size + count);
    const target = this.#levels[h];
    let i = size - 1;
    let j = begin + count - 1;
    let write = size + count - 1;
    while (j >= begin) {
      if (i >= 0 && target[i] > source[j]) target[write--] = target[i--];
      else target[write--] = source[j--];
    }
    this.#sizes[h] = size + count;
  }

  #ensureLevelLength(h: number, length: number): void {
    const level = this.#levels[h];
    if (level.length >= length) return;
    const grown = new Float64Array(Math.max(length, level.length * 2));
    grown.set(level.subarray(0, this.#sizes[h]));
    this.#levels[h] = grown;
  }

  #addLevel(): void {
    if (this.#levels.length >= MAX_LEVELS) {
      throw new DriftlabError("INVALID_OPTION", `KllSketch: more than ${MAX_LEVELS} levels; n is too large.`);
    }
    this.#levels.push(new Float64Array(MIN_LEVEL_WIDTH));
    this.#sizes.push(0);
    const levelCount = this.#levels.length;
    let total = 0;
    for (let h = 0; h < levelCount; h++) {
      this.#capacities[h] = levelCapacity(this.k, levelCount - h - 1);
      total += this.#capacities[h];
    }
    this.#totalCapacity = total;
    this.#ensureLevelLength(0, total);
  }

  #sortedView(): SortedView {
    if (this.#sorted !== null) return this.#sorted;
    const count = this.#retained;
    const items = new Float64Array(count);
    const levelOf = new Uint8Array(count);
    let at = 0;
    for (let h = 0; h < this.#levels.length; h++) {
      const size = this.#sizes[h];
      items.set(this.#levels[h].subarray(0, size), at);
      levelOf.fill(h, at, at + size);
      at += size;
    }
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => items[a] - items[b]);
    const sortedItems = new Float64Array(count);
    const cumulativeWeights = new Float64Array(count);
    let cumulative = 0;
    for (let i = 0; i < count; i++) {
      sortedItems[i] = items[order[i]];
      cumulative += 2 ** levelOf[order[i]];
      cumulativeWeights[i] = cumulative;
    }
    this.#sorted = { items: sortedItems, cumulativeWeights };
    return this.#sorted;
  }
}

interface SortedView {
  items: Float64Array;
  /** cumulativeWeights[i] = total weight of items[0..i]. */
  cumulativeWeights: Float64Array;
}

/** Total weight of the items ≤ x (inclusive) or < x. */
function weightBelow(view: SortedView, x: number, inclusive: boolean): number {
  const items = view.items;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? items[mid] <= x : items[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : view.cumulativeWeights[lo - 1];
}

/** ceil(q·n), ignoring floating-point noise such as 0.7·10 = 7.000000000000001. At least 1. */
function naturalRank(q: number, n: number): number {
  const raw = q * n;
  const rounded = Math.round(raw);
  const rank = Math.abs(raw - rounded) <= 1e-9 * Math.max(1, raw) ? rounded : Math.ceil(raw);
  return Math.max(1, rank);
}

function checkFraction(q: number): void {
  if (!(q >= 0 && q <= 1)) {
    throw new DriftlabError("INVALID_OPTION", `Quantile fraction must be from 0 to 1, got ${String(q)}.`, {
      subject: "q",
    });
  }
}

function checkSplitPoints(points: ArrayLike<number>): void {
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]) || (i > 0 && !(points[i] > points[i - 1]))) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Split points must be finite and strictly increasing; split point ${i} is ${String(points[i])}.`,
        { subject: "splitPoints" },
      );
    }
  }
}

/** Sorts values[begin, end) ascending; insertion sort for the short runs that dominate compaction. */
function sortRange(values: Float64Array, begin: number, end: number): void {
  if (end - begin > 24) {
    values.subarray(begin, end).sort();
    return;
  }
  for (let i = begin + 1; i < end; i++) {
    const x = values[i];
    let j = i - 1;
    while (j >= begin && values[j] > x) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = x;
  }
}
