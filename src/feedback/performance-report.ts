import type { ReportEnvelope, Verdict } from "../format/envelope.js";
import type { PerformanceAlarm, PerformanceJSON } from "../format/feedback.js";
import { envelope, Report } from "../report/report.js";

/**
 * The verdict of a performance timeline: `fail` when there is an alarm (the metric left its band with confidence,
 * or two detectors agreed on a worse window); `warn` when an immature window's estimated performance is already
 * outside the band; `ok` otherwise.
 */
export function performanceVerdict(
  json: Pick<PerformanceJSON, "alarms" | "windows" | "bands" | "primary">,
): Verdict {
  if (json.alarms.length > 0) {
    return {
      status: "fail",
      reasons: json.alarms.map(
        (a) =>
          `${a.type} drop of ${a.metric} ${a.start === a.end ? `on ${a.start}` : `from ${a.start} to ${a.end}`}${
            a.features.length > 0 ? `; features: ${a.features.map((f) => f.name).join(", ")}` : ""
          }`,
      ),
    };
  }
  const band = json.bands.find((b) => b.metric === json.primary);
  const early = json.windows.filter((w) => {
    const e = w.estimated?.[json.primary]?.value;
    return (
      w.status === "immature" &&
      band !== undefined &&
      typeof e === "number" &&
      (e < band.lower || e > band.upper)
    );
  });
  if (early.length > 0) {
    return {
      status: "warn",
      reasons: [
        `estimated ${json.primary} outside its band in ${early.length} window(s) still waiting for labels`,
      ],
    };
  }
  return { status: "ok", reasons: [] };
}

/** The result of `feedback.performance`: the performance timeline, its alarms and the ground-truth regime. */
export class PerformanceReport extends Report<PerformanceJSON> {
  readonly #json: PerformanceJSON;

  constructor(init: Omit<PerformanceJSON, keyof ReportEnvelope>, title: string) {
    super();
    this.#json = { ...envelope("feedback", title, performanceVerdict(init)), ...init };
  }

  /** The alarms, oldest first. */
  get alarms(): PerformanceAlarm[] {
    return this.#json.alarms;
  }

  toJSON(): PerformanceJSON {
    return this.#json;
  }
}
