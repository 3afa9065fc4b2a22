import { DriftlabError } from "../../src/errors.js";

/** Seeded data for the sketch tests (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller. */
export function normalValues(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - random();
    const v = random();
    out[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}

/** Integers 0..distinct−1 drawn with Zipf-like weights 1/(rank+1)^exponent. */
export function zipfCodes(n: number, distinct: number, exponent: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const cumulative = new Float64Array(distinct);
  let total = 0;
  for (let i = 0; i < distinct; i++) {
    total += 1 / Math.pow(i + 1, exponent);
    cumulative[i] = total;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = random() * total;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= u) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}

/** Exact fraction of `sorted` that is < x and ≤ x. */
export function exactRanks(sorted: Float64Array, x: number): { below: number; atOrBelow: number } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  let upper = lo;
  hi = sorted.length;
  while (upper < hi) {
    const mid = (upper + hi) >>> 1;
    if (sorted[mid] <= x) upper = mid + 1;
    else hi = mid;
  }
  return { below: lo / sorted.length, atOrBelow: upper / sorted.length };
}

/** Expects `fn` to throw a DriftlabError with `code` and a message matching `pattern`. */
export function expectDriftlabError(fn: () => unknown, code: string, pattern?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof DriftlabError) || caught.code !== code) {
    throw new Error(
      `expected a DriftlabError ${code}, got ${caught instanceof Error ? caught.message : String(caught)}`,
    );
  }
  if (pattern !== undefined && !pattern.test(caught.message)) {
    throw new Error(`error message "${caught.message}" does not match ${String(pattern)}`);
  }
}
