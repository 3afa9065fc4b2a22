import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import type { Alarm, Incident, TimelineJSON } from "../format/drift-timeline.js";
import type { Verdict } from "../format/envelope.js";

export type {
  Alarm,
  Incident,
  IncidentCode,
  TimelineJSON,
  TimelineWindow,
  WindowFeature,
} from "../format/drift-timeline.js";
export { INCIDENT_CODES } from "../format/drift-timeline.js";

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

/** `fail` when a window raised an alarm (drift or an error incident), else `ok`; the reasons name the windows. */
export function timelineVerdict(alarms: readonly Alarm[]): Verdict {
  if (alarms.length === 0) return { status: "ok", reasons: [] };
  return { status: "fail", reasons: alarms.map((a) => `${a.window}: ${a.reasons.join("; ")}`) };
}

/** The result of `drift.overTime`: drift per feature per window, incidents and alarms. */
export class TimelineReport extends Report<TimelineJSON> {
  readonly #json: TimelineJSON;

  constructor(init: TimelineInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    const alarms = alarmsOf(rest);
    this.#json = { ...envelope("drift-timeline", title, timelineVerdict(alarms)), ...rest, alarms };
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
}
