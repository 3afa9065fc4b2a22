/**
 * Change detectors on a model's error stream, with River's defaults (river.drift, river.drift.binary): DDM, EDDM,
 * HDDM_A, ADWIN, KSWIN and Page–Hinkley. Each consumes one value per labelled prediction, in prediction-time order
 * (1 = wrong, 0 = right, or an absolute error), says after every value whether it is in warning or has detected a
 * change, and resets after a detection, as River's do. All assume independent observations.
 */

import { DriftlabError } from "../errors.js";
import { seededRandom } from "../measures/bootstrap.js";
import { ksTwoSample } from "../measures/kolmogorov-smirnov.js";

import type { DetectorName } from "../format/feedback.js";

export type { DetectorName } from "../format/feedback.js";

export const DETECTOR_NAMES: readonly DetectorName[] = [
  "DDM",
  "EDDM",
  "HDDM_A",
  "ADWIN",
  "KSWIN",
  "PageHinkley",
];

/** Detectors that need 0/1 inputs (error bits). */
export const BINARY_DETECTORS: readonly DetectorName[] = ["DDM", "EDDM", "HDDM_A"];

/** The state after one value. */
export interface DetectorStep {
  warning: boolean;
  drift: boolean;
  /** The detector's test statistic over its alarm level: ≥ 1 means a detection. NaN while warming up. */
  level: number;
}

/** One detector's state machine. */
export interface ChangeDetector {
  readonly name: DetectorName;
  /** Feeds one value and returns the state after it. */
  update(x: number): DetectorStep;
}

/** Defaults of every detector (River's). */
export const DETECTOR_DEFAULTS = {
  DDM: { warmStart: 30, warningThreshold: 2, driftThreshold: 3 },
  EDDM: { warmStart: 30, alpha: 0.95, beta: 0.9 },
  HDDM_A: { driftConfidence: 0.001, warningConfidence: 0.005 },
  ADWIN: { delta: 0.002, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10 },
  KSWIN: { alpha: 0.005, windowSize: 100, statSize: 30, seed: 0 },
  PageHinkley: { minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001 },
} as const;

/**
 * DDM (Gama et al. 2004): p = error rate so far, s = √(p(1 − p)/n); after `warmStart` values, with p_min, s_min
 * taken where p + s was smallest, warning when p + s > p_min + 2 s_min, drift when > p_min + 3 s_min.
 */
export class DDM implements ChangeDetector {
  readonly name = "DDM";
  #n = 0;
  #errors = 0;
  #pMin = Infinity;
  #sMin = Infinity;
  #psMin = Infinity;
  readonly #options = DETECTOR_DEFAULTS.DDM;

  update(x: number): DetectorStep {
    this.#n++;
    this.#errors += x;
    const p = this.#errors / this.#n;
    const s = Math.sqrt((p * (1 - p)) / this.#n);
    if (this.#n <= this.#options.warmStart) return { warning: false, drift: false, level: NaN };
    if (p + s <= this.#psMin) {
      this.#pMin = p;
      this.#sMin = s;
      this.#psMin = p + s;
    }
    const excess = p + s - this.#pMin;
    const drift = excess > this.#options.driftThreshold * this.#sMin;
    const warning = excess > this.#options.warningThreshold * this.#sMin;
    const level =
      this.#sMin > 0 ? excess / (this.#options.driftThreshold * this.#sMin) : excess > 0 ? Infinity : 0;
    if (drift) this.#reset();
    return { warning, drift, level };
  }

  #reset(): void {
    this.#n = 0;
    this.#errors = 0;
    this.#pMin = Infinity;
    this.#sMin = Infinity;
    this.#psMin = Infinity;
  }
}

/**
 * EDDM (Baena-García et al. 2006): the distance between consecutive errors, its mean p′ and standard deviation s′;
 * after `warmStart` errors, with (p′ + 2s′)_max the largest seen, warning when (p′ + 2s′)/(p′ + 2s′)_max < α (0.95),
 * drift when < β (0.9). Errors coming closer together shrink the ratio.
 */
export class EDDM implements ChangeDetector {
  readonly name = "EDDM";
  #n = 0;
  #errors = 0;
  #lastError = 0;
  #mean = 0;
  #m2 = 0;
  #max = 0;
  #level = NaN;
  readonly #options = DETECTOR_DEFAULTS.EDDM;

  update(x: number): DetectorStep {
    this.#n++;
    if (x !== 1) return { warning: false, drift: false, level: this.#level };
    this.#errors++;
    const distance = this.#n - this.#lastError;
    this.#lastError = this.#n;
    const delta = distance - this.#mean;
    this.#mean += delta / this.#errors;
    this.#m2 += delta * (distance - this.#mean);
    const sd = this.#errors > 1 ? Math.sqrt(this.#m2 / (this.#errors - 1)) : 0;
    const s = this.#mean + 2 * sd;
    if (s > this.#max) this.#max = s;
    if (this.#errors < this.#options.warmStart) return { warning: false, drift: false, level: NaN };
    const ratio = s / this.#max;
    this.#level = (1 - ratio) / (1 - this.#options.beta);
    const drift = ratio < this.#options.beta;
    const warning = ratio < this.#options.alpha;
    if (drift) this.#reset();
    return { warning, drift, level: this.#level };
  }

  #reset(): void {
    this.#n = 0;
    this.#errors = 0;
    this.#lastError = 0;
    this.#mean = 0;
    this.#m2 = 0;
    this.#max = 0;
    this.#level = NaN;
  }
}

/**
 * HDDM_A (Frías-Blanco et al. 2015, "Online and non-parametric drift detection methods based on Hoeffding's
 * bounds"): compares the mean since the start with the mean up to the cut point where mean + Hoeffding bound was
 * smallest; a detection when the increase exceeds √(m/2 · ln(2/δ)), m = (n − n_cut)/(n_cut · n). One-sided (an
 * increase of the error), as River's default; values must lie in [0, 1].
 */
export class HDDMA implements ChangeDetector {
  readonly name = "HDDM_A";
  #n = 0;
  #sum = 0;
  #nMin = 0;
  #sumMin = 0;
  readonly #options = DETECTOR_DEFAULTS.HDDM_A;

  #bound(n: number): number {
    return Math.sqrt((1 / (2 * n)) * Math.log(1 / this.#options.driftConfidence));
  }

  #increase(confidence: number): number {
    if (this.#nMin === this.#n) return 0;
    const m = ((this.#n - this.#nMin) / this.#nMin) * (1 / this.#n);
    const bound = Math.sqrt((m / 2) * Math.log(2 / confidence));
    return (this.#sum / this.#n - this.#sumMin / this.#nMin) / bound;
  }

  update(x: number): DetectorStep {
    this.#n++;
    this.#sum += x;
    if (
      this.#nMin === 0 ||
      this.#sumMin / this.#nMin + this.#bound(this.#nMin) >= this.#sum / this.#n + this.#bound(this.#n)
    ) {
      this.#nMin = this.#n;
      this.#sumMin = this.#sum;
    }
    const level = this.#increase(this.#options.driftConfidence);
    const drift = level >= 1;
    const warning = drift || this.#increase(this.#options.warningConfidence) >= 1;
    if (drift) {
      this.#n = 0;
      this.#sum = 0;
      this.#nMin = 0;
      this.#sumMin = 0;
    }
    return { warning, drift, level };
  }
}

interface Bucket {
  total: number;
  /** Sum of squared deviations from the bucket's mean. */
  variance: number;
}

/**
 * ADWIN (Bifet & Gavaldà 2007, ADWIN2 with an exponential histogram of at most `maxBuckets` buckets per size): every
 * `clock` values, for every split of the window into an older and a newer part of at least `minWindowLength` values,
 * drops the oldest bucket while |μ₀ − μ₁| > ε = √(2 m σ² ln(2 ln n/δ)) + (2/3) m ln(2 ln n/δ), with
 * m = 1/(n₀ − 5 + 1) + 1/(n₁ − 5 + 1); a change is reported when anything was dropped. Checks start after
 * `gracePeriod` values.
 */
export class ADWIN implements ChangeDetector {
  readonly name = "ADWIN";
  /** rows[i] holds buckets of 2^i values, oldest first. */
  #rows: Bucket[][] = [[]];
  #width = 0;
  #total = 0;
  #variance = 0;
  #tick = 0;
  #level = NaN;
  readonly #options = DETECTOR_DEFAULTS.ADWIN;

  /** Current window length. */
  get width(): number {
    return this.#width;
  }

  update(x: number): DetectorStep {
    this.#tick++;
    if (this.#width > 0) {
      const mean = this.#total / this.#width;
      this.#variance += (this.#width * (x - mean) ** 2) / (this.#width + 1);
    }
    this.#width++;
    this.#total += x;
    this.#rows[0].push({ total: x, variance: 0 });
    this.#compress();
    let drift = false;
    if (this.#tick % this.#options.clock === 0 && this.#width > this.#options.gracePeriod) {
      drift = this.#detect();
    }
    return { warning: false, drift, level: this.#level };
  }

  #compress(): void {
    for (let i = 0; i < this.#rows.length; i++) {
      const row = this.#rows[i];
      if (row.length <= this.#options.maxBuckets) break;
      const [a, b] = row.splice(0, 2);
      const size = 2 ** i;
      const merged: Bucket = {
        total: a.total + b.total,
        variance:
          a.variance + b.variance + ((size * size) / (2 * size)) * (a.total / size - b.total / size) ** 2,
      };
      if (i + 1 === this.#rows.length) this.#rows.push([]);
      this.#rows[i + 1].push(merged);
    }
  }

  #dropOldest(): void {
    for (let i = this.#rows.length - 1; i >= 0; i--) {
      const row = this.#rows[i];
      if (row.length === 0) continue;
      const bucket = row.shift() as Bucket;
      const size = 2 ** i;
      this.#width -= size;
      this.#total -= bucket.total;
      const u1 = bucket.total / size;
      const rest = this.#width === 0 ? 0 : this.#total / this.#width;
      this.#variance -= bucket.variance + ((size * this.#width) / (size + this.#width)) * (u1 - rest) ** 2;
      if (this.#variance < 0) this.#variance = 0;
      while (this.#rows.length > 1 && this.#rows[this.#rows.length - 1].length === 0) this.#rows.pop();
      return;
    }
  }

  #detect(): boolean {
    const minLength = this.#options.minWindowLength;
    let changed = false;
    let reduce = true;
    let worst = 0;
    while (reduce && this.#width > 2 * minLength) {
      reduce = false;
      let n0 = 0;
      let u0 = 0;
      const n = this.#width;
      const dd = Math.log((2 * Math.log(n)) / this.#options.delta);
      const v = this.#variance / n;
      outer: for (let i = this.#rows.length - 1; i >= 0; i--) {
        const size = 2 ** i;
        for (const bucket of this.#rows[i]) {
          n0 += size;
          u0 += bucket.total;
          const n1 = n - n0;
          if (n1 < minLength) break outer;
          if (n0 < minLength) continue;
          const diff = Math.abs(u0 / n0 - (this.#total - u0) / n1);
          const m = 1 / (n0 - minLength + 1) + 1 / (n1 - minLength + 1);
          const epsilon = Math.sqrt(2 * m * v * dd) + (2 / 3) * dd * m;
          if (diff / epsilon > worst) worst = diff / epsilon;
          if (diff > epsilon) {
            reduce = true;
            changed = true;
            this.#dropOldest();
            break outer;
          }
        }
      }
    }
    this.#level = worst;
    return changed;
  }
}

/**
 * KSWIN (Raab, Heusinger & Schleif 2020): keeps the last `windowSize` values; once full, a two-sample
 * Kolmogorov–Smirnov test of the last `statSize` values against `statSize` values drawn (seeded) from the rest;
 * a detection when p ≤ α and D > 0.1, after which only the last `statSize` values are kept.
 */
export class KSWIN implements ChangeDetector {
  readonly name = "KSWIN";
  #window: number[] = [];
  readonly #random: () => number;
  readonly #options = DETECTOR_DEFAULTS.KSWIN;

  constructor(seed: number = DETECTOR_DEFAULTS.KSWIN.seed) {
    this.#random = seededRandom(seed);
  }

  update(x: number): DetectorStep {
    const { windowSize, statSize, alpha } = this.#options;
    this.#window.push(x);
    if (this.#window.length > windowSize) this.#window.shift();
    if (this.#window.length < windowSize) return { warning: false, drift: false, level: NaN };
    const pool = windowSize - statSize;
    const indices = Array.from({ length: pool }, (_, i) => i);
    const sample = new Float64Array(statSize);
    for (let k = 0; k < statSize; k++) {
      const j = k + Math.floor(this.#random() * (pool - k));
      [indices[k], indices[j]] = [indices[j], indices[k]];
      sample[k] = this.#window[indices[k]];
    }
    const recent = this.#window.slice(pool);
    const test = ksTwoSample(sample, recent);
    const drift = test.pValue <= alpha && test.statistic > 0.1;
    const level = Math.log(Math.max(test.pValue, 1e-300)) / Math.log(alpha);
    if (drift) this.#window = recent;
    return { warning: false, drift, level };
  }
}

/**
 * Page–Hinkley (Page 1954), upward: x̄ the running mean, m_T = max(0, α m_{T−1} + x_T − x̄_T − δ); a detection when
 * m_T > λ (threshold 50) after `minInstances` values. Sensitive to increases of the error only.
 */
export class PageHinkley implements ChangeDetector {
  readonly name = "PageHinkley";
  #n = 0;
  #mean = 0;
  #sum = 0;
  readonly #options = DETECTOR_DEFAULTS.PageHinkley;

  update(x: number): DetectorStep {
    this.#n++;
    this.#mean += (x - this.#mean) / this.#n;
    this.#sum = Math.max(0, this.#options.alpha * this.#sum + (x - this.#mean - this.#options.delta));
    const level = this.#sum / this.#options.threshold;
    const drift = this.#n >= this.#options.minInstances && level > 1;
    if (drift) {
      this.#n = 0;
      this.#mean = 0;
      this.#sum = 0;
    }
    return { warning: false, drift, level };
  }
}

/** A new detector by name; `seed` seeds KSWIN's sampling. */
export function createDetector(name: DetectorName, seed = 0): ChangeDetector {
  switch (name) {
    case "DDM":
      return new DDM();
    case "EDDM":
      return new EDDM();
    case "HDDM_A":
      return new HDDMA();
    case "ADWIN":
      return new ADWIN();
    case "KSWIN":
      return new KSWIN(seed);
    case "PageHinkley":
      return new PageHinkley();
  }
}

/** What a detector said about a whole stream. */
export interface DetectorRun {
  detector: DetectorName;
  /** Positions (0-based) of the values at which it detected a change. */
  drifts: number[];
  /** Positions where a warning zone began (DDM, EDDM, HDDM_A). */
  warnings: number[];
  /** `level` after every value (≥ 1 = detection). */
  levels: Float64Array;
}

/** Runs one detector over a stream. Binary detectors reject values other than 0 and 1. O(n), KSWIN O(n · window). */
export function runDetector(name: DetectorName, stream: ArrayLike<number>, seed = 0): DetectorRun {
  if (BINARY_DETECTORS.includes(name)) {
    for (let i = 0; i < stream.length; i++) {
      if (stream[i] !== 0 && stream[i] !== 1) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `${name} reads 0/1 error bits; value ${stream[i]} at position ${i} is neither. Use ADWIN, KSWIN or PageHinkley for real-valued errors.`,
          { subject: name },
        );
      }
    }
  }
  const detector = createDetector(name, seed);
  const drifts: number[] = [];
  const warnings: number[] = [];
  const levels = new Float64Array(stream.length);
  let inWarning = false;
  for (let i = 0; i < stream.length; i++) {
    const step = detector.update(stream[i]);
    levels[i] = step.level;
    if (step.drift) drifts.push(i);
    if (step.warning && !step.drift && !inWarning) warnings.push(i);
    inWarning = step.warning && !step.drift;
  }
  return { detector: name, drifts, warnings, levels };
}
