import { DriftlabError } from "../errors.js";
import { binScale, equalWidthEdges, type BinScale } from "./edges.js";
import { KllSketch } from "./kll.js";
import { incompatibleMerge, invalidSketch, readHeader, readNumber, readNumberArray } from "./sketch-json.js";

const TYPE = "histogram";
const VERSION = 1;

/** The JSON form of an {@link EqualWidthHistogram} (version 1). */
export interface EqualWidthHistogramJSON {
  type: "histogram";
  version: 1;
  edges: number[];
  counts: number[];
  underflow: number;
  overflow: number;
  nanCount: number;
}

/**
 * Counts of values per bin between fixed edges, with numpy.histogram's semantics: bin i holds
 * edges[i] ≤ x < edges[i + 1], except the last bin, which is closed: edges[n − 1] ≤ x ≤ edges[n]. Values
 * below the first edge (−Infinity included) count as `underflow`, above the last (+Infinity included) as
 * `overflow`, NaN as `nanCount`; numpy drops all three. Missing rows are skipped.
 *
 * Edges either come from `EqualWidthHistogram.fromRange(min, max, bins)`, computed exactly as
 * `np.linspace(min, max, bins + 1)` (with numpy's widening of an empty range to [min − 0.5, max + 0.5]), or
 * are given (any finite, strictly increasing edges). Equal-width edges use numpy's index formula
 * (x − first)·bins/(last − first) corrected by one bin against the actual edges; other edges use binary
 * search. Either way every value lands in the bin its comparisons with the edges say, so counts match
 * numpy exactly, including values within one ulp of an edge.
 *
 * Merging adds counts and is exact; it requires identical edges (else `INCOMPATIBLE_MERGE`).
 * Memory O(bins); `add` O(1) for equal-width edges, O(log bins) otherwise.
 */
export class EqualWidthHistogram {
  /** The bin edges (bins + 1 values). Do not modify. */
  readonly edges: Float64Array;
  /** Count per bin. */
  readonly counts: Float64Array;
  #underflow = 0;
  #overflow = 0;
  #nanCount = 0;
  readonly #uniform: boolean;
  readonly #scale: BinScale;

  /**
   * A histogram over the given `edges`: finite, strictly increasing, at least two. Throws `INVALID_OPTION`
   * otherwise.
   */
  constructor(edges: ArrayLike<number>) {
    if (edges.length < 2) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Histogram edges: need at least 2 edges, got ${edges.length}.`,
        {
          subject: "edges",
        },
      );
    }
    for (let i = 0; i < edges.length; i++) {
      if (!Number.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `Histogram edges must be finite and strictly increasing; edge ${i} is ${String(edges[i])}.`,
          { subject: "edges" },
        );
      }
    }
    this.edges = Float64Array.from(edges);
    const bins = edges.length - 1;
    this.counts = new Float64Array(bins);
    const first = this.edges[0];
    const last = this.edges[bins];
    const linear = equalWidthEdges(first, last, bins);
    let uniform = true;
    for (let i = 0; i <= bins; i++) if (linear[i] !== this.edges[i]) uniform = false;
    this.#uniform = uniform;
    this.#scale = binScale(first, last, bins);
  }

  /**
   * A histogram of `bins` (default 10) equal-width bins over [min, max], edges exactly as numpy's
   * `np.histogram(a, bins, range=(min, max))`: `np.linspace(min, max, bins + 1)`, and [min − 0.5, max + 0.5]
   * when min = max. Throws `INVALID_OPTION` for non-finite or reversed bounds or bins < 1.
   */
  static fromRange(min: number, max: number, bins = 10): EqualWidthHistogram {
    if (!Number.isInteger(bins) || bins < 1) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Histogram bins must be a positive integer, got ${String(bins)}.`,
        {
          subject: "bins",
        },
      );
    }
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Histogram range must be finite with min ≤ max, got [${String(min)}, ${String(max)}].`,
        { subject: "range" },
      );
    }
    let first = min;
    let last = max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    return new EqualWidthHistogram(equalWidthEdges(first, last, bins));
  }

  /** Number of bins. */
  get bins(): number {
    return this.counts.length;
  }

  /** Number of values below the first edge. */
  get underflow(): number {
    return this.#underflow;
  }

  /** Number of values above the last edge. */
  get overflow(): number {
    return this.#overflow;
  }

  /** Number of NaN values. */
  get nanCount(): number {
    return this.#nanCount;
  }

  /** Number of values in the bins (not counting underflow, overflow and NaN). */
  get total(): number {
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) total += this.counts[i];
    return total;
  }

  /** Adds one value. O(1) for equal-width edges, O(log bins) otherwise. */
  add(x: number): this {
    const bin = this.binOf(x);
    if (bin >= 0) this.counts[bin]++;
    else if (bin === UNDERFLOW) this.#underflow++;
    else if (bin === OVERFLOW) this.#overflow++;
    else this.#nanCount++;
    return this;
  }

  /** Adds every value of `values` whose row is valid (`valid[i] !== 0`, or all when `valid` is null). */
  addArray(values: Float64Array, valid: Uint8Array | null = null): this {
    const outside = new Float64Array(3);
    if (this.#uniform) countUniform(values, valid, this.edges, this.#scale, this.counts, outside);
    else {
      for (let i = 0; i < values.length; i++) {
        if (valid !== null && valid[i] === 0) continue;
        const bin = this.binOf(values[i]);
        if (bin >= 0) this.counts[bin]++;
        else outside[-1 - bin]++;
      }
    }
    this.#underflow += outside[0];
    this.#overflow += outside[1];
    this.#nanCount += outside[2];
    return this;
  }

  /** The bin index of `x`, or −1 (below the first edge), −2 (above the last), −3 (NaN). */
  binOf(x: number): number {
    const edges = this.edges;
    const bins = this.counts.length;
    if (!(x >= edges[0])) return x < edges[0] ? UNDERFLOW : NAN_BIN;
    if (x > edges[bins]) return OVERFLOW;
    if (this.#uniform) {
      // numpy's formula, then its one-bin corrections against the actual edges.
      const { prescale, offset, scale } = this.#scale;
      let bin = Math.trunc((x * prescale - offset) * scale);
      if (bin >= bins) bin = bins - 1;
      if (x < edges[bin]) bin--;
      else if (bin !== bins - 1 && x >= edges[bin + 1]) bin++;
      return bin;
    }
    let lo = 0;
    let hi = bins;
    // The last edge e with e ≤ x, capped at the last bin.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Adds the counts of `other` (in place) and returns this. Throws `INCOMPATIBLE_MERGE` unless both have
   * exactly the same edges.
   */
  merge(other: EqualWidthHistogram): this {
    if (!sameEdges(this.edges, other.edges)) {
      throw incompatibleMerge(
        TYPE,
        `edges differ (${this.bins} bins over [${this.edges[0]}, ${this.edges[this.bins]}] vs ${other.bins} bins over [${other.edges[0]}, ${other.edges[other.bins]}])`,
      );
    }
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    this.#underflow += other.#underflow;
    this.#overflow += other.#overflow;
    this.#nanCount += other.#nanCount;
    return this;
  }

  /** The state as plain JSON (see {@link EqualWidthHistogramJSON}). */
  toJSON(): EqualWidthHistogramJSON {
    return {
      type: TYPE,
      version: VERSION,
      edges: Array.from(this.edges),
      counts: Array.from(this.counts),
      underflow: this.#underflow,
      overflow: this.#overflow,
      nanCount: this.#nanCount,
    };
  }

  /**
   * Restores a histogram from {@link EqualWidthHistogram.toJSON} output. Throws `INVALID_SKETCH` naming what
   * is wrong: not a version-1 histogram object, edges not finite and strictly increasing or fewer than 2,
   * counts not one fewer than edges, or a count that is not a non-negative integer.
   */
  static fromJSON(json: unknown): EqualWidthHistogram {
    const record = readHeader(json, TYPE, VERSION);
    const edges = readNumberArray(record.edges, `"edges"`, TYPE);
    if (edges.length < 2)
      throw invalidSketch(TYPE, `"edges" must have at least 2 values, got ${edges.length}`);
    for (let i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1]))
        throw invalidSketch(TYPE, `"edges" must be strictly increasing (edge ${i})`);
    }
    const counts = readNumberArray(record.counts, `"counts"`, TYPE, { integer: true, min: 0 });
    if (counts.length !== edges.length - 1) {
      throw invalidSketch(
        TYPE,
        `"counts" has ${counts.length} values for ${edges.length} edges; expected ${edges.length - 1}`,
      );
    }
    const histogram = new EqualWidthHistogram(edges);
    histogram.counts.set(counts);
    histogram.#underflow = readNumber(record, "underflow", TYPE, { integer: true, min: 0 });
    histogram.#overflow = readNumber(record, "overflow", TYPE, { integer: true, min: 0 });
    histogram.#nanCount = readNumber(record, "nanCount", TYPE, { integer: true, min: 0 });
    return histogram;
  }
}

/**
 * The equal-width loop of addArray: binOf's formula inlined. `outside` receives the underflow, overflow and
 * NaN counts.
 */
function countUniform(
  values: Float64Array,
  valid: Uint8Array | null,
  edges: Float64Array,
  binning: BinScale,
  counts: Float64Array,
  outside: Float64Array,
): void {
  const bins = counts.length;
  const first = edges[0];
  const last = edges[bins];
  const { prescale, offset, scale } = binning;
  let underflow = 0;
  let overflow = 0;
  let nanCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const x = values[i];
    if (x >= first && x <= last) {
      let bin = Math.trunc((x * prescale - offset) * scale);
      if (bin >= bins) bin = bins - 1;
      if (x < edges[bin]) bin--;
      else if (bin !== bins - 1 && x >= edges[bin + 1]) bin++;
      counts[bin]++;
    } else if (x < first) underflow++;
    else if (x > last) overflow++;
    else nanCount++;
  }
  outside[0] = underflow;
  outside[1] = overflow;
  outside[2] = nanCount;
}

const UNDERFLOW = -1;
const OVERFLOW = -2;
const NAN_BIN = -3;

function sameEdges(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** An equal-frequency histogram: see {@link quantileHistogram}. */
export interface QuantileHistogram {
  /** bins + 1 edges: the min, the i/bins quantiles, the max. Repeated when values tie. */
  edges: number[];
  /** Values per bucket, numpy.histogram semantics over `edges` (half-open, last bucket closed). */
  counts: number[];
  /** True when computed from all values (sorted input or a KLL sketch in exact mode). */
  exact: boolean;
}

/**
 * Equal-frequency ("quantiles") histogram, as TFDV's QUANTILES histogram: bucket edges at the i/bins
 * quantiles (i = 0..bins; edge 0 is the min and the last the max), with the count of values per bucket.
 *
 * `source` is a {@link KllSketch} (edges from `quantile`, counts from estimated ranks; within the sketch's
 * PMF error bound `normalizedRankError(true)`·n) or a Float64Array of values sorted ascending without NaN
 * (exact: edge i is the inverted-CDF quantile `sorted[ceil(i·n/bins) − 1]`, numpy's
 * `np.quantile(method="inverted_cdf")`, and counts are numpy.histogram's over those edges).
 *
 * With ties, edges repeat and the buckets between equal edges are empty: all copies of a tied value are
 * counted in the bucket that starts at it (TFDV instead splits the tied mass evenly). Counts always sum
 * to n. `bins` defaults to 10. Throws `INVALID_OPTION` for unsorted input or bins < 1; an empty source gives
 * empty edges and counts. O(bins·log r) for a sketch, O(n) for a sorted array (to check it is sorted).
 */
export function quantileHistogram(source: KllSketch | Float64Array, bins = 10): QuantileHistogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `quantileHistogram: bins must be a positive integer, got ${String(bins)}.`,
      {
        subject: "bins",
      },
    );
  }
  if (source instanceof KllSketch) {
    const n = source.n;
    if (n === 0) return { edges: [], counts: [], exact: true };
    const edges: number[] = [];
    for (let i = 0; i <= bins; i++) edges.push(source.quantile(i / bins));
    // Weight strictly below each edge; the last bucket takes the rest (it is closed on the right).
    const below = edges.map((edge) => Math.round(source.rank(edge, false) * n));
    const counts: number[] = [];
    for (let i = 0; i < bins; i++) counts.push((i === bins - 1 ? n : below[i + 1]) - below[i]);
    return { edges, counts, exact: source.exact };
  }
  const sorted = source;
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    if (!(sorted[i] - sorted[i] === 0) || (i > 0 && sorted[i] < sorted[i - 1])) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `quantileHistogram: values must be finite and sorted ascending; value ${i} is ${sorted[i]}. Sort them (Float64Array.prototype.sort) and drop NaN/Infinity first.`,
        { subject: "values" },
      );
    }
  }
  if (n === 0) return { edges: [], counts: [], exact: true };
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    const rank = i === 0 ? 1 : Math.ceil(exactProduct(i, n, bins));
    edges.push(sorted[rank - 1]);
  }
  const below = edges.map((edge) => lowerBound(sorted, edge));
  const counts: number[] = [];
  for (let i = 0; i < bins; i++) counts.push((i === bins - 1 ? n : below[i + 1]) - below[i]);
  return { edges, counts, exact: true };
}

/** i·n/bins without floating-point noise (integers, so ceil of an exact rational). */
function exactProduct(i: number, n: number, bins: number): number {
  const product = i * n;
  return product % bins === 0 ? product / bins : Math.floor(product / bins) + 0.5;
}

/** Number of values < x in a sorted array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
