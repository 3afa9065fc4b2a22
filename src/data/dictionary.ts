import { Buffer, isUtf8 } from "node:buffer";

/** How the bytes of text are turned into strings. */
export interface TextDecoding {
  /** `"utf8"` (default) or `"latin1"` (ISO-8859-1: every byte is one character, never invalid). */
  encoding: "utf8" | "latin1";
  /** What to do with bytes that are not valid UTF-8: `"error"` (INVALID_UTF8) or `"replace"` with U+FFFD. */
  invalidUtf8: "error" | "replace";
}

/** Thrown by {@link ByteDictionary.strings} when an entry is not valid UTF-8; readers turn it into INVALID_UTF8. */
export class InvalidUtf8Entry {
  constructor(readonly code: number) {}
}

const EMPTY = 0;

/** 32-bit FNV-1a, the hash of {@link ByteDictionary}: start value and multiplier (see {@link ByteDictionary.codeOfHash}). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/**
 * The next pool size for `needed` bytes: doubling while small, by a quarter beyond 64 MiB, and for one entry
 * larger than the whole pool (a 300 MB field) the entry plus an eighth (≤ 16 MiB) of room, so that the short values
 * after it do not double a 300 MB pool to 600 MB.
 * @internal exported for tests
 */
export function poolCapacity(current: number, needed: number, entry: number): number {
  if (entry > current) return needed + Math.min(16 << 20, Math.ceil(needed / 8));
  return Math.max(needed, current < 64 << 20 ? current * 2 : Math.ceil(current * 1.25));
}

/**
 * A dictionary of byte strings: gives each distinct byte sequence a code (0, 1, 2, ... in first-seen order) without
 * decoding it. Distinct values are copied once into a pool and decoded to JS strings once, at the end.
 * Open addressing with linear probing over an Int32Array; FNV-1a hashes. Memory: the distinct bytes plus ~20 bytes
 * per distinct value.
 */
export class ByteDictionary {
  // Small at first and doubling as entries come: a file of 20,000 short columns has 20,000 dictionaries.
  #pool = new Uint8Array(1 << 8);
  #poolLength = 0;
  /** Start of entry k in the pool is starts[k]; its end is starts[k + 1]. */
  #starts = new Int32Array(1 << 4);
  #hashes = new Int32Array(1 << 4);
  /** Per entry, a caller-supplied tag of its first occurrence (a line number for CSV), for error messages. */
  #firstSeen = new Float64Array(1 << 4);
  #size = 0;
  #table = new Int32Array(1 << 5);
  #mask = (1 << 5) - 1;

  get size(): number {
    return this.#size;
  }

  /** The tag given with the first occurrence of entry `code`. */
  firstSeen(code: number): number {
    return this.#firstSeen[code];
  }

  /** The code of bytes[start, end), adding it when new. `tag` is remembered for a new entry. */
  code(bytes: Uint8Array, start: number, end: number, tag = 0): number {
    let hash = FNV_OFFSET;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k], FNV_PRIME);
    return this.codeOfHash(bytes, start, end, hash, tag);
  }

  /**
   * {@link code} with the bytes' hash computed by the caller (a reader that hashes a field while it looks for its
   * end): 32-bit FNV-1a, `hash = Math.imul(hash ^ byte, FNV_PRIME)` for each byte from `FNV_OFFSET`.
   */
  codeOfHash(bytes: Uint8Array, start: number, end: number, hash: number, tag = 0): number {
    const table = this.#table;
    const mask = this.#mask;
    const pool = this.#pool;
    const starts = this.#starts;
    const hashes = this.#hashes;
    let slot = hash & mask;
    const length = end - start;
    for (;;) {
      const entry = table[slot];
      if (entry === EMPTY) break;
      const code = entry - 1;
      if (hashes[code] === hash) {
        const entryStart = starts[code];
        if (starts[code + 1] - entryStart === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            if (pool[entryStart + k] !== bytes[start + k]) {
              same = false;
              break;
            }
          }
          if (same) return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.#add(bytes, start, end, hash, slot, tag);
  }

  #add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number, tag: number): number {
    const code = this.#size;
    const length = end - start;
    if (this.#poolLength + length > this.#pool.length) {
      const grown = new Uint8Array(poolCapacity(this.#pool.length, this.#poolLength + length, length));
      grown.set(this.#pool.subarray(0, this.#poolLength));
      this.#pool = grown;
    }
    this.#pool.set(bytes.subarray(start, end), this.#poolLength);
    if (code + 2 > this.#starts.length) {
      const capacity = this.#starts.length * 2;
      this.#starts = grow(this.#starts, capacity);
      this.#hashes = grow(this.#hashes, capacity);
      this.#firstSeen = grow(this.#firstSeen, capacity);
    }
    this.#starts[code] = this.#poolLength;
    this.#poolLength += length;
    this.#starts[code + 1] = this.#poolLength;
    this.#hashes[code] = hash;
    this.#firstSeen[code] = tag;
    this.#size = code + 1;
    this.#table[slot] = code + 1;
    if (this.#size * 2 > this.#table.length) this.#rehash();
    return code;
  }

  #rehash(): void {
    const capacity = this.#table.length * 2;
    const table = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let code = 0; code < this.#size; code++) {
      let slot = this.#hashes[code] & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.#table = table;
    this.#mask = mask;
  }

  /**
   * The entries as JS strings, in code order. Validates UTF-8 once over the whole pool (exact per entry: no entry may
   * start with a continuation byte) and decodes the pool in one call, slicing it per entry.
   * Throws {@link InvalidUtf8Entry} for the first invalid entry when `invalidUtf8` is "error".
   */
  strings(decoding: TextDecoding): string[] {
    const size = this.#size;
    const starts = this.#starts;
    const pool = Buffer.from(this.#pool.buffer, this.#pool.byteOffset, this.#poolLength);
    const out = new Array<string>(size);
    if (decoding.encoding === "latin1") {
      if (pool.length < 1 << 28) {
        const all = pool.toString("latin1");
        for (let k = 0; k < size; k++) out[k] = all.slice(starts[k], starts[k + 1]);
      } else {
        for (let k = 0; k < size; k++) out[k] = pool.toString("latin1", starts[k], starts[k + 1]);
      }
      return out;
    }
    let valid = isUtf8(pool);
    if (valid) {
      for (let k = 0; k < size; k++) {
        const first = pool[starts[k]];
        if (starts[k + 1] > starts[k] && first >= 0x80 && first < 0xc0) {
          valid = false;
          break;
        }
      }
    }
    if (!valid) {
      if (decoding.invalidUtf8 === "error") {
        for (let k = 0; k < size; k++) {
          if (!isUtf8(pool.subarray(starts[k], starts[k + 1]))) throw new InvalidUtf8Entry(k);
        }
      }
      for (let k = 0; k < size; k++) out[k] = pool.toString("utf8", starts[k], starts[k + 1]);
      return out;
    }
    if (pool.length >= 1 << 28) {
      for (let k = 0; k < size; k++) out[k] = pool.toString("utf8", starts[k], starts[k + 1]);
      return out;
    }
    // Character offsets of each entry in the decoded pool: one UTF-16 unit per lead byte, two for 4-byte sequences.
    const all = pool.toString("utf8");
    if (all.length === pool.length) {
      for (let k = 0; k < size; k++) out[k] = all.slice(starts[k], starts[k + 1]);
      return out;
    }
    let position = 0;
    let byte = 0;
    for (let k = 0; k < size; k++) {
      const begin = position;
      const stop = starts[k + 1];
      for (; byte < stop; byte++) {
        const b = pool[byte];
        if (b < 0x80 || b >= 0xc0) position += b >= 0xf0 ? 2 : 1;
      }
      out[k] = all.slice(begin, position);
    }
    return out;
  }
}

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (n: number) => T)(capacity);
  grown.set(array);
  return grown;
}

/** A dictionary of JS strings: codes in first-seen order. */
export class StringDictionary {
  readonly #codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.#codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}
