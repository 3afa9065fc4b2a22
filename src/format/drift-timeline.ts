/**
 * The JSON of the "drift-timeline" report kind (`drift.overTime`): drift per feature per window, data-quality
 * incidents and alarms (docs/drift.md), and the incident code catalogue. Types and constants only.
 */
import type { DriftMethod } from "./drift.js";
import type { ReportEnvelope } from "./envelope.js";

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
