import { labelChartsSpec } from "../charts/feedback.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import { vegaLiteToSVG } from "../report/svg.js";

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

/** Formats a duration in ms as days or hours. */
export function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 48) return `${formatNumber(Math.round(hours * 10) / 10)} h`;
  return `${formatNumber(Math.round((hours / 24) * 10) / 10)} d`;
}

/** The label report of `feedback.join`: coverage, lag, maturity, duplicates, orphans, corrections. */
export class LabelReport extends Report<LabelJSON> {
  readonly #json: LabelJSON;

  constructor(init: Omit<LabelJSON, keyof ReportEnvelope>, title = "Labels joined to predictions") {
    super();
    this.#json = { ...envelope("feedback-labels", title), ...init };
  }

  toJSON(): LabelJSON {
    return this.#json;
  }

  override toVegaLite(): Record<string, unknown> | undefined {
    return this.#json.maturity.length > 0 || this.#json.byAge.length > 0
      ? labelChartsSpec(this.#json)
      : undefined;
  }

  /** One line per problem found, for text and HTML. */
  findings(): string[] {
    const c = this.#json.counts;
    const out: string[] = [];
    if (c.duplicatePredictionRows > 0)
      out.push(
        `${formatNumber(c.duplicatePredictionKeys)} prediction keys appear more than once; the first prediction is kept, ${formatNumber(c.duplicatePredictionRows)} later rows left out`,
      );
    if (c.orphanLabels > 0)
      out.push(
        `${formatNumber(c.orphanLabels)} labels have no prediction (orphans, ${formatNumber(c.orphanKeys)} keys)`,
      );
    if (c.correctedLabels > 0)
      out.push(`${formatNumber(c.correctedLabels)} keys got a corrected label (the latest wins)`);
    if (c.repeatedLabels > 0)
      out.push(`${formatNumber(c.repeatedLabels)} keys got the same label more than once`);
    if (c.missingLabelValues > 0) out.push(`${formatNumber(c.missingLabelValues)} label rows have no value`);
    if (c.missingLabelKeys > 0) out.push(`${formatNumber(c.missingLabelKeys)} label rows have no key`);
    if (c.missingPredictionKeys > 0)
      out.push(`${formatNumber(c.missingPredictionKeys)} predictions have no key (left out)`);
    if (c.missingPredictionTimes > 0)
      out.push(`${formatNumber(c.missingPredictionTimes)} predictions have no time`);
    if (c.labelsAfterAsOf > 0)
      out.push(`${formatNumber(c.labelsAfterAsOf)} labels arrived after the as-of time and are not used yet`);
    if (c.labelsBeforePrediction > 0)
      out.push(
        `${formatNumber(c.labelsBeforePrediction)} labels are timestamped before their prediction (lag counted as 0)`,
      );
    return out;
  }

  summary(): string {
    const j = this.#json;
    const lag =
      j.lag === null
        ? "label lag unknown (no label time)"
        : `label lag median ${formatDuration(j.lag.medianMs)}, p90 ${formatDuration(j.lag.p90Ms)}`;
    return `${formatPercent(j.counts.labeledShare)} of ${formatNumber(j.counts.predictions)} predictions labeled as of ${new Date(j.asOf).toISOString().slice(0, 16).replace("T", " ")}; ${lag}`;
  }

  toString(): string {
    const j = this.#json;
    const lines = [j.title, this.summary(), ...this.findings().map((f) => `- ${f}`)];
    if (j.byAge.length > 0) {
      lines.push(
        "",
        "Labeled share by prediction age",
        textTable(
          ["age", "predictions", "labeled"],
          j.byAge.map((b) => [b.label, formatNumber(b.predictions), formatPercent(b.share)]),
        ),
      );
    }
    if (j.corrected.length > 0) {
      lines.push(
        "",
        "Corrected labels (first 10)",
        ...j.corrected.slice(0, 10).map((c) => `  ${c.key}: ${c.values.join(" → ")}`),
      );
    }
    return lines.join("\n");
  }

  async toStaticHTML(): Promise<string> {
    const j = this.#json;
    const findings = this.findings();
    const spec = this.toVegaLite();
    return [
      `<h3>${escapeHtml(j.title)}</h3>`,
      `<p class="driftlab-sub">${escapeHtml(this.summary())}</p>`,
      findings.length > 0
        ? `<ul>${findings.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`
        : '<p><span class="driftlab-chip ok">no duplicates, orphans or corrections</span></p>',
      spec === undefined ? "" : await vegaLiteToSVG(spec),
      j.corrected.length > 0
        ? htmlTable(
            ["key", "labels in arrival order", "kept"],
            j.corrected
              .slice(0, 20)
              .map((c) => [escapeHtml(c.key), escapeHtml(c.values.join(" → ")), escapeHtml(String(c.final))]),
          )
        : "",
      j.orphans.length > 0
        ? `<p class="driftlab-sub">Orphan keys: ${escapeHtml(
            j.orphans
              .slice(0, 20)
              .map((o) => o.key)
              .join(", "),
          )}${j.counts.orphanKeys > 20 ? ", …" : ""}</p>`
        : "",
      j.duplicates.length > 0
        ? `<p class="driftlab-sub">Duplicate prediction keys: ${escapeHtml(
            j.duplicates
              .slice(0, 20)
              .map((o) => `${o.key} (×${o.count})`)
              .join(", "),
          )}</p>`
        : "",
    ].join("\n");
  }
}
