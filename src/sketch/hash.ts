/**
 * MurmurHash3_x86_32 (Austin Appleby, 2011, public domain; the algorithm as published in SMHasher),
 * implemented here over JavaScript strings and float64 values without encoding them first.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of the low / high 32-bit word of a float64 in a Uint32Array view of the same bytes. */
export const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
export const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;

const scratchFloat = new Float64Array(1);
const scratchWords = new Uint32Array(scratchFloat.buffer);

/** Scrambles one 4-byte block `k` (the body step of MurmurHash3_x86_32). */
export function scrambleBlock(k: number): number {
  let x = Math.imul(k, C1);
  x = (x << 15) | (x >>> 17);
  return Math.imul(x, C2);
}

/** Mixes a scrambled block into the running hash `h`. */
export function mixBlock(h: number, scrambled: number): number {
  let x = h ^ scrambled;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** The final avalanche (`fmix32`) after xoring in the input length in bytes; returns an unsigned 32-bit value. */
export function finalizeHash(h: number, byteLength: number): number {
  let x = h ^ byteLength;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * MurmurHash3_x86_32 of the string's UTF-16LE bytes (two code units per 4-byte block), as an unsigned
 * 32-bit integer. Equal strings hash equally on every platform. Note: this is not the hash of the UTF-8
 * bytes, so it differs from other MurmurHash3 implementations that encode to UTF-8 first (same algorithm,
 * different bytes). O(length).
 */
export function hashString(s: string, seed = 0): number {
  const length = s.length;
  let h = seed | 0;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    h = mixBlock(h, scrambleBlock(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)));
  }
  if (i < length) h ^= scrambleBlock(s.charCodeAt(i));
  return finalizeHash(h, length * 2);
}

/**
 * MurmurHash3_x86_32 of the 8 little-endian bytes of the IEEE-754 double `x`, as an unsigned 32-bit
 * integer. −0 hashes like 0 and every NaN like the canonical NaN (0x7ff8000000000000), so numbers that
 * compare equal hash equally. O(1).
 */
export function hashNumber(x: number, seed = 0): number {
  let low: number;
  let high: number;
  if (x === 0) {
    low = 0;
    high = 0;
  } else if (x !== x) {
    low = 0;
    high = 0x7ff80000;
  } else {
    scratchFloat[0] = x;
    low = scratchWords[LOW_WORD];
    high = scratchWords[HIGH_WORD];
  }
  return finalizeHash(mixBlock(mixBlock(seed | 0, scrambleBlock(low)), scrambleBlock(high)), 8);
}
