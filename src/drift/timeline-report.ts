import { timelineHeatmapSpec } from "../charts/timeline.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import { vegaLiteToSVG } from "../report/svg.js";
import type { DriftMethod } from "./methods.js";

export type IncidentCode =
  "MISSING_JUMP" | "CONSTANT" | "OUT_OF_RANGE" | "NEW_CATEGORIES" | "VOLUME_DROP" | "VOLUME_SPIKE";

/** What each incident code means (docs/drift.md lists them). */
export const INCIDENT_CODES: Record<IncidentCode, string> = {
  MISSING_JUMP: "The share of missing values jumped (a broken sensor, a failed join, a dropped field).",
  CONSTANT:
    "A column that varied in the reference has one value in this window (a stuck sensor, a default filled in).",
  OUT_OF_RANGE: "Values outside the reference's min–max range (a unit change, an overflow, a bad deploy).",
  NEW_CATEGORIES: "Many values in categories the reference never had (a renamed code, a new client version).",
  VOLUME_DROP: "Far fewer rows than the windows before (a lost partition, an outage upstream).",
  VOLUME_SPIKE: "Far more rows than the windows before (duplicated loads, a retry storm).",
};

export interface Incident {
  window: string;
  /** The feature, or null for dataset-level incidents (volume). */
  feature: string | null;
  code: IncidentCode;
  severity: "error" | "warning";
  value: number;
  message: string;
}

export interface WindowFeature {
  method: DriftMethod;
  statistic: number;
  pValue: number | null;
  score: number;
  threshold: number;
  strength: number;
  drifted: boolean;
  summary: string;
}

export interface TimelineWindow {
  label: string;
  start: number;
  end: number;
  numRows: number;
  /** "reference": the window others are compared with; "too-small": not tested. */
  role: "window" | "reference" | "too-small";
  /** The data's time range covers less than 90% of the window (often the first or last): volume is not checked. */
  partial?: boolean;
  share?: number;
  datasetDrift?: boolean;
  features: Record<string, WindowFeature>;
}

/** A window that needs a look: a feature drifted, the dataset drifted, or a data-quality incident. */
export interface Alarm {
  window: string;
  reasons: string[];
  /** Features responsible, most drifted first, then those with incidents. */
  features: string[];
}

export interface TimelineJSON extends ReportEnvelope {
  kind: "drift-timeline";
  source: string;
  time: string;
  every: string | null;
  referenceMode: string;
  features: string[];
  windows: TimelineWindow[];
  incidents: Incident[];
  alarms: Alarm[];
}

type TimelineInit = Omit<TimelineJSON, keyof ReportEnvelope | "alarms">;

function alarmsOf(init: TimelineInit): Alarm[] {
  const alarms: Alarm[] = [];
  for (const w of init.windows) {
    const reasons: string[] = [];
    const features: string[] = [];
    const drifted = Object.entries(w.features)
      .filter(([, f]) => f.drifted)
      .sort((a, b) => b[1].strength - a[1].strength);
    const total = Object.keys(w.features).length;
    if (w.datasetDrift === true)
      reasons.push(`dataset drift: ${drifted.length} of ${total} features drifted`);
    else if (drifted.length > 0) {
      reasons.push(
        `${drifted.map(([name]) => name).join(", ")} drifted (${drifted.length} of ${total} features)`,
      );
    }
    features.push(...drifted.map(([name]) => name));
    const incidents = init.incidents.filter((i) => i.window === w.label);
    for (const i of incidents) {
      reasons.push(`${i.code}${i.feature === null ? "" : ` in ${i.feature}`}: ${i.message}`);
      if (i.feature !== null && !features.includes(i.feature)) features.push(i.feature);
    }
    if (reasons.length > 0) alarms.push({ window: w.label, reasons, features });
  }
  return alarms;
}

/** The result of `drift.overTime`: drift per feature per window, incidents and alarms. */
export class TimelineReport extends Report<TimelineJSON> {
  readonly #json: TimelineJSON;

  constructor(init: TimelineInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    this.#json = { ...envelope("drift-timeline", title), ...rest, alarms: alarmsOf(rest) };
  }

  get alarms(): Alarm[] {
    return this.#json.alarms;
  }

  get incidents(): Incident[] {
    return this.#json.incidents;
  }

  toJSON(): TimelineJSON {
    return this.#json;
  }

  override toVegaLite(): Record<string, unknown> {
    return timelineHeatmapSpec(this.#json);
  }

  toString(): string {
    const j = this.#json;
    const rows = j.windows.map((w) => [
      w.label,
      formatNumber(w.numRows),
      w.role === "reference"
        ? "reference"
        : w.role === "too-small"
          ? "too small"
          : formatPercent(w.share ?? 0, 0),
      j.alarms.find((a) => a.window === w.label)?.reasons.join("; ") ?? "",
    ]);
    return [
      j.title,
      `${j.alarms.length} alarm${j.alarms.length === 1 ? "" : "s"} in ${j.windows.length} windows`,
      textTable(["window", "rows", "drifted", "alarms"], rows),
    ].join("\n");
  }

  async toStaticHTML(): Promise<string> {
    const j = this.#json;
    const alarmRows = j.alarms.map((a) => [
      `<b>${escapeHtml(a.window)}</b>`,
      a.reasons.map((r) => escapeHtml(r)).join("<br>"),
      escapeHtml(a.features.join(", ")),
    ]);
    return [
      `<h3>${escapeHtml(j.title)}</h3>`,
      `<p class="driftlab-sub">${j.windows.length} windows · reference: ${escapeHtml(j.referenceMode)} · ${
        j.alarms.length === 0
          ? '<span class="driftlab-chip ok">no alarms</span>'
          : `<span class="driftlab-chip bad">${j.alarms.length} alarm${j.alarms.length === 1 ? "" : "s"}</span>`
      }</p>`,
      j.features.length > 0 ? await vegaLiteToSVG(timelineHeatmapSpec(j)) : "",
      alarmRows.length > 0 ? htmlTable(["window", "why", "features responsible"], alarmRows) : "",
    ].join("\n");
  }
}
