import { performanceSpec } from "../charts/feedback.js";
import { escapeHtml, formatPercent, htmlTable, textTable } from "../report/html.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import { vegaLiteToSVG } from "../report/svg.js";
import { formatDuration } from "./label-report.js";
import type { PerformanceAlarm, PerformanceJSON } from "./types.js";

function value(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? "–" : v.toFixed(digits);
}

function alarmLine(a: PerformanceAlarm): string {
  const span = a.start === a.end ? a.start : `${a.start} – ${a.end}`;
  const features =
    a.features.length === 0
      ? "no input feature changed"
      : `features: ${a.features
          .slice(0, 4)
          .map(
            (f) =>
              `${f.name}${f.incidents.length > 0 ? ` (${f.incidents.join(", ")})` : f.driftedWindows > 0 ? ` (drifted ${f.driftedWindows}/${f.windows} windows)` : ""}`,
          )
          .join(", ")}`;
  return `${a.type.toUpperCase()} ${span}${a.type === "gradual" ? ` (onset ${a.onset})` : ""} — ${features}`;
}

/** The result of `feedback.performance`: the performance timeline, its alarms and the ground-truth regime. */
export class PerformanceReport extends Report<PerformanceJSON> {
  readonly #json: PerformanceJSON;

  constructor(init: Omit<PerformanceJSON, keyof ReportEnvelope>, title: string) {
    super();
    this.#json = { ...envelope("feedback", title), ...init };
  }

  get alarms(): PerformanceAlarm[] {
    return this.#json.alarms;
  }

  toJSON(): PerformanceJSON {
    return this.#json;
  }

  override toVegaLite(): Record<string, unknown> {
    return performanceSpec(this.#json);
  }

  summary(): string {
    const j = this.#json;
    const counts = { sudden: 0, gradual: 0 };
    for (const a of j.alarms) counts[a.type]++;
    const immature = j.windows.filter((w) => w.status === "immature").length;
    return `${j.windows.length} windows, ${j.referenceWindows.length} reference, ${immature} immature; ${
      j.alarms.length === 0
        ? "no alarms"
        : `${j.alarms.length} alarm${j.alarms.length === 1 ? "" : "s"} (${counts.sudden} sudden, ${counts.gradual} gradual)`
    }; ground truth moves ${j.regime.regime === "slow" ? "slowly (months)" : j.regime.regime === "faster" ? "faster (weeks)" : "very fast (days or less)"}: ${j.regime.cadence}`;
  }

  toString(): string {
    const j = this.#json;
    const m = j.primary;
    const band = j.bands.find((b) => b.metric === m);
    const lines = [
      j.title,
      this.summary(),
      band === undefined
        ? ""
        : `${m} band ${value(band.lower)}–${value(band.upper)} (mean ${value(band.mean)} ± 3σ)`,
      `labels: ${formatPercent(j.labels.labeledShare)} of ${j.labels.predictions} predictions${
        j.labels.lagMedianMs === null
          ? ""
          : `, lag median ${formatDuration(j.labels.lagMedianMs)}, p90 ${formatDuration(j.labels.lagP90Ms ?? 0)}`
      }`,
      "",
      ...j.alarms.flatMap((a) => [alarmLine(a), ...a.evidence.map((e) => `    ${e}`)]),
      "",
      textTable(
        ["window", "status", "coverage", `${m}`, "95% CI", "estimated", "alarm"],
        j.windows
          .filter((w) => w.status !== "empty")
          .map((w) => {
            const r = w.realized[m];
            const alarm = j.alarms.find((a) => a.windows.includes(w.label));
            return [
              w.label,
              w.status,
              formatPercent(w.coverage, 0),
              w.status === "immature" ? `(${value(r?.value)})` : value(r?.value),
              r?.lower == null ? "" : `${value(r.lower)}–${value(r.upper)}`,
              value(w.estimated?.[m]?.value),
              alarm === undefined ? "" : alarm.type,
            ];
          }),
      ),
      "",
      `regime: ${j.regime.regime}; ${j.regime.reasons.join("; ")}`,
    ];
    return lines.join("\n");
  }

  async toStaticHTML(): Promise<string> {
    const j = this.#json;
    const alarmRows = j.alarms.map((a) => [
      `<span class="driftlab-chip ${a.type === "sudden" ? "bad" : "warn"}">${a.type}</span>`,
      escapeHtml(a.start === a.end ? a.start : `${a.start} – ${a.end}`) +
        (a.type === "gradual" ? `<br><small>onset ${escapeHtml(a.onset)}</small>` : ""),
      a.evidence.map((e) => escapeHtml(e)).join("<br>"),
      a.features.length === 0
        ? "none changed"
        : a.features
            .slice(0, 5)
            .map(
              (f) =>
                `<b>${escapeHtml(f.name)}</b>${
                  f.incidents.length > 0 ? ` ${escapeHtml(f.incidents.join(", "))}` : ""
                }${f.driftedWindows > 0 ? ` drift ${f.driftedWindows}/${f.windows}` : ""}`,
            )
            .join("<br>"),
    ]);
    const estimation = j.estimation;
    return [
      `<h3>${escapeHtml(j.title)}</h3>`,
      `<p class="driftlab-sub">${escapeHtml(this.summary())}</p>`,
      alarmRows.length > 0
        ? htmlTable(["alarm", "windows", "why (evidence)", "features involved"], alarmRows)
        : '<p><span class="driftlab-chip ok">no alarms</span></p>',
      await vegaLiteToSVG(this.toVegaLite()),
      `<p class="driftlab-sub"><b>Ground truth regime: ${escapeHtml(j.regime.regime)}</b> — ${escapeHtml(j.regime.cadence)}. ${escapeHtml(
        j.regime.reasons.join("; "),
      )}.</p>`,
      estimation === null
        ? ""
        : `<p class="driftlab-sub">Estimated performance: ${escapeHtml(estimation.method)}, calibration ${escapeHtml(
            estimation.calibration,
          )}. Assumes: ${escapeHtml(estimation.assumptions.join(" "))}</p>`,
      j.notes.length > 0 ? `<p class="driftlab-sub">${escapeHtml(j.notes.join(" "))}</p>` : "",
    ].join("\n");
  }
}
