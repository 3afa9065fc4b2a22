/**
 * A tiny seeded pseudo-random generator for sketches that must be reproducible: Marsaglia's xorshift32
 * ("Xorshift RNGs", Journal of Statistical Software 8(14), 2003). The state is one non-zero uint32, so it
 * fits in a sketch's JSON and a restored sketch continues the same sequence. Not for statistics that need
 * high-quality randomness; KLL only needs one fair coin per compaction. Internal to `src/sketch/`.
 */

/** The first state for a seed: the seed scrambled by MurmurHash3's finalizer, never 0. */
export function seedState(seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h >>>= 0;
  return h === 0 ? 0x6d2b79f5 : h;
}

/** The state after `state`. */
export function nextState(state: number): number {
  let s = state;
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return s >>> 0;
}
