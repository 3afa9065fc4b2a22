import { DriftlabError } from "../errors.js";
import { quantileOfSorted } from "./binning.js";

/** Options of {@link bootstrapInterval}. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples. Default 1000. */
  resamples?: number;
  /** 1 − confidence level. Default 0.05 (a 95 % interval). */
  alpha?: number;
  /** Seed of the pseudo-random generator; the same seed gives the same interval. Default 0. */
  seed?: number;
}

/** Result of {@link bootstrapInterval}. */
export interface BootstrapInterval {
  /** The statistic on the original data. */
  estimate: number;
  lower: number;
  upper: number;
  /** Resamples whose statistic was finite (the others are ignored). */
  resamples: number;
}

/**
 * A seeded 32-bit generator (mulberry32): fast, small state, uniform in [0, 1). Not cryptographic.
 * Returns the next-value function.
 */
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

/**
 * Percentile bootstrap confidence interval (Efron 1979): draws `resamples` samples of size n with replacement from
 * `data`, evaluates `statistic` on each, and returns the α/2 and 1 − α/2 quantiles (linear interpolation, numpy's
 * default) of those values. It is the plain percentile method — not BCa and not the basic/pivotal interval — so it
 * assumes the statistic's sampling distribution is roughly symmetric around the estimate. Deterministic for a seed.
 *
 * O(resamples · (n + cost of `statistic`)); the resample buffer is reused, so `statistic` must not keep it.
 *
 * @param statistic function of a sample (e.g. a mean, or a failure rate over 0/1 outcomes).
 * @param data the observed sample, missing values removed.
 */
export function bootstrapInterval(
  statistic: (sample: Float64Array) => number,
  data: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? 1000;
  const alpha = options.alpha ?? 0.05;
  const random = seededRandom(options.seed ?? 0);
  if (data.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", "Cannot bootstrap an empty sample.", { subject: "data" });
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new DriftlabError("INVALID_OPTION", `resamples = ${resamples}; give a positive integer.`, {
      subject: "resamples",
    });
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new DriftlabError("INVALID_OPTION", `alpha = ${alpha}; it must lie strictly between 0 and 1.`, {
      subject: "alpha",
    });
  }
  const original = Float64Array.from(data);
  const n = original.length;
  const estimate = statistic(Float64Array.from(original));
  const buffer = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) buffer[i] = original[Math.floor(random() * n)];
    const value = statistic(buffer);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", "The statistic was not finite on any bootstrap resample.", {
      subject: "statistic",
    });
  }
  const sorted = Float64Array.from(values).sort();
  return {
    estimate,
    lower: quantileOfSorted(sorted, alpha / 2),
    upper: quantileOfSorted(sorted, 1 - alpha / 2),
    resamples: values.length,
  };
}
