/**
 * The report kinds of process feedback: "feedback-labels" (feedback.join's label report) and "feedback"
 * (feedback.performance's timeline, alarms and regime). Types only.
 */
import type { ReportEnvelope } from "./envelope.js";
import type { Incident } from "./drift-timeline.js";

/** The change detectors run on the error stream (River's defaults). */
export type DetectorName = "DDM" | "EDDM" | "HDDM_A" | "ADWIN" | "KSWIN" | "PageHinkley";

/** Labeled share of predictions of one age band (age = asOf − prediction time). */
export interface AgeBucket {
  label: string;
  fromDays: number;
  /** null for the open last band. */
  toDays: number | null;
  predictions: number;
  labeled: number;
  share: number;
}

/** Label maturity of one prediction window. */
export interface MaturityCurve {
  window: string;
  start: number;
  predictions: number;
  /** Labels present as of asOf. */
  labeled: number;
  /** shareWithinDays[d]: share of the window's predictions whose label arrived within d + 1 days (elapsed d only). */
  shareWithinDays: number[];
}

/** A key listed in the label report. */
export interface LabelListItem {
  key: string;
  /** Number of label rows for the key. */
  count: number;
  /** The label values in arrival order. */
  values: number[];
  /** The value that won (the latest). */
  final: number;
}

/** The label report's JSON (kind "feedback-labels"). */
export interface LabelJSON extends ReportEnvelope {
  kind: "feedback-labels";
  key: string;
  time: string;
  label: string;
  labelTime: string | null;
  /** ms since the epoch. */
  asOf: number;
  counts: {
    predictionRows: number;
    /** Unique prediction keys (rows of the joined data). */
    predictions: number;
    labelRows: number;
    labeled: number;
    labeledShare: number;
    duplicatePredictionKeys: number;
    /** Prediction rows left out because their key came earlier (the first is kept). */
    duplicatePredictionRows: number;
    missingPredictionKeys: number;
    missingPredictionTimes: number;
    /** Label rows whose key has no prediction. */
    orphanLabels: number;
    orphanKeys: number;
    /** Keys with several different labels (the latest wins). */
    correctedLabels: number;
    /** Keys with the same label more than once. */
    repeatedLabels: number;
    missingLabelValues: number;
    missingLabelKeys: number;
    /** Labels that arrived after asOf (left out as of asOf). */
    labelsAfterAsOf: number;
    /** Labels timestamped before their prediction (lag counted as 0). */
    labelsBeforePrediction: number;
  };
  lag: {
    n: number;
    medianMs: number;
    p90Ms: number;
    meanMs: number;
    maxMs: number;
    histogram: { fromDays: number; count: number }[];
  } | null;
  byAge: AgeBucket[];
  maturity: MaturityCurve[];
  duplicates: { key: string; count: number }[];
  orphans: { key: string; count: number }[];
  corrected: LabelListItem[];
}

/** Metrics of the performance timeline. */
export type MetricName =
  "accuracy" | "precision" | "recall" | "f1" | "rocAuc" | "logLoss" | "brier" | "ece" | "mae" | "rmse";

/** A metric value with its 95 % interval (Wilson for accuracy, precision, recall; percentile bootstrap otherwise). */
export interface MetricValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Window status: "reference" (scored, defines the band), "scored", "immature" (labels still arriving: not scored),
 * "too-few-labels" (mature but under `minLabels` labels), "empty" (no predictions).
 */
export type WindowStatus = "reference" | "scored" | "immature" | "too-few-labels" | "empty";

export interface PerformanceWindow {
  label: string;
  start: number;
  end: number;
  predictions: number;
  labeled: number;
  /** labeled / predictions. */
  coverage: number;
  status: WindowStatus;
  /** Realized metrics from the labels present (also shown, greyed, for immature windows with labels). */
  realized: Partial<Record<MetricName, MetricValue>>;
  /** Estimated metrics from the scores (CBPE), for every window with predictions, when scores are given. */
  estimated: Partial<Record<MetricName, MetricValue>> | null;
  /** realized − estimated, for scored and reference windows. */
  gap: Partial<Record<MetricName, number>> | null;
  /** Metrics outside their reference band on the worse side. */
  outOfBand: MetricName[];
  /** Largest detector level (≥ 1 = detection) over the window's labelled predictions. */
  detectorLevels: Partial<Record<DetectorName, number>>;
}

/** A metric's reference band: mean ± 3σ of its values over the reference windows (NannyML). */
export interface Band {
  metric: MetricName;
  mean: number;
  std: number;
  lower: number;
  upper: number;
  referenceWindows: number;
}

/** One detection of one change detector. */
export interface Detection {
  detector: DetectorName;
  /** Position in the error stream (labelled predictions in prediction-time order). */
  position: number;
  /** Prediction time of the value at which it fired (ms). */
  time: number;
  window: string;
  /** Id of the alarm it belongs to, or null when no alarm took it. */
  alarm: number | null;
}

/** A feature whose inputs changed in an alarm's windows (from drift.overTime). */
export interface FeatureLink {
  name: string;
  /** Windows of the alarm in which the feature drifted, of `windows`. */
  driftedWindows: number;
  windows: number;
  /** Largest drift strength (score ÷ threshold; ≥ 1 = drift). */
  maxStrength: number;
  /** Data-quality incident codes in those windows. */
  incidents: string[];
}

/** An alarm: a run of windows below the band and/or detector detections, classified sudden or gradual. */
export interface PerformanceAlarm {
  id: number;
  type: "sudden" | "gradual";
  /** "band": the metric left its band (detections may be attached); "detectors": two or more detectors agreed. */
  source: "band" | "detectors";
  metric: MetricName;
  /** First and last window of the alarm. */
  start: string;
  end: string;
  windows: string[];
  /** For gradual alarms, the window where the decline began (the trend's hinge). */
  onset: string;
  worst: { window: string; value: number } | null;
  /** Gradual alarms: the trend's change of the metric per window, positive in the worse direction; else null. */
  decayPerWindow: number | null;
  detectors: DetectorName[];
  /** Why it is sudden or gradual, with numbers. */
  evidence: string[];
  /** Features with drift or data-quality incidents in the alarm's windows, most implicated first. */
  features: FeatureLink[];
  incidents: Incident[];
}

/** How fast ground truth moves, and what that implies. */
export interface Regime {
  regime: "slow" | "faster" | "very fast";
  /** Days the primary metric takes to fall through its band half-width (3σ) at the measured decay; null = none. */
  decayDays: number | null;
  /** Measured decay of the primary metric per day (worse direction positive), or null. */
  decayPerDay: number | null;
  labelLagMedianDays: number | null;
  labelLagP90Days: number | null;
  cadence: string;
  reasons: string[];
}

/** How the estimated performance was made. */
export interface Estimation {
  method: "CBPE";
  calibration: "isotonic" | "none";
  /** ECE on the reference by 2-fold cross-fitting, without and with isotonic calibration. */
  referenceEce: { raw: number; calibrated: number } | null;
  assumptions: string[];
}

/** The JSON of a performance timeline (kind "feedback"). */
export interface PerformanceJSON extends ReportEnvelope {
  kind: "feedback";
  task: "classification" | "regression";
  time: string;
  every: string;
  label: string;
  prediction: string | null;
  score: string | null;
  threshold: number;
  metrics: MetricName[];
  primary: MetricName;
  asOf: number;
  minCoverage: number;
  maturityAgeMs: number;
  referenceWindows: string[];
  bands: Band[];
  windows: PerformanceWindow[];
  detectors: DetectorName[];
  detections: Detection[];
  alarms: PerformanceAlarm[];
  regime: Regime;
  estimation: Estimation | null;
  labels: {
    predictions: number;
    labeled: number;
    labeledShare: number;
    lagMedianMs: number | null;
    lagP90Ms: number | null;
  };
  /** Features linked through drift.overTime. */
  features: string[];
  notes: string[];
}
