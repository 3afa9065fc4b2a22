import { readHeader, readNullableNumber, readNumber, invalidSketch } from "./sketch-json.js";

const TYPE = "moments";
const VERSION = 1;
/**
 * Values per block in {@link Moments.addArray}: small enough to stay in L1 cache for the second pass. Adding an array
 * block by block (`addArray(values.subarray(k * MOMENTS_BLOCK, (k + 1) * MOMENTS_BLOCK))` for k = 0, 1, ...) gives
 * the same sketch as adding it at once.
 */
export const MOMENTS_BLOCK = 2048;
const BLOCK = MOMENTS_BLOCK;
/** scipy.stats' threshold below which the variance counts as zero (numpy `finfo(float64).resolution`). */
const RESOLUTION = 1e-15;

/** The JSON form of a {@link Moments} sketch (version 1). `min`/`max` are null while the sketch is empty. */
export interface MomentsJSON {
  type: "moments";
  version: 1;
  count: number;
  /** Sum of the values; the exact sum is `sum + sumCompensation` (Neumaier's compensated summation). */
  sum: number;
  sumCompensation: number;
  mean: number;
  /** Sums of the 2nd, 3rd and 4th powers of deviations from the mean. */
  m2: number;
  m3: number;
  m4: number;
  min: number | null;
  max: number | null;
  /**
   * Present when the values were scaled to avoid overflow or underflow: `mean`, `m2`, `m3`, `m4` are those of the
   * values times 2^scaleExponent (min, max and sum are not scaled). Absent (0) for ordinary magnitudes.
   */
  scaleExponent?: number;
}

/**
 * Count, sum, mean, variance, skewness, kurtosis, min and max of a stream of numbers, mergeable exactly.
 *
 * Keeps the central moment sums M2 = Σ(x − mean)², M3 = Σ(x − mean)³, M4 = Σ(x − mean)⁴, updated with
 * Welford's method for single values (Welford 1962; the M3/M4 updates of Terriberry 2007 / Pébay 2008) and
 * combined with the parallel formulas of Chan, Golub & LeVeque ("Updating formulae and a pairwise algorithm
 * for computing sample variances", 1979) extended to M3/M4 by Pébay ("Formulas for robust, one-pass parallel
 * computation of covariances and arbitrary-order statistical moments", Sandia SAND2008-6212). These are
 * numerically stable: no `Σx² − n·mean²` cancellation. The sum uses Neumaier's compensated summation.
 *
 * Only finite values are summarized. `add` and `addArray` skip NaN and ±Infinity without counting them:
 * count those separately (a profile reports them as their own statistic).
 *
 * Error: merging is exact in exact arithmetic; in floating point, `merge(sketch(a), sketch(b))` agrees with
 * `sketch(a ∪ b)` to a relative ~1e-14 for mean and variance on ordinary data (tests check 1e-9). Prefer
 * `addArray`: its blocked two-pass computation matches exact (rational) moments to ~1e-12 even for data
 * like 1e9 ± 1, where one-at-a-time `add` (Welford) loses about ulp(mean)/std relative accuracy (~1e-8
 * in variance there) because the running mean is rounded at every step. The sum is accurate to about one
 * ulp, not correctly rounded. Magnitudes beyond [2^-200, 2^200] (up to ±1.8e308, down to subnormals) are summarized
 * in a power-of-two scaled form (exact: only the exponent changes), so mean and std of ±1e308 do not overflow and
 * the spread of subnormals does not underflow to 0; the sum alone may overflow to ±Infinity (it is not
 * representable then).
 *
 * Memory O(1); `add` O(1); `addArray` O(n) in two cache-friendly passes per block of 2048 values;
 * `merge` O(1).
 */
export class Moments {
  #count = 0;
  #mean = 0;
  #m2 = 0;
  #m3 = 0;
  #m4 = 0;
  #min = Infinity;
  #max = -Infinity;
  #sum = 0;
  #sumCompensation = 0;
  /** mean, m2, m3, m4 (and the internal min/max bounds of the mean) are in units of 2^-exponent. */
  #exponent = 0;

  /** Number of finite values added. */
  get count(): number {
    return this.#count;
  }

  /** Sum of the values (compensated); 0 when empty. */
  get sum(): number {
    return Number.isFinite(this.#sum) ? this.#sum + this.#sumCompensation : this.#sum;
  }

  /** Arithmetic mean; NaN when empty. */
  get mean(): number {
    return this.#count === 0 ? NaN : scaleBy(this.#mean, -this.#exponent);
  }

  /** Smallest value; NaN when empty. */
  get min(): number {
    return this.#count === 0 ? NaN : this.#min;
  }

  /** Largest value; NaN when empty. */
  get max(): number {
    return this.#count === 0 ? NaN : this.#max;
  }

  /** Population variance M2 / n (numpy `var(ddof=0)`); NaN when empty; +Infinity when it exceeds the double range. */
  get variance(): number {
    return this.#count === 0 ? NaN : scaleBy(this.#m2 / this.#count, -2 * this.#exponent);
  }

  /** Sample variance M2 / (n − 1) (numpy `var(ddof=1)`, pandas `var()`); NaN when fewer than 2 values. */
  get sampleVariance(): number {
    return this.#count < 2 ? NaN : scaleBy(this.#m2 / (this.#count - 1), -2 * this.#exponent);
  }

  /** Population standard deviation √(M2 / n); NaN when empty. Finite whenever the values are. */
  get std(): number {
    return this.#count === 0 ? NaN : scaleBy(Math.sqrt(this.#m2 / this.#count), -this.#exponent);
  }

  /** Sample standard deviation √(M2 / (n − 1)); NaN when fewer than 2 values. */
  get sampleStd(): number {
    return this.#count < 2 ? NaN : scaleBy(Math.sqrt(this.#m2 / (this.#count - 1)), -this.#exponent);
  }

  /**
   * Skewness g1 = m3 / m2^1.5 with m_k = M_k / n: the biased (moment) estimator, as `scipy.stats.skew`
   * with its default `bias=True`. NaN when empty or when the variance is zero (all values equal), as scipy.
   */
  get skewness(): number {
    const m2 = this.#normalizedM2();
    return Number.isNaN(m2) ? NaN : this.#m3 / this.#count / Math.pow(m2, 1.5);
  }

  /**
   * Excess kurtosis g2 = m4 / m2² − 3 with m_k = M_k / n: as `scipy.stats.kurtosis` with its defaults
   * (`fisher=True`, `bias=True`); 0 for a normal distribution. NaN when empty or when the variance is zero.
   */
  get kurtosis(): number {
    const m2 = this.#normalizedM2();
    return Number.isNaN(m2) ? NaN : this.#m4 / this.#count / (m2 * m2) - 3;
  }

  /** m2 = M2 / n, or NaN where scipy treats the variance as zero. */
  #normalizedM2(): number {
    if (this.#count === 0) return NaN;
    const m2 = this.#m2 / this.#count;
    const scale = RESOLUTION * this.#mean;
    return m2 <= scale * scale ? NaN : m2;
  }

  /** Adds one value. NaN and ±Infinity are skipped (not counted). O(1). */
  add(x: number): this {
    if (!(x - x === 0)) return this;
    const magnitude = Math.abs(x);
    if (this.#exponent !== 0 || magnitude > SCALE_ABOVE || (magnitude < SCALE_BELOW && magnitude > 0)) {
      one[0] = x;
      return this.addArray(one);
    }
    const previousCount = this.#count;
    const count = previousCount + 1;
    const delta = x - this.#mean;
    const deltaN = delta / count;
    const deltaN2 = deltaN * deltaN;
    const term1 = delta * deltaN * previousCount;
    this.#mean += deltaN;
    this.#m4 +=
      term1 * deltaN2 * (count * count - 3 * count + 3) + 6 * deltaN2 * this.#m2 - 4 * deltaN * this.#m3;
    this.#m3 += term1 * deltaN * (count - 2) - 3 * deltaN * this.#m2;
    this.#m2 += term1;
    this.#count = count;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
    this.#addToSum(x);
    return this;
  }

  /**
   * Adds every finite value of `values` whose row is valid (`valid[i] !== 0`, or every row when `valid` is
   * null/omitted). NaN and ±Infinity are skipped and not counted.
   *
   * Per block of 2048 values: one pass for count, sum, min and max, a second pass for the sums of powers of
   * deviations from the block's mean (with the exact shift correction for the rounding of that mean), then
   * the block is merged in with Chan/Pébay's formulas. O(n), no allocation.
   */
  addArray(values: Float64Array, valid: Uint8Array | null = null): this {
    const length = values.length;
    const block = blockScratch;
    for (let start = 0; start < length; start += BLOCK) {
      const end = Math.min(start + BLOCK, length);
      if (!(valid === null && uncheckedBlockStats(values, start, end, block))) {
        checkedBlockStats(values, valid, start, end, block);
      }
      this.#addBlock(values, valid, start, end, block[0], block[1], block[2], block[3]);
    }
    return this;
  }

  /**
   * Adds the block values[start, end) — at most {@link MOMENTS_BLOCK} values, all finite — whose sum (added in index
   * order from 0), min and max (by `<` and `>`) the caller found in a pass of its own: the same sketch as `addArray`
   * of the block, without that first pass (src/stats/state/numeric.ts counts and classifies in it too).
   */
  addFiniteBlock(
    values: Float64Array,
    start: number,
    end: number,
    sum: number,
    min: number,
    max: number,
  ): this {
    this.#addBlock(values, null, start, end, end - start, sum, min, max);
    return this;
  }

  /** Adds a block from its first pass's count, sum, min and max: its deviation sums, then the merge. */
  #addBlock(
    values: Float64Array,
    valid: Uint8Array | null,
    start: number,
    end: number,
    count: number,
    sum: number,
    min: number,
    max: number,
  ): void {
    if (count === 0) return;
    const block = blockScratch;
    const magnitude = Math.max(Math.abs(min), Math.abs(max));
    // Extreme magnitudes: moments of x·2^k, with 2^k bringing the largest |x| into [0.5, 1).
    const k =
      magnitude > SCALE_ABOVE || (magnitude < SCALE_BELOW && magnitude > 0)
        ? -Math.floor(Math.log2(magnitude)) - 1
        : 0;
    if (min === max) {
      this.#combine(count, scaleBy(min, k), 0, 0, 0, min, max, sum, 0, k);
      return;
    }
    let shift: number;
    if (k === 0) {
      shift = sum / count;
      if (count === end - start) uncheckedDeviationSums(values, start, end, shift, block);
      else checkedDeviationSums(values, valid, start, end, shift, block);
    } else {
      const scaledSum = scaledBlockSum(values, valid, start, end, k);
      sum = scaleBy(scaledSum, -k);
      shift = scaledSum / count;
      scaledDeviationSums(values, valid, start, end, k, shift, block);
    }
    const s1 = block[4];
    const s2 = block[5];
    const s3 = block[6];
    const s4 = block[7];
    // Moments about the true block mean shift + delta, from the sums about `shift` (binomial expansion).
    const delta = s1 / count;
    const delta2 = delta * delta;
    const m2 = Math.max(0, s2 - count * delta2);
    const m3 = s3 - 3 * delta * s2 + 2 * count * delta2 * delta;
    const m4 = Math.max(0, s4 - 4 * delta * s3 + 6 * delta2 * s2 - 3 * count * delta2 * delta2);
    const mean = Math.min(scaleBy(max, k), Math.max(scaleBy(min, k), shift + delta));
    this.#combine(count, mean, m2, m3, m4, min, max, sum, 0, k);
  }

  /**
   * Adds the summary of `other` to this one (in place) and returns this. Moments have no parameters, so any
   * two merge. O(1).
   */
  merge(other: Moments): this {
    this.#combine(
      other.#count,
      other.#mean,
      other.#m2,
      other.#m3,
      other.#m4,
      other.#min,
      other.#max,
      other.#sum,
      other.#sumCompensation,
      other.#exponent,
    );
    return this;
  }

  #combine(
    countB: number,
    meanB: number,
    m2B: number,
    m3B: number,
    m4B: number,
    minB: number,
    maxB: number,
    sumB: number,
    sumCompensationB: number,
    exponentB: number,
  ): void {
    if (countB === 0) return;
    const countA = this.#count;
    if (countA > 0 && exponentB !== this.#exponent) {
      // Bring both to the smaller exponent (the larger magnitudes); the smaller side's moments may underflow, which
      // is right: they are negligible next to the other side's.
      if (exponentB < this.#exponent) this.#rescale(exponentB);
      else {
        const d = this.#exponent - exponentB;
        meanB = scaleBy(meanB, d);
        m2B = scaleBy(m2B, 2 * d);
        m3B = scaleBy(m3B, 3 * d);
        m4B = scaleBy(m4B, 4 * d);
      }
    }
    if (countA === 0) {
      this.#exponent = exponentB;
      this.#count = countB;
      this.#mean = meanB;
      this.#m2 = m2B;
      this.#m3 = m3B;
      this.#m4 = m4B;
      this.#min = minB;
      this.#max = maxB;
      this.#sum = sumB;
      this.#sumCompensation = sumCompensationB;
      return;
    }
    const count = countA + countB;
    const m2A = this.#m2;
    const m3A = this.#m3;
    const delta = meanB - this.#mean;
    const deltaN = delta / count;
    const deltaN2 = deltaN * deltaN;
    const product = countA * countB;
    this.#m4 +=
      m4B +
      delta * deltaN2 * deltaN * product * (countA * countA - product + countB * countB) +
      6 * deltaN2 * (countA * countA * m2B + countB * countB * m2A) +
      4 * deltaN * (countA * m3B - countB * m3A);
    this.#m3 +=
      m3B + delta * deltaN2 * product * (countA - countB) + 3 * deltaN * (countA * m2B - countB * m2A);
    this.#m2 += m2B + delta * deltaN * product;
    this.#min = Math.min(this.#min, minB);
    this.#max = Math.max(this.#max, maxB);
    const e = this.#exponent;
    this.#mean = Math.min(
      scaleBy(this.#max, e),
      Math.max(scaleBy(this.#min, e), this.#mean + deltaN * countB),
    );
    this.#count = count;
    this.#addToSum(sumB);
    this.#sumCompensation += sumCompensationB;
  }

  /** Moves the scaled moments to units of 2^-exponent (a smaller exponent than now). */
  #rescale(exponent: number): void {
    const d = exponent - this.#exponent;
    this.#mean = scaleBy(this.#mean, d);
    this.#m2 = scaleBy(this.#m2, 2 * d);
    this.#m3 = scaleBy(this.#m3, 3 * d);
    this.#m4 = scaleBy(this.#m4, 4 * d);
    this.#exponent = exponent;
  }

  /** Neumaier's variant of Kahan summation. An overflowed sum stays ±Infinity (no NaN compensation). */
  #addToSum(x: number): void {
    const sum = this.#sum;
    const total = sum + x;
    if (!Number.isFinite(total)) {
      this.#sum = total;
      return;
    }
    if (Math.abs(sum) >= Math.abs(x)) this.#sumCompensation += sum - total + x;
    else this.#sumCompensation += x - total + sum;
    this.#sum = total;
  }

  /** The state as plain JSON (see {@link MomentsJSON}); `Moments.fromJSON(m.toJSON())` restores it exactly. */
  toJSON(): MomentsJSON {
    const empty = this.#count === 0;
    return {
      type: TYPE,
      version: VERSION,
      count: this.#count,
      sum: this.#sum,
      sumCompensation: this.#sumCompensation,
      mean: this.#mean,
      m2: this.#m2,
      m3: this.#m3,
      m4: this.#m4,
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
      ...(this.#exponent === 0 ? {} : { scaleExponent: this.#exponent }),
    };
  }

  /**
   * Restores a sketch from {@link Moments.toJSON} output. Throws `INVALID_SKETCH` naming the field when the
   * input is not a version-1 moments object, a number is missing or not finite, the count is not a
   * non-negative integer, M2/M4 are negative, or min ≤ mean ≤ max does not hold.
   */
  static fromJSON(json: unknown): Moments {
    const record = readHeader(json, TYPE, VERSION);
    const count = readNumber(record, "count", TYPE, { integer: true, min: 0 });
    // A sum beyond the double range was written as null (JSON has no Infinity); its sign is the mean's.
    const overflowedSum = record.sum === null;
    let sum = overflowedSum ? 0 : readNumber(record, "sum", TYPE);
    const exponent =
      record.scaleExponent === undefined
        ? 0
        : readNumber(record, "scaleExponent", TYPE, { integer: true, min: -1100, max: 1100 });
    const sumCompensation = readNumber(record, "sumCompensation", TYPE);
    const mean = readNumber(record, "mean", TYPE);
    if (overflowedSum) sum = mean >= 0 ? Infinity : -Infinity;
    const m2 = readNumber(record, "m2", TYPE, { min: 0 });
    const m3 = readNumber(record, "m3", TYPE);
    const m4 = readNumber(record, "m4", TYPE, { min: 0 });
    const min = readNullableNumber(record, "min", TYPE);
    const max = readNullableNumber(record, "max", TYPE);
    const sketch = new Moments();
    if (count === 0) {
      if (min !== null || max !== null || sum !== 0 || sumCompensation !== 0 || mean !== 0 || m2 !== 0) {
        throw invalidSketch(TYPE, "an empty sketch (count 0) must have sum, mean and m2 0 and min/max null");
      }
      return sketch;
    }
    if (min === null || max === null)
      throw invalidSketch(TYPE, `"min" and "max" must be numbers when count > 0`);
    if (!(min <= scaleBy(mean, -exponent) && scaleBy(mean, -exponent) <= max)) {
      throw invalidSketch(TYPE, `expected min ≤ mean ≤ max, got ${min}, ${mean}, ${max}`);
    }
    sketch.#count = count;
    sketch.#sum = sum;
    sketch.#sumCompensation = sumCompensation;
    sketch.#mean = mean;
    sketch.#m2 = m2;
    sketch.#m3 = m3;
    sketch.#m4 = m4;
    sketch.#min = min;
    sketch.#max = max;
    sketch.#exponent = exponent;
    return sketch;
  }
}

/** Blocks whose largest magnitude is outside [2^-200, 2^200] are summarized scaled (4th powers stay finite). */
const SCALE_ABOVE = 2 ** 200;
const SCALE_BELOW = 2 ** -200;
const one = new Float64Array(1);

/** x·2^k, exact unless the result over- or underflows; k may exceed the exponent range of one double. */
function scaleBy(x: number, k: number): number {
  if (k === 0) return x;
  let result = x;
  let rest = k;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

function scaledBlockSum(
  values: Float64Array,
  valid: Uint8Array | null,
  start: number,
  end: number,
  k: number,
): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if ((valid === null || valid[i] !== 0) && x - x === 0) sum += scaleBy(x, k);
  }
  return sum;
}

function scaledDeviationSums(
  values: Float64Array,
  valid: Uint8Array | null,
  start: number,
  end: number,
  k: number,
  shift: number,
  out: Float64Array,
): void {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if ((valid === null || valid[i] !== 0) && x - x === 0) {
      const d = scaleBy(x, k) - shift;
      const d2 = d * d;
      s1 += d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
  }
  out[4] = s1;
  out[5] = s2;
  out[6] = s3;
  out[7] = s4;
}

// The hot loops of Moments.addArray, kept apart and monomorphic. Results go to `out`:
// [count, sum, min, max] from the first pass, [s1, s2, s3, s4] (sums of powers of x − shift) from the second.
const blockScratch = new Float64Array(8);

/**
 * First pass without checks: if the block's sum is finite, every value was finite and the stats are right.
 * Returns false when some value was NaN or ±Infinity (or the sum overflowed): then use the checked pass.
 */
function uncheckedBlockStats(values: Float64Array, start: number, end: number, out: Float64Array): boolean {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const x = values[i];
    sum += x;
    // Not Math.min / Math.max: slower, and -0 and 0 then compare as checkedBlockStats and addFiniteBlock's callers do.
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (!(sum - sum === 0)) return false;
  out[0] = end - start;
  out[1] = sum;
  out[2] = min;
  out[3] = max;
  return true;
}

function checkedBlockStats(
  values: Float64Array,
  valid: Uint8Array | null,
  start: number,
  end: number,
  out: Float64Array,
): void {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if ((valid === null || valid[i] !== 0) && x - x === 0) {
      count++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  out[0] = count;
  out[1] = sum;
  out[2] = min;
  out[3] = max;
}

function uncheckedDeviationSums(
  values: Float64Array,
  start: number,
  end: number,
  shift: number,
  out: Float64Array,
): void {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = start; i < end; i++) {
    const d = values[i] - shift;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  out[4] = s1;
  out[5] = s2;
  out[6] = s3;
  out[7] = s4;
}

function checkedDeviationSums(
  values: Float64Array,
  valid: Uint8Array | null,
  start: number,
  end: number,
  shift: number,
  out: Float64Array,
): void {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if ((valid === null || valid[i] !== 0) && x - x === 0) {
      const d = x - shift;
      const d2 = d * d;
      s1 += d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
  }
  out[4] = s1;
  out[5] = s2;
  out[6] = s3;
  out[7] = s4;
}
