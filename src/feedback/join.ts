import { Dataset, valueAt, type Column } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { quantileOfSorted } from "../measures/binning.js";
import { calendarWindows, rowsByWindow } from "../drift/windows.js";
import type { AgeBucket, LabelJSON, LabelListItem, MaturityCurve } from "../format/feedback.js";
import { LabelReport } from "./label-report.js";
import { JUPYTER_DISPLAY, type MimeBundle } from "../report/report.js";
import type { ReportEnvelope } from "../format/envelope.js";

const DAY = 86_400_000;
/** At most this many keys are listed per problem (duplicates, orphans, corrections); all are counted. */
const LIST_LIMIT = 50;

/** Options of {@link join}. */
export interface JoinOptions {
  /** The id column that both tables share (the prediction id). */
  key: string;
  /** The prediction's time column in `predictions` (datetime or ms since the epoch). */
  time: string;
  /** The label column in `actuals`. Default: the one column of `actuals` that is neither `key` nor `labelTime`. */
  label?: string;
  /** When each label arrived, a column of `actuals`. Without it, label lag and maturity cannot be measured. */
  labelTime?: string;
  /**
   * The moment the data is looked at: labels that arrived later are left out (counted), and prediction ages are
   * measured to it. Default: the latest label time, or the latest prediction time without `labelTime`.
   */
  asOf?: number | Date | string;
  /** Windows of the maturity curves. Default "1 day". */
  every?: string;
  /** The label value that is the positive class when labels are categories or booleans. Default: "1", "true", "yes". */
  positive?: string;
}

/** The result of {@link join}: the joined rows (one per prediction) and what happened to every label. */
export class FeedbackJoin {
  /** One row per unique prediction key, with the label (missing until it arrives) and its arrival time appended. */
  readonly data: Dataset;
  /** The label report. */
  readonly report: LabelReport;
  /** Prediction time per row of `data` (ms). */
  readonly time: Float64Array;
  /** Label per row, as a number (NaN = no label yet). */
  readonly label: Float64Array;
  /** Label arrival time per row (ms; NaN = unknown or none). */
  readonly labelTime: Float64Array;
  /** The moment the data was looked at (ms). */
  readonly asOf: number;
  readonly options: JoinOptions;

  constructor(init: {
    data: Dataset;
    report: LabelReport;
    time: Float64Array;
    label: Float64Array;
    labelTime: Float64Array;
    asOf: number;
    options: JoinOptions;
  }) {
    this.data = init.data;
    this.report = init.report;
    this.time = init.time;
    this.label = init.label;
    this.labelTime = init.labelTime;
    this.asOf = init.asOf;
    this.options = init.options;
  }

  /** Jupyter shows the label report. */
  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.report.toMimeBundle();
  }

  toString(): string {
    return this.report.toString();
  }
}

function timeValues(column: Column, table: string): Float64Array {
  if (column.kind !== "datetime" && column.kind !== "numeric") {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      `${table}: time column "${column.name}" is ${column.kind}; it must hold datetimes or numbers (ms since the epoch). Force it with kinds: { ${column.name}: "datetime" }.`,
      { subject: column.name },
    );
  }
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    out[i] = column.valid !== null && column.valid[i] === 0 ? NaN : column.values[i];
  }
  return out;
}

function keyStrings(column: Column): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = valueAt(column, i);
    out[i] = v === null ? null : v instanceof Date ? v.toISOString() : String(v);
  }
  return out;
}

/** Labels as numbers: numeric as is, booleans 0/1, categories 1 for the positive class (two categories at most). */
function labelNumbers(column: Column, positive: string | undefined): Float64Array {
  const out = new Float64Array(column.length).fill(NaN);
  if (column.kind === "numeric" || column.kind === "boolean") {
    for (let i = 0; i < column.length; i++) {
      if (column.valid === null || column.valid[i] === 1) out[i] = column.values[i];
    }
    return out;
  }
  if (column.kind === "categorical" || column.kind === "text") {
    const dictionary = column.dictionary;
    const positiveName =
      positive ?? dictionary.find((d) => ["1", "true", "yes", "positive"].includes(d.toLowerCase()));
    if (positiveName === undefined || dictionary.length > 2) {
      throw new DriftlabError(
        "TYPE_MISMATCH",
        `label column "${column.name}" holds categories (${dictionary.slice(0, 5).join(", ")}); pass positive: "<the positive class>" for a binary label, or numbers for regression.`,
        { subject: column.name },
      );
    }
    for (let i = 0; i < column.length; i++) {
      const c = column.codes[i];
      if (c >= 0) out[i] = dictionary[c] === positiveName ? 1 : 0;
    }
    return out;
  }
  throw new DriftlabError(
    "TYPE_MISMATCH",
    `label column "${column.name}" is ${column.kind}; labels must be numbers, booleans or two categories.`,
    { subject: column.name },
  );
}

function toMs(value: number | Date | string, name: string): number {
  const ms =
    typeof value === "number"
      ? value
      : typeof value === "string"
        ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
        : value.getTime();
  if (!Number.isFinite(ms)) {
    throw new DriftlabError("INVALID_OPTION", `${name}: ${String(value)} is not a date or a time in ms.`, {
      subject: name,
    });
  }
  return ms;
}

const AGE_EDGES_DAYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30, 60, 90, Infinity];

/**
 * Joins predictions with labels that arrive later (process feedback). Each prediction is matched by `key` to its
 * label; when a key has several labels, the one that arrived last wins (a correction; without `labelTime`, the
 * last row). Nothing is dropped silently: duplicate prediction keys (the first prediction is kept), labels without a
 * prediction ("orphans"), corrected labels, labels without a value and labels that arrived after `asOf` are counted
 * and listed in the label report, which also gives the labeled share overall and by prediction age, the label lag
 * (median, p90) and the label maturity curves (share of each window's predictions labeled within d days).
 *
 * O(n + m) for n predictions and m labels, plus sorting the lags.
 *
 * @example feedback.join(predictions, actuals, { key: "id", time: "ts", label: "y", labelTime: "labeled_at" })
 */
export function join(predictions: DatasetInput, actuals: DatasetInput, options: JoinOptions): FeedbackJoin {
  const pred = toDataset(predictions, { source: "predictions" });
  const act = toDataset(actuals, { source: "actuals" });
  const labelName =
    options.label ??
    (() => {
      const others = act.columnNames.filter((n) => n !== options.key && n !== options.labelTime);
      if (others.length !== 1) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `actuals has columns ${others.map((n) => `"${n}"`).join(", ")} besides the key; say which is the label with label: "<column>".`,
          { subject: "label" },
        );
      }
      return others[0];
    })();
  if (pred.has(labelName)) {
    throw new DriftlabError(
      "DUPLICATE_COLUMN",
      `predictions already has a column "${labelName}", the name of the label in actuals; rename one of them.`,
      { subject: labelName },
    );
  }
  const predKeys = keyStrings(pred.column(options.key));
  const times = timeValues(pred.column(options.time), "predictions");
  const actKeys = keyStrings(act.column(options.key));
  const labels = labelNumbers(act.column(labelName), options.positive);
  const arrivals =
    options.labelTime === undefined
      ? new Float64Array(act.numRows).fill(NaN)
      : timeValues(act.column(options.labelTime), "actuals");

  let asOf: number;
  if (options.asOf !== undefined) asOf = toMs(options.asOf, "asOf");
  else {
    asOf = -Infinity;
    const source = options.labelTime === undefined ? times : arrivals;
    for (const t of source) if (t > asOf) asOf = t;
    if (!Number.isFinite(asOf)) asOf = Math.max(...Array.from(times).filter(Number.isFinite));
  }

  // Predictions: the first row of each key is kept.
  const rowOfKey = new Map<string, number>();
  const keptRows: number[] = [];
  const duplicateCounts = new Map<string, number>();
  let missingKeys = 0;
  let missingTimes = 0;
  predKeys.forEach((k, i) => {
    if (k === null) {
      missingKeys++;
      return;
    }
    if (rowOfKey.has(k)) {
      duplicateCounts.set(k, (duplicateCounts.get(k) ?? 1) + 1);
      return;
    }
    if (!Number.isFinite(times[i])) missingTimes++;
    rowOfKey.set(k, keptRows.length);
    keptRows.push(i);
  });

  // Labels: per key, the latest arrival (ties and unknown times: the later row) that is not after asOf.
  const n = keptRows.length;
  const label = new Float64Array(n).fill(NaN);
  const labelTime = new Float64Array(n).fill(NaN);
  const history = new Map<number, { value: number; time: number }[]>();
  const orphanKeys = new Map<string, number>();
  let orphans = 0;
  let missingLabelValues = 0;
  let afterAsOf = 0;
  let missingLabelKeys = 0;
  for (let j = 0; j < act.numRows; j++) {
    const k = actKeys[j];
    if (k === null) {
      missingLabelKeys++;
      continue;
    }
    const row = rowOfKey.get(k);
    if (row === undefined) {
      orphans++;
      orphanKeys.set(k, (orphanKeys.get(k) ?? 0) + 1);
      continue;
    }
    if (Number.isNaN(labels[j])) {
      missingLabelValues++;
      continue;
    }
    const arrived = arrivals[j];
    if (arrived > asOf) {
      afterAsOf++;
      continue;
    }
    const list = history.get(row) ?? [];
    list.push({ value: labels[j], time: arrived });
    history.set(row, list);
  }
  const corrected: LabelListItem[] = [];
  let correctedCount = 0;
  let repeated = 0;
  for (const [row, list] of history) {
    let best = list[0];
    for (const entry of list) if (!(entry.time < best.time)) best = entry;
    label[row] = best.value;
    labelTime[row] = best.time;
    if (list.length > 1) {
      const distinct = new Set(list.map((e) => e.value));
      if (distinct.size > 1) {
        correctedCount++;
        if (corrected.length < LIST_LIMIT) {
          corrected.push({
            key: predKeys[keptRows[row]] ?? "",
            count: list.length,
            values: list.map((e) => e.value),
            final: best.value,
          });
        }
      } else repeated++;
    }
  }

  // Lags.
  const lags: number[] = [];
  let negativeLags = 0;
  for (let r = 0; r < n; r++) {
    if (!Number.isNaN(label[r]) && Number.isFinite(labelTime[r]) && Number.isFinite(times[keptRows[r]])) {
      const lag = labelTime[r] - times[keptRows[r]];
      if (lag < 0) negativeLags++;
      lags.push(Math.max(0, lag));
    }
  }
  lags.sort((a, b) => a - b);
  const predTime = Float64Array.from(keptRows, (i) => times[i]);
  let labeled = 0;
  for (const v of label) if (!Number.isNaN(v)) labeled++;

  // Labeled share by prediction age (asOf − prediction time).
  const byAge: AgeBucket[] = [];
  for (let b = 0; b + 1 < AGE_EDGES_DAYS.length; b++) {
    const from = AGE_EDGES_DAYS[b];
    const to = AGE_EDGES_DAYS[b + 1];
    let count = 0;
    let withLabel = 0;
    for (let r = 0; r < n; r++) {
      const age = (asOf - predTime[r]) / DAY;
      if (age >= from && age < to) {
        count++;
        if (!Number.isNaN(label[r])) withLabel++;
      }
    }
    if (count > 0) {
      byAge.push({
        label: to === Infinity ? `≥ ${from} d` : `${from}–${to} d`,
        fromDays: from,
        toDays: to === Infinity ? null : to,
        predictions: count,
        labeled: withLabel,
        share: withLabel / count,
      });
    }
  }

  // Maturity curves: per window, the share of its predictions labeled within d days of the prediction, for the d
  // that have fully elapsed for the whole window by asOf.
  const maturity: MaturityCurve[] = [];
  const maxLagDays = lags.length === 0 ? 0 : Math.min(90, Math.ceil(lags[lags.length - 1] / DAY));
  const valid = predTime.filter(Number.isFinite);
  if (valid.length > 0 && options.labelTime !== undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (const t of valid) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const windows = calendarWindows(min, max, options.every ?? "1 day");
    const rows = rowsByWindow(predTime, null, windows);
    windows.forEach((w, i) => {
      const members = rows[i];
      if (members.length === 0) return;
      const elapsed = Math.floor((asOf - w.end) / DAY);
      const days = Math.max(0, Math.min(maxLagDays, elapsed));
      const shares: number[] = [];
      for (let d = 0; d <= days; d++) {
        let within = 0;
        for (const r of members) {
          if (!Number.isNaN(label[r]) && labelTime[r] - predTime[r] <= (d + 1) * DAY) within++;
        }
        shares.push(within / members.length);
      }
      let finalLabeled = 0;
      for (const r of members) if (!Number.isNaN(label[r])) finalLabeled++;
      maturity.push({
        window: w.label,
        start: w.start,
        predictions: members.length,
        labeled: finalLabeled,
        shareWithinDays: shares,
      });
    });
  }

  const dupList = [...duplicateCounts.entries()].slice(0, LIST_LIMIT).map(([key, count]) => ({ key, count }));
  let duplicateRows = 0;
  for (const c of duplicateCounts.values()) duplicateRows += c - 1;
  const json: Omit<LabelJSON, keyof ReportEnvelope> = {
    key: options.key,
    time: options.time,
    label: labelName,
    labelTime: options.labelTime ?? null,
    asOf,
    counts: {
      predictionRows: pred.numRows,
      predictions: n,
      labelRows: act.numRows,
      labeled,
      labeledShare: n === 0 ? 0 : labeled / n,
      duplicatePredictionKeys: duplicateCounts.size,
      duplicatePredictionRows: duplicateRows,
      missingPredictionKeys: missingKeys,
      missingPredictionTimes: missingTimes,
      orphanLabels: orphans,
      orphanKeys: orphanKeys.size,
      correctedLabels: correctedCount,
      repeatedLabels: repeated,
      missingLabelValues,
      missingLabelKeys,
      labelsAfterAsOf: afterAsOf,
      labelsBeforePrediction: negativeLags,
    },
    lag:
      lags.length === 0
        ? null
        : {
            n: lags.length,
            medianMs: quantileOfSorted(lags, 0.5),
            p90Ms: quantileOfSorted(lags, 0.9),
            meanMs: lags.reduce((s, v) => s + v, 0) / lags.length,
            maxMs: lags[lags.length - 1],
            histogram: lagHistogram(lags),
          },
    byAge,
    maturity,
    duplicates: dupList,
    orphans: [...orphanKeys.entries()].slice(0, LIST_LIMIT).map(([key, count]) => ({ key, count })),
    corrected,
  };
  const data = new Dataset(
    [
      ...pred.take(Int32Array.from(keptRows)).columns,
      { kind: "numeric", name: labelName, length: n, valid: validity(label), values: label, integer: false },
      ...(options.labelTime === undefined || pred.has(options.labelTime)
        ? []
        : [
            {
              kind: "datetime" as const,
              name: options.labelTime,
              length: n,
              valid: validity(labelTime),
              values: labelTime,
            },
          ]),
    ],
    { source: pred.source, numRows: n },
  );
  return new FeedbackJoin({
    data,
    report: new LabelReport(json),
    time: predTime,
    label,
    labelTime,
    asOf,
    options: { ...options, label: labelName },
  });
}

function validity(values: Float64Array): Uint8Array {
  return Uint8Array.from(values, (v) => (Number.isNaN(v) ? 0 : 1));
}

/** Lag counts in whole days (0–1 d, 1–2 d, ...), the last bin collecting everything beyond 60 days. */
function lagHistogram(sortedLags: readonly number[]): { fromDays: number; count: number }[] {
  const last = Math.min(60, Math.floor(sortedLags[sortedLags.length - 1] / DAY));
  const counts = new Array<number>(last + 1).fill(0);
  for (const lag of sortedLags) counts[Math.min(last, Math.floor(lag / DAY))]++;
  return counts.map((count, d) => ({ fromDays: d, count }));
}
