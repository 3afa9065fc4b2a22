import { DriftlabError } from "../errors.js";
import {
  checkIntegerOption,
  describe,
  incompatibleMerge,
  invalidSketch,
  readHeader,
  readNumber,
} from "./sketch-json.js";

const TYPE = "heavy-hitters";
const VERSION = 1;
/** addStrings/addCodes count a batch exactly before folding it in; this caps the batch table's size. */
const MIN_BATCH_DISTINCT = 65536;

/** Options of {@link HeavyHitters}. */
export interface HeavyHittersOptions {
  /** Number of counters kept, ≥ 1. Default 1024. Any item more frequent than n/(capacity + 1) is kept. */
  capacity?: number;
}

/** One frequent item as reported by {@link HeavyHitters.top}. */
export interface HeavyHitter {
  value: string;
  /** The sketch's count for the item; equals `lowerBound`. */
  count: number;
  /** The true count is at least this. */
  lowerBound: number;
  /** The true count is at most this (`count + errorBound`). */
  upperBound: number;
  /** True when the count is exact (no counter was ever decremented). */
  exact: boolean;
}

/** The JSON form of a {@link HeavyHitters} sketch (version 1). */
export interface HeavyHittersJSON {
  type: "heavy-hitters";
  version: 1;
  capacity: number;
  /** Total weight added. */
  n: number;
  /** Total decrement applied to every counter: the maximum undercount of any item. */
  errorBound: number;
  /** [value, count] pairs, by count descending then value. */
  items: [string, number][];
}

/**
 * Frequent items of a stream of strings: the Misra–Gries summary ("Finding repeated elements", 1982) with
 * `capacity` counters, merged as in Agarwal, Cormode, Huang, Phillips, Wei & Yi, "Mergeable summaries"
 * (PODS 2012 / TODS 2013): add the counters of both sketches, subtract the (capacity + 1)-th largest count
 * from all, keep the positive ones.
 *
 * Error bound: every count is an undercount by at most `errorBound` (the total decrement so far), and
 * `errorBound ≤ (n − Σ counts) / (capacity + 1) ≤ n / (capacity + 1)`; an item not kept occurs at most
 * `errorBound` times. Hence every item with frequency above n/(capacity + 1) is kept. Exact (`exact` true,
 * `errorBound` 0) as long as at most `capacity` distinct items were seen.
 *
 * Counts are positive integers (weights). Memory O(capacity); `add` amortized O(1) per unit of weight
 * (O(capacity) when a decrement is needed); `merge` O(capacity log capacity).
 */
export class HeavyHitters {
  /** Number of counters. */
  readonly capacity: number;
  #counts = new Map<string, number>();
  #n = 0;
  #errorBound = 0;

  /** A summary with `capacity` counters (default 1024). */
  constructor(options: HeavyHittersOptions = {}) {
    this.capacity = checkIntegerOption(options.capacity ?? 1024, "capacity", 1, 2 ** 24);
  }

  /** Total weight added (number of items, for unit counts). */
  get n(): number {
    return this.#n;
  }

  /** Maximum undercount of any item (0 when exact). At most (n − Σ counts)/(capacity + 1). */
  get errorBound(): number {
    return this.#errorBound;
  }

  /** True while every count is exact: no more than `capacity` distinct items were ever seen. */
  get exact(): boolean {
    return this.#errorBound === 0;
  }

  /** Number of items currently kept (≤ capacity). */
  get size(): number {
    return this.#counts.size;
  }

  /**
   * Adds `count` (a positive integer, default 1) occurrences of `item`. When the item is new and all
   * counters are in use, the smallest of the capacity + 1 counts is subtracted from all (Misra–Gries).
   */
  add(item: string, count = 1): this {
    checkCount(count);
    this.#n += count;
    const counts = this.#counts;
    const current = counts.get(item);
    if (current !== undefined) {
      counts.set(item, current + count);
      return this;
    }
    if (counts.size < this.capacity) {
      counts.set(item, count);
      return this;
    }
    let smallest = count;
    for (const value of counts.values()) if (value < smallest) smallest = value;
    this.#errorBound += smallest;
    for (const [key, value] of counts) {
      if (value === smallest) counts.delete(key);
      else counts.set(key, value - smallest);
    }
    if (count > smallest) counts.set(item, count - smallest);
    return this;
  }

  /**
   * Adds every string of `values` (null/undefined skipped). Occurrences are counted exactly per batch and
   * then folded in with the merge step, which is more accurate than adding one by one.
   */
  addStrings(values: ArrayLike<string | null | undefined>): this {
    const limit = Math.max(MIN_BATCH_DISTINCT, 4 * this.capacity);
    let batch = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value !== "string") continue;
      batch.set(value, (batch.get(value) ?? 0) + 1);
      total++;
      if (batch.size >= limit) {
        this.#fold(batch, total, 0);
        batch = new Map();
        total = 0;
      }
    }
    if (total > 0) this.#fold(batch, total, 0);
    return this;
  }

  /**
   * Adds a dictionary-encoded column: counts each code ≥ 0 exactly (codes < 0 are missing and skipped),
   * then folds the counts of `dictionary[code]` in with the merge step. O(rows + dictionary size).
   */
  addCodes(codes: Int32Array, dictionary: readonly string[]): this {
    const perCode = new Float64Array(dictionary.length);
    let total = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code >= 0) {
        perCode[code]++;
        total++;
      }
    }
    const batch = new Map<string, number>();
    for (let code = 0; code < perCode.length; code++) {
      if (perCode[code] > 0) batch.set(dictionary[code], (batch.get(dictionary[code]) ?? 0) + perCode[code]);
    }
    if (total > 0) this.#fold(batch, total, 0);
    return this;
  }

  /**
   * Adds `other` into this summary (in place) and returns this, by the merge of Agarwal et al. (2012).
   * Throws `INCOMPATIBLE_MERGE` if the capacities differ.
   */
  merge(other: HeavyHitters): this {
    if (other.capacity !== this.capacity) {
      throw incompatibleMerge(TYPE, `capacity is ${this.capacity} in one and ${other.capacity} in the other`);
    }
    this.#fold(other.#counts, other.#n, other.#errorBound);
    return this;
  }

  /** Adds counts `more` (of total weight `weight`, already undercounted by `errorBound`) and shrinks. */
  #fold(more: Map<string, number>, weight: number, errorBound: number): void {
    const counts = this.#counts;
    for (const [key, value] of more) counts.set(key, (counts.get(key) ?? 0) + value);
    this.#n += weight;
    this.#errorBound += errorBound;
    if (counts.size <= this.capacity) return;
    const sorted = Array.from(counts.values()).sort((a, b) => b - a);
    const cut = sorted[this.capacity];
    this.#errorBound += cut;
    for (const [key, value] of counts) {
      if (value <= cut) counts.delete(key);
      else counts.set(key, value - cut);
    }
  }

  /** Bounds on the true count of `item`: [count, count + errorBound], or [0, errorBound] if not kept. */
  frequency(item: string): { lowerBound: number; upperBound: number } {
    const count = this.#counts.get(item) ?? 0;
    return { lowerBound: count, upperBound: count + this.#errorBound };
  }

  /**
   * The `k` items with the largest counts (all kept items when omitted), by count descending then value
   * ascending (UTF-16 code unit order), each with bounds on its true count. O(capacity log capacity).
   */
  top(k: number = this.capacity): HeavyHitter[] {
    if (!(Number.isInteger(k) && k >= 0)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `top(k): k must be a non-negative integer, got ${String(k)}.`,
        {
          subject: "k",
        },
      );
    }
    const exact = this.exact;
    return this.#sortedEntries()
      .slice(0, k)
      .map(([value, count]) => ({
        value,
        count,
        lowerBound: count,
        upperBound: count + this.#errorBound,
        exact,
      }));
  }

  #sortedEntries(): [string, number][] {
    return Array.from(this.#counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** The state as plain JSON (see {@link HeavyHittersJSON}). */
  toJSON(): HeavyHittersJSON {
    return {
      type: TYPE,
      version: VERSION,
      capacity: this.capacity,
      n: this.#n,
      errorBound: this.#errorBound,
      items: this.#sortedEntries(),
    };
  }

  /**
   * Restores a summary from {@link HeavyHitters.toJSON} output. Throws `INVALID_SKETCH` naming what is
   * wrong: not a version-1 heavy-hitters object, a capacity below 1, more items than the capacity, a value
   * that is not a string or appears twice, a count that is not a positive integer, or n and errorBound that
   * violate n − Σ counts ≥ (capacity + 1)·errorBound.
   */
  static fromJSON(json: unknown): HeavyHitters {
    const record = readHeader(json, TYPE, VERSION);
    const capacity = readNumber(record, "capacity", TYPE, { integer: true, min: 1, max: 2 ** 24 });
    const n = readNumber(record, "n", TYPE, { integer: true, min: 0 });
    const errorBound = readNumber(record, "errorBound", TYPE, { integer: true, min: 0 });
    const items = record.items;
    if (!Array.isArray(items)) throw invalidSketch(TYPE, `"items" must be an array of [value, count] pairs`);
    if (items.length > capacity) {
      throw invalidSketch(TYPE, `"items" has ${items.length} entries, more than the capacity ${capacity}`);
    }
    const sketch = new HeavyHitters({ capacity });
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      const entry: unknown = items[i];
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string") {
        throw invalidSketch(TYPE, `items[${i}] must be a [string, count] pair, got ${describe(entry)}`);
      }
      const [value, count] = entry as [string, unknown];
      if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 1) {
        throw invalidSketch(
          TYPE,
          `items[${i}] ("${value}") has count ${describe(count)}, expected a positive integer`,
        );
      }
      if (sketch.#counts.has(value)) throw invalidSketch(TYPE, `items[${i}]: value "${value}" appears twice`);
      sketch.#counts.set(value, count);
      kept += count;
    }
    if (n - kept < (capacity + 1) * errorBound) {
      throw invalidSketch(
        TYPE,
        `"n" (${n}) minus the kept counts (${kept}) must be at least (capacity + 1)·errorBound (${(capacity + 1) * errorBound})`,
      );
    }
    sketch.#n = n;
    sketch.#errorBound = errorBound;
    return sketch;
  }
}

function checkCount(count: number): void {
  if (!(Number.isSafeInteger(count) && count >= 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `HeavyHitters.add: count must be a positive integer, got ${String(count)}.`,
      {
        subject: "count",
      },
    );
  }
}
