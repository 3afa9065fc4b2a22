import type { Dataset } from "../data/column.js";
import type { ReportEnvelope } from "../format/envelope.js";
import { driftOverTime } from "../drift/timeline.js";
import type { TimelineJSON } from "../format/drift-timeline.js";
import { calendarWindows, rowsByWindow, type TimeWindow } from "../drift/windows.js";
import { DriftlabError } from "../errors.js";
import { quantileOfSorted } from "../measures/binning.js";
import { bootstrapInterval } from "../measures/bootstrap.js";
import {
  brierScore,
  expectedCalibrationError,
  f1Score,
  logLoss,
  meanAbsoluteError,
  rocAucScore,
  rootMeanSquaredError,
} from "../measures/classification-metrics.js";
import { wilsonInterval } from "../measures/proportion-intervals.js";
import { applyIsotonic, calibrationCheck, fitIsotonic } from "./calibration.js";
import { BINARY_DETECTORS, DETECTOR_NAMES, runDetector, type DetectorName } from "./detectors.js";
import { estimateMetrics } from "./estimate.js";
import type { FeedbackJoin } from "./join.js";
import { PerformanceReport } from "./performance-report.js";
import { regimeOf } from "./regime.js";
import { fitShape } from "./shape.js";
import {
  CLASSIFICATION_METRICS,
  LOWER_IS_BETTER,
  REGRESSION_METRICS,
  UNIT_METRICS,
  type Band,
  type Detection,
  type Estimation,
  type FeatureLink,
  type MetricName,
  type MetricValue,
  type PerformanceAlarm,
  type PerformanceJSON,
  type PerformanceWindow,
} from "./types.js";

const DAY = 86_400_000;

/** Options of {@link performance}. */
export interface PerformanceOptions {
  /** Prediction time column. Default: the join's `time`. */
  time?: string;
  /** Window length, calendar-aligned: "1 day", "1 week", "1 month", ... Default "1 day". */
  every?: string;
  /** Metrics to compute. Default: all that the columns allow (accuracy … ECE for classification, MAE/RMSE for regression). */
  metrics?: MetricName[];
  /** Column with the predicted class (0/1) or, for regression, the predicted value. Default: score ≥ threshold. */
  prediction?: string;
  /** Column with the predicted probability of class 1: needed for ROC AUC, log loss, Brier, ECE and estimation. */
  score?: string;
  /** Score threshold that makes the predicted class when `prediction` is not given. Default 0.5. */
  threshold?: number;
  /** "classification" or "regression". Default: classification when labels are 0/1, regression otherwise. */
  task?: "classification" | "regression";
  /**
   * Reference windows, whose realized metrics set the bands: the first `n` scored windows, or those starting in
   * [start, end). Default: the first third of the scored windows (at least 3). NannyML warns below 6.
   */
  reference?: number | { start: number | Date | string; end: number | Date | string };
  /** Metric the band alarms and the sudden/gradual call use. Default "accuracy" (classification), "mae" (regression). */
  alarmMetric?: MetricName;
  /** A window is mature once this share of its predictions has labels... Default 0.9. */
  minCoverage?: number;
  /** ...or once this much time (ms) has passed since its end. Default: the p90 label lag (0 without label times). */
  maturityAge?: number;
  /** Mature windows with fewer labels are not scored (`minSize` of the vocabulary, in labels). Default 30. */
  minSize?: number;
  /** Detectors to run on the error stream. Default all six (regression: ADWIN, KSWIN, PageHinkley). */
  detectors?: DetectorName[];
  /** Feature columns linked to alarms through drift.overTime. Default: every column but key, time, label, prediction, score. */
  features?: string[];
  /** Bootstrap resamples of the metric intervals. Default 200. */
  resamples?: number;
  /** Seed of the bootstrap and of KSWIN. Default 0. */
  seed?: number;
  /** Report title. */
  title?: string;
}

function numberColumn(data: Dataset, name: string): Float64Array {
  const column = data.column(name);
  if (column.kind !== "numeric" && column.kind !== "boolean") {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      `column "${name}" is ${column.kind}; predictions and scores must be numbers (or booleans).`,
      { subject: name },
    );
  }
  return Float64Array.from(column.values, (v, i) =>
    column.valid !== null && column.valid[i] === 0 ? NaN : v,
  );
}

function toMs(value: number | Date | string): number {
  return typeof value === "number"
    ? value
    : typeof value === "string"
      ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
      : value.getTime();
}

function interval(value: number, lower: number, upper: number): MetricValue {
  return Number.isFinite(value)
    ? { value, lower: Number.isFinite(lower) ? lower : null, upper: Number.isFinite(upper) ? upper : null }
    : { value: null, lower: null, upper: null };
}

interface Sample {
  y: Float64Array;
  yhat: Float64Array;
  score: Float64Array | null;
}

function metricOf(name: MetricName, s: Sample): number {
  switch (name) {
    case "accuracy": {
      let c = 0;
      for (let i = 0; i < s.y.length; i++) if (s.y[i] === s.yhat[i]) c++;
      return c / s.y.length;
    }
    case "precision":
    case "recall": {
      let tp = 0;
      let d = 0;
      for (let i = 0; i < s.y.length; i++) {
        const hit = s.y[i] === 1 && s.yhat[i] === 1;
        if (hit) tp++;
        if (name === "precision" ? s.yhat[i] === 1 : s.y[i] === 1) d++;
      }
      return d === 0 ? NaN : tp / d;
    }
    case "f1":
      return f1Score(s.y, s.yhat);
    case "rocAuc":
      return s.score === null ? NaN : rocAucScore(s.y, s.score);
    case "logLoss":
      return s.score === null ? NaN : logLoss(s.y, s.score);
    case "brier":
      return s.score === null ? NaN : brierScore(s.y, s.score);
    case "ece":
      return s.score === null ? NaN : expectedCalibrationError(s.y, s.score);
    case "mae":
      return meanAbsoluteError(s.y, s.yhat);
    case "rmse":
      return rootMeanSquaredError(s.y, s.yhat);
  }
}

function realizedMetrics(
  metrics: readonly MetricName[],
  sample: Sample,
  resamples: number,
  seed: number,
): Partial<Record<MetricName, MetricValue>> {
  const out: Partial<Record<MetricName, MetricValue>> = {};
  const n = sample.y.length;
  const index = Float64Array.from({ length: n }, (_, i) => i);
  const y = new Float64Array(n);
  const yhat = new Float64Array(n);
  const score = sample.score === null ? null : new Float64Array(n);
  const resampled: Sample = { y, yhat, score };
  for (const metric of metrics) {
    const value = metricOf(metric, sample);
    if (metric === "accuracy" || metric === "precision" || metric === "recall") {
      let successes = 0;
      let trials = 0;
      for (let i = 0; i < n; i++) {
        const hit = sample.y[i] === sample.yhat[i];
        if (metric === "accuracy") {
          trials++;
          if (hit) successes++;
        } else if (metric === "precision" ? sample.yhat[i] === 1 : sample.y[i] === 1) {
          trials++;
          if (sample.y[i] === 1 && sample.yhat[i] === 1) successes++;
        }
      }
      if (trials === 0) out[metric] = { value: null, lower: null, upper: null };
      else {
        const ci = wilsonInterval(successes, trials);
        out[metric] = interval(value, ci.lower, ci.upper);
      }
      continue;
    }
    if (!Number.isFinite(value)) {
      out[metric] = { value: null, lower: null, upper: null };
      continue;
    }
    const ci = bootstrapInterval(
      (rows) => {
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          y[i] = sample.y[r];
          yhat[i] = sample.yhat[r];
          if (score !== null && sample.score !== null) score[i] = sample.score[r];
        }
        return metricOf(metric, resampled);
      },
      index,
      { resamples, seed },
    );
    out[metric] = interval(value, ci.lower, ci.upper);
  }
  return out;
}

function std(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

function worse(metric: MetricName, value: number, band: Band): boolean {
  return LOWER_IS_BETTER.has(metric) ? value > band.upper : value < band.lower;
}

/**
 * Model performance over time from predictions joined with late labels ({@link join}). Per window (calendar-aligned
 * `every`): realized metrics with 95 % intervals and the window's label coverage; windows still waiting for labels
 * are marked immature and not scored; an estimated performance from the scores (CBPE) for every window, shown with
 * its gap to the realized one once labels are in. Alarms: the reference band (mean ± 3σ of the reference windows,
 * NannyML) on `alarmMetric` and the change detectors DDM, EDDM, HDDM_A, ADWIN, KSWIN and Page–Hinkley (River's
 * defaults) on the error stream in prediction-time order; each alarm is classified sudden or gradual
 * (see fitShape) and linked to the drift and data-quality incidents of the features in its windows
 * (drift.overTime against the reference windows). Finally, how fast ground truth moves (slow / faster / very fast)
 * and the retraining cadence that implies.
 *
 * @example feedback.performance(joined, { every: "1 day", score: "p", reference: 30 })
 */
export function performance(joined: FeedbackJoin, options: PerformanceOptions = {}): PerformanceReport {
  const data = joined.data;
  const every = options.every ?? "1 day";
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? 200;
  const threshold = options.threshold ?? 0.5;
  const minSize = options.minSize ?? 30;
  const minCoverage = options.minCoverage ?? 0.9;
  const labelName = joined.options.label ?? "label";
  const timeName = options.time ?? joined.options.time;
  const times = options.time === undefined ? joined.time : numberColumn(data, options.time);
  const labels = joined.label;
  const score = options.score === undefined ? null : numberColumn(data, options.score);
  if (options.score === undefined && options.prediction === undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      'feedback.performance needs the model\'s output: score: "<probability column>" and/or prediction: "<predicted class or value column>".',
      { subject: "score" },
    );
  }
  let binaryLabels = true;
  for (const v of labels) if (!Number.isNaN(v) && v !== 0 && v !== 1) binaryLabels = false;
  const task = options.task ?? (binaryLabels ? "classification" : "regression");
  let prediction: Float64Array;
  if (options.prediction !== undefined) prediction = numberColumn(data, options.prediction);
  else if (score !== null)
    prediction = Float64Array.from(score, (s) => (Number.isNaN(s) ? NaN : s >= threshold ? 1 : 0));
  else throw new DriftlabError("INVALID_OPTION", "no prediction column", { subject: "prediction" });
  if (score !== null) {
    for (let i = 0; i < score.length; i++) {
      if (!Number.isNaN(score[i]) && !(score[i] >= 0 && score[i] <= 1)) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `score column "${options.score}" has ${score[i]} at row ${i}; scores must be probabilities of class 1 in [0, 1].`,
          { subject: options.score },
        );
      }
    }
  }
  const available =
    task === "regression"
      ? REGRESSION_METRICS
      : CLASSIFICATION_METRICS.filter(
          (m) => score !== null || m === "accuracy" || m === "precision" || m === "recall" || m === "f1",
        );
  const metrics = options.metrics ?? [...available];
  for (const m of metrics) {
    if (!available.includes(m)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `metric "${m}" is not available for this ${task}${score === null ? " without a score column" : ""}; available: ${available.join(", ")}.`,
        { subject: "metrics" },
      );
    }
  }
  const primary = options.alarmMetric ?? (task === "regression" ? "mae" : "accuracy");
  const lagJson = joined.report.toJSON().lag;
  const maturityAge = options.maturityAge ?? lagJson?.p90Ms ?? 0;

  // Windows.
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (!(max >= min))
    throw new DriftlabError("EMPTY_TABLE", `time column "${timeName}" has no values.`, { subject: timeName });
  const windows: TimeWindow[] = calendarWindows(min, max, every);
  const rows = rowsByWindow(times, null, windows);

  // Score calibration for estimation, fitted on the reference windows later; windows first get realized metrics.
  const result: PerformanceWindow[] = windows.map((w, i) => {
    const members = rows[i];
    const labeledRows = Array.from(members).filter(
      (r) =>
        !Number.isNaN(labels[r]) &&
        !Number.isNaN(prediction[r]) &&
        (score === null || !Number.isNaN(score[r])),
    );
    const coverage = members.length === 0 ? 0 : labeledRows.length / members.length;
    const mature = coverage >= minCoverage || joined.asOf - w.end >= maturityAge;
    const status: PerformanceWindow["status"] =
      members.length === 0
        ? "empty"
        : !mature
          ? "immature"
          : labeledRows.length < minSize
            ? "too-few-labels"
            : "scored";
    const sample: Sample = {
      y: Float64Array.from(labeledRows, (r) => labels[r]),
      yhat: Float64Array.from(labeledRows, (r) => prediction[r]),
      score: score === null ? null : Float64Array.from(labeledRows, (r) => score[r]),
    };
    return {
      label: w.label,
      start: w.start,
      end: w.end,
      predictions: members.length,
      labeled: labeledRows.length,
      coverage,
      status,
      realized:
        labeledRows.length >= Math.min(minSize, 10)
          ? realizedMetrics(metrics, sample, resamples, seed + i)
          : {},
      estimated: null,
      gap: null,
      outOfBand: [],
      detectorLevels: {},
    };
  });

  // Reference windows.
  const scoredIndex = result.flatMap((w, i) => (w.status === "scored" ? [i] : []));
  let referenceIndex: number[];
  if (typeof options.reference === "object") {
    const start = toMs(options.reference.start);
    const end = toMs(options.reference.end);
    referenceIndex = scoredIndex.filter((i) => result[i].start >= start && result[i].start < end);
  } else {
    const count = options.reference ?? Math.max(3, Math.floor(scoredIndex.length / 3));
    referenceIndex = scoredIndex.slice(0, count);
  }
  if (referenceIndex.length < 2) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `only ${referenceIndex.length} mature, labeled window(s) for the reference; a band needs at least 2 (NannyML advises 6). Use a shorter "every", more data, or reference: { start, end }.`,
      { subject: "reference" },
    );
  }
  const notes: string[] = [];
  // A reference window that is itself an incident (its primary metric more than 5 robust σ — 1.4826 · MAD — from
  // the reference median) would widen the band until nothing alarms: it leaves the reference and is scored instead.
  const referenceValues = referenceIndex.map((i) => result[i].realized[primary]?.value ?? NaN);
  const finite = referenceValues.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length >= 5) {
    const median = quantileOfSorted(finite, 0.5);
    const deviations = finite.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
    const robustSigma = 1.4826 * quantileOfSorted(deviations, 0.5);
    const outliers = referenceIndex.filter(
      (_, k) => robustSigma > 0 && Math.abs(referenceValues[k] - median) > 5 * robustSigma,
    );
    if (outliers.length > 0) {
      referenceIndex = referenceIndex.filter((i) => !outliers.includes(i));
      notes.push(
        `Left out of the reference as outliers (${primary} more than 5 robust σ from the reference median): ${outliers
          .map((i) => result[i].label)
          .join(", ")}.`,
      );
    }
  }
  for (const i of referenceIndex) result[i].status = "reference";
  if (referenceIndex.length < 6)
    notes.push(
      `Only ${referenceIndex.length} reference windows; NannyML warns below 6: the band is uncertain.`,
    );

  const bands: Band[] = [];
  for (const metric of metrics) {
    const values = referenceIndex
      .map((i) => result[i].realized[metric]?.value)
      .filter((v): v is number => v !== null && v !== undefined);
    if (values.length < 2) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = std(values);
    let lower = mean - 3 * sd;
    let upper = mean + 3 * sd;
    if (UNIT_METRICS.has(metric)) {
      lower = Math.max(0, lower);
      upper = Math.min(1, upper);
    } else lower = Math.max(0, lower);
    bands.push({ metric, mean, std: sd, lower, upper, referenceWindows: values.length });
  }
  for (const w of result) {
    if (w.status !== "scored") continue;
    for (const band of bands) {
      const v = w.realized[band.metric]?.value;
      if (v !== null && v !== undefined && worse(band.metric, v, band)) w.outOfBand.push(band.metric);
    }
  }

  // Estimation (CBPE) from scores calibrated on the reference.
  let estimation: Estimation | null = null;
  if (task === "classification" && score !== null) {
    const refRows = referenceIndex
      .flatMap((i) => Array.from(rows[i]))
      .filter((r) => !Number.isNaN(labels[r]) && !Number.isNaN(score[r]));
    const refScores = Float64Array.from(refRows, (r) => score[r]);
    const refLabels = Float64Array.from(refRows, (r) => labels[r]);
    const check = refRows.length >= 100 ? calibrationCheck(refScores, refLabels, seed) : null;
    const calibrate = check !== null && check.calibrated < check.raw;
    const map = calibrate ? fitIsotonic(refScores, refLabels) : null;
    estimation = {
      method: "CBPE",
      calibration: calibrate ? "isotonic" : "none",
      referenceEce: check,
      assumptions: [
        "P(y | score) is the same as in the reference windows: no concept drift (CBPE cannot see a change in how inputs relate to labels).",
        "Scores are calibrated probabilities of class 1 (after isotonic calibration on the reference, when it lowered the reference ECE out of fold).",
        "No shift into score regions the reference did not cover.",
        `With threshold ${threshold}, the estimated accuracy cannot fall below 0.5.`,
      ],
    };
    result.forEach((w, i) => {
      const members = Array.from(rows[i]).filter(
        (r) => !Number.isNaN(score[r]) && !Number.isNaN(prediction[r]),
      );
      if (members.length === 0) return;
      const s = Float64Array.from(members, (r) => score[r]);
      const q = map === null ? s : Float64Array.from(s, (v) => applyIsotonic(map, v));
      w.estimated = estimateMetrics(
        q,
        s,
        Float64Array.from(members, (r) => prediction[r]),
      );
      if (w.status === "scored" || w.status === "reference") {
        const gap: Partial<Record<MetricName, number>> = {};
        for (const [metric, e] of Object.entries(w.estimated) as [MetricName, MetricValue][]) {
          const r = w.realized[metric]?.value;
          if (r !== null && r !== undefined && e.value !== null) gap[metric] = r - e.value;
        }
        w.gap = gap;
      }
    });
  }

  // Error stream in prediction-time order.
  const streamRows = Array.from({ length: labels.length }, (_, r) => r)
    .filter((r) => !Number.isNaN(labels[r]) && !Number.isNaN(prediction[r]) && Number.isFinite(times[r]))
    .sort((a, b) => times[a] - times[b]);
  const errors = Float64Array.from(streamRows, (r) =>
    task === "classification" ? (labels[r] === prediction[r] ? 0 : 1) : Math.abs(labels[r] - prediction[r]),
  );
  const windowOfTime = (t: number): number => {
    let lo = 0;
    let hi = windows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (windows[mid].start <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const detectorNames = (options.detectors ?? [...DETECTOR_NAMES]).filter(
    (d) => task === "classification" || !BINARY_DETECTORS.includes(d),
  );
  const detections: (Detection & { windowIndex: number })[] = [];
  for (const name of detectorNames) {
    const run = runDetector(name, errors, seed);
    run.levels.forEach((level, k) => {
      if (!Number.isFinite(level)) return;
      const w = result[windowOfTime(times[streamRows[k]])];
      const previous = w.detectorLevels[name];
      if (previous === undefined || level > previous)
        w.detectorLevels[name] = Math.round(level * 1000) / 1000;
    });
    for (const position of run.drifts) {
      const t = times[streamRows[position]];
      const wi = windowOfTime(t);
      detections.push({
        detector: name,
        position,
        time: t,
        window: windows[wi].label,
        windowIndex: wi,
        alarm: null,
      });
    }
  }

  // Drift timeline of the features against the reference windows, for linking.
  const exclude = new Set(
    [
      joined.options.key,
      joined.options.time,
      timeName,
      labelName,
      joined.options.labelTime,
      options.prediction,
      options.score,
    ].filter((n): n is string => n !== undefined),
  );
  const features = (options.features ?? data.columnNames).filter((n) => !exclude.has(n));
  let timeline: TimelineJSON | null = null;
  if (features.length > 0) {
    const referenceRows = Int32Array.from(referenceIndex.flatMap((i) => Array.from(rows[i])));
    const featureData = data.select([...features, joined.options.time]);
    timeline = driftOverTime(featureData, {
      time: joined.options.time,
      windows: windows.map((w) => ({ start: w.start, end: w.end, label: w.label })),
      reference: featureData.take(referenceRows).select(features),
      features,
    }).toJSON();
  }

  // Alarms from the band: runs of scored windows worse than the band on the primary metric, merged across gaps of
  // up to two in-band windows.
  const primaryBand = bands.find((b) => b.metric === primary);
  const episodes: number[][] = [];
  if (primaryBand !== undefined) {
    let current: number[] = [];
    let gap = 0;
    for (const i of scoredIndex) {
      if (result[i].status !== "scored") continue;
      // A window raises a band alarm when its whole 95 % interval lies beyond the band edge; NannyML alerts on the
      // point value, which with a few hundred labels per window raises about one false alarm a month.
      const r = result[i].realized[primary];
      const confident =
        primaryBand !== undefined &&
        r !== undefined &&
        (LOWER_IS_BETTER.has(primary)
          ? (r.lower ?? r.value ?? -Infinity) > primaryBand.upper
          : (r.upper ?? r.value ?? Infinity) < primaryBand.lower);
      if (result[i].outOfBand.includes(primary) && confident) {
        current.push(i);
        gap = 0;
      } else if (current.length > 0) {
        gap++;
        if (gap > 2) {
          episodes.push(current);
          current = [];
          gap = 0;
        }
      }
    }
    if (current.length > 0) episodes.push(current);
  }
  // Detector-only alarms: two or more detectors within three windows of each other, in scored windows after the
  // reference (immature windows are not judged), away from any band episode, where the metric is at least 1.5σ worse
  // than the reference mean (long streams make every detector fire now and then).
  // Detectors reset after a detection and often fire again just after an incident: a detection belongs to an
  // episode from three windows before it to five after.
  const near = (wi: number, episode: number[]): boolean =>
    wi >= episode[0] - 3 && wi <= episode[episode.length - 1] + 5;
  const lastReference = referenceIndex[referenceIndex.length - 1];
  const loose = detections.filter(
    (d) =>
      d.windowIndex > lastReference &&
      result[d.windowIndex].status === "scored" &&
      !episodes.some((e) => near(d.windowIndex, e)),
  );
  loose.sort((a, b) => a.windowIndex - b.windowIndex);
  const detectorGroups: number[][] = [];
  for (let k = 0; k < loose.length;) {
    let j = k;
    while (j + 1 < loose.length && loose[j + 1].windowIndex - loose[k].windowIndex <= 3) j++;
    const group = loose.slice(k, j + 1);
    const first = group[0].windowIndex;
    const last = group[group.length - 1].windowIndex;
    const values = result
      .slice(first, last + 1)
      .map((w) => w.realized[primary]?.value)
      .filter((v): v is number => typeof v === "number");
    const mean = values.reduce((a, v) => a + v, 0) / Math.max(1, values.length);
    const shifted =
      primaryBand !== undefined &&
      values.length > 0 &&
      (LOWER_IS_BETTER.has(primary) ? mean - primaryBand.mean : primaryBand.mean - mean) >=
        1.5 * primaryBand.std;
    if (new Set(group.map((d) => d.detector)).size >= 2 && shifted) {
      detectorGroups.push(Array.from({ length: last - first + 1 }, (_, x) => first + x));
    }
    k = j + 1;
  }

  const series = result.flatMap((w, i) =>
    (w.status === "scored" || w.status === "reference") && typeof w.realized[primary]?.value === "number"
      ? [{ index: i, value: w.realized[primary]?.value as number }]
      : [],
  );
  const alarms: PerformanceAlarm[] = [];
  const allEpisodes: { windows: number[]; source: "band" | "detectors" }[] = [
    ...episodes.map((e) => ({ windows: e, source: "band" as const })),
    ...detectorGroups.map((e) => ({ windows: e, source: "detectors" as const })),
  ].sort((a, b) => a.windows[0] - b.windows[0]);
  // A slow decline hops in and out of the band: merge neighbouring episodes when the scored windows between them
  // stay at least 1σ worse than the reference mean.
  for (let k = allEpisodes.length - 1; k > 0 && primaryBand !== undefined; k--) {
    const left = allEpisodes[k - 1];
    const right = allEpisodes[k];
    const between = result
      .slice(left.windows[left.windows.length - 1] + 1, right.windows[0])
      .filter((w) => w.status === "scored")
      .map((w) => w.realized[primary]?.value)
      .filter((v): v is number => typeof v === "number");
    const mean = between.reduce((a, v) => a + v, 0) / Math.max(1, between.length);
    const depressed =
      between.length === 0 ||
      (LOWER_IS_BETTER.has(primary) ? mean - primaryBand.mean : primaryBand.mean - mean) >= primaryBand.std;
    if (depressed) {
      const first = left.windows[0];
      const last = Math.max(left.windows[left.windows.length - 1], right.windows[right.windows.length - 1]);
      allEpisodes.splice(k - 1, 2, {
        windows: Array.from({ length: last - first + 1 }, (_, x) => first + x).filter(
          (i) => left.windows.includes(i) || right.windows.includes(i) || result[i].status === "scored",
        ),
        source: left.source === "band" || right.source === "band" ? "band" : "detectors",
      });
    }
  }
  allEpisodes.forEach((episode, id) => {
    const s = episode.windows[0];
    const e = episode.windows[episode.windows.length - 1];
    const before = Math.max(10, 2 * (e - s + 1));
    const others = new Set(allEpisodes.filter((o) => o !== episode).flatMap((o) => o.windows));
    const points = series.filter((p) => p.index >= s - before && p.index <= e + 10 && !others.has(p.index));
    const startPoint = Math.max(
      0,
      points.findIndex((p) => p.index >= s),
    );
    const evidence: string[] = [];
    const fmt = (v: number): string => v.toFixed(3);
    let type: "sudden" | "gradual";
    let onset = s;
    let decayPerWindow: number | null = null;
    if (points.length >= 6) {
      const fit = fitShape(
        points.map((p) => p.index),
        points.map((p) => p.value),
        startPoint,
      );
      type = fit.type;
      const bicText = `BIC pulse ${fit.bic.pulse.toFixed(1)}, step ${fit.bic.step.toFixed(1)}, trend ${fit.bic.trend.toFixed(1)}; lower fits better`;
      if (fit.model === "pulse") {
        const a = result[points[fit.from].index].label;
        const b = result[points[fit.to].index].label;
        onset = points[fit.from].index;
        evidence.push(
          `${primary} ${fmt(fit.levelBefore)} → ${fmt(fit.levelAfter)} for ${fit.to - fit.from + 1} window${fit.to > fit.from ? "s" : ""} (${a === b ? a : `${a} – ${b}`}), then back: a one-off failure, not a trend (${bicText})`,
        );
      } else if (fit.model === "step") {
        onset = points[fit.from].index;
        evidence.push(
          `${primary} shifted ${fmt(fit.levelBefore)} → ${fmt(fit.levelAfter)} at ${result[onset].label} and stayed there: a level shift (${bicText})`,
        );
      } else {
        onset = points[fit.from].index;
        decayPerWindow = (LOWER_IS_BETTER.has(primary) ? 1 : -1) * fit.slope;
        const span = points[points.length - 1].index - onset;
        evidence.push(
          `${primary} ${LOWER_IS_BETTER.has(primary) ? "rose" : "fell"} ${fmt(Math.abs(fit.slope))} per window over ${span} windows from ${result[onset].label} (${fmt(fit.levelBefore)} → ${fmt(fit.levelAfter)}): a trend, not a step (${bicText})`,
        );
      }
    } else {
      type = e - s + 1 <= 3 ? "sudden" : "gradual";
      evidence.push(
        `only ${points.length} scored windows around the alarm; called ${type} from its length (${e - s + 1} windows)`,
      );
    }
    if (primaryBand !== undefined) {
      evidence.push(
        `band ${fmt(primaryBand.lower)}–${fmt(primaryBand.upper)} (mean ${fmt(primaryBand.mean)} ± 3σ over ${primaryBand.referenceWindows} reference windows)`,
      );
    }
    const attached = detections.filter((d) => near(d.windowIndex, episode.windows));
    for (const d of attached) d.alarm = id;
    const detectorsHere = [...new Set(attached.map((d) => d.detector))];
    if (detectorsHere.length > 0)
      evidence.push(
        `detectors: ${detectorsHere
          .map((name) => `${name} at ${attached.find((d) => d.detector === name)?.window ?? ""}`)
          .join(", ")}`,
      );
    // Features: the windows where the change lives (gradual: from the onset).
    const from = type === "gradual" ? Math.min(onset, s) : s;
    const focus = result.slice(from, e + 1).map((w) => w.label);
    const links: FeatureLink[] = [];
    const incidents = timeline?.incidents.filter((x) => focus.includes(x.window)) ?? [];
    if (timeline !== null) {
      for (const name of timeline.features) {
        let drifted = 0;
        let windowsSeen = 0;
        let strength = 0;
        for (const w of timeline.windows) {
          if (!focus.includes(w.label)) continue;
          const f = w.features[name];
          if (f === undefined) continue;
          windowsSeen++;
          if (f.drifted) drifted++;
          if (Number.isFinite(f.strength) && f.strength > strength) strength = f.strength;
        }
        const codes = [...new Set(incidents.filter((x) => x.feature === name).map((x) => x.code))];
        // A feature drifting in under 30 % of the windows is what a 5 % test level gives by chance.
        if (codes.length > 0 || (windowsSeen > 0 && drifted / windowsSeen >= 0.3)) {
          links.push({
            name,
            driftedWindows: drifted,
            windows: windowsSeen,
            maxStrength: strength,
            incidents: codes,
          });
        }
      }
    }
    links.sort((a, b) =>
      type === "sudden"
        ? b.incidents.length - a.incidents.length || b.maxStrength - a.maxStrength
        : b.driftedWindows / Math.max(1, b.windows) - a.driftedWindows / Math.max(1, a.windows) ||
          b.maxStrength - a.maxStrength,
    );
    let worst: PerformanceAlarm["worst"] = null;
    for (const i of episode.windows) {
      const v = result[i].realized[primary]?.value;
      if (v === null || v === undefined) continue;
      if (worst === null || (LOWER_IS_BETTER.has(primary) ? v > worst.value : v < worst.value))
        worst = { window: result[i].label, value: v };
    }
    alarms.push({
      id,
      type,
      source: episode.source,
      metric: primary,
      start: result[s].label,
      end: result[e].label,
      windows: episode.windows.map((i) => result[i].label),
      onset: result[onset].label,
      worst,
      decayPerWindow,
      detectors: detectorsHere,
      evidence,
      features: links,
      incidents,
    });
  });

  const windowDays = windows.length > 0 ? (windows[0].end - windows[0].start) / DAY : 1;
  const regime = regimeOf({
    alarms,
    series,
    primary,
    band: primaryBand ?? null,
    referenceIndex,
    windowDays,
    lagMedianMs: lagJson?.medianMs ?? null,
    lagP90Ms: lagJson?.p90Ms ?? null,
  });
  const labelCounts = joined.report.toJSON().counts;
  const json: Omit<PerformanceJSON, keyof ReportEnvelope> = {
    task,
    time: timeName,
    every,
    label: labelName,
    prediction: options.prediction ?? null,
    score: options.score ?? null,
    threshold,
    metrics,
    primary,
    asOf: joined.asOf,
    minCoverage,
    maturityAgeMs: maturityAge,
    referenceWindows: referenceIndex.map((i) => result[i].label),
    bands,
    windows: result,
    detectors: detectorNames,
    detections: detections.map(({ windowIndex: _, ...d }) => d),
    alarms,
    regime,
    estimation,
    labels: {
      predictions: labelCounts.predictions,
      labeled: labelCounts.labeled,
      labeledShare: labelCounts.labeledShare,
      lagMedianMs: lagJson?.medianMs ?? null,
      lagP90Ms: lagJson?.p90Ms ?? null,
    },
    features,
    notes,
  };
  return new PerformanceReport(json, options.title ?? `Model performance over time by ${every}`);
}
