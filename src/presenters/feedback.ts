/** How "feedback-labels" and "feedback" reports show themselves: text, static HTML with inline SVG, Vega-Lite. */
import { labelChartsSpec, performanceSpec } from "../charts/feedback.js";
import type { LabelJSON, PerformanceAlarm, PerformanceJSON } from "../format/feedback.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

/** Formats a duration in ms as hours (under two days) or days. */
export function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 48) return `${formatNumber(Math.round(hours * 10) / 10)} h`;
  return `${formatNumber(Math.round((hours / 24) * 10) / 10)} d`;
}

function labelSummary(j: LabelJSON): string {
  const lag =
    j.lag === null
      ? "label lag unknown (no label time)"
      : `label lag median ${formatDuration(j.lag.medianMs)}, p90 ${formatDuration(j.lag.p90Ms)}`;
  return `${formatPercent(j.counts.labeledShare)} of ${formatNumber(j.counts.predictions)} predictions labeled as of ${new Date(
    j.asOf,
  )
    .toISOString()
    .slice(0, 16)
    .replace("T", " ")}; ${lag}`;
}

function labelText(j: LabelJSON): string {
  const lines = [j.title, labelSummary(j), ...j.verdict.reasons.map((f) => `- ${f}`)];
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

function labelVegaLite(j: LabelJSON): Record<string, unknown> | undefined {
  return j.maturity.length > 0 || j.byAge.length > 0 ? labelChartsSpec(j) : undefined;
}

async function labelStaticHTML(j: LabelJSON): Promise<string> {
  const findings = j.verdict.reasons;
  const spec = labelVegaLite(j);
  return [
    `<h3>${escapeHtml(j.title)}</h3>`,
    `<p class="driftlab-sub">${escapeHtml(labelSummary(j))}</p>`,
    findings.length > 0
      ? `<ul>${findings.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`
      : '<p><span class="driftlab-chip ok">no duplicates, orphans or corrections</span></p>',
    spec === undefined ? "" : await vegaLiteToSVG(spec),
    j.corrected.length > 0
      ? `<p class="driftlab-sub">Corrected labels (first 10 of ${formatNumber(j.counts.correctedLabels)}):</p>` +
        htmlTable(
          ["key", "labels in arrival order", "kept"],
          j.corrected
            .slice(0, 10)
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

/** The presenter of "feedback-labels" reports. */
export const labelPresenter: Presenter<LabelJSON> = {
  text: labelText,
  staticHTML: labelStaticHTML,
  vegaLite: labelVegaLite,
};

function value(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? "–" : v.toFixed(digits);
}

function featureText(a: PerformanceAlarm): string {
  if (a.features.length === 0) return "no input feature changed";
  return `features: ${a.features
    .slice(0, 4)
    .map(
      (f) =>
        `${f.name}${
          f.incidents.length > 0
            ? ` (${f.incidents.join(", ")})`
            : f.driftedWindows > 0
              ? ` (drifted ${f.driftedWindows}/${f.windows} windows)`
              : ""
        }`,
    )
    .join(", ")}`;
}

function alarmLine(a: PerformanceAlarm): string {
  const span = a.start === a.end ? a.start : `${a.start} – ${a.end}`;
  return `${a.type.toUpperCase()} ${span}${a.type === "gradual" ? ` (onset ${a.onset})` : ""} — ${featureText(a)}`;
}

/** "100 windows, 31 reference, 7 immature; 2 alarms (1 sudden, 1 gradual); ground truth moves ...". */
export function performanceHeadline(j: PerformanceJSON): string {
  const counts = { sudden: 0, gradual: 0 };
  for (const a of j.alarms) counts[a.type]++;
  const immature = j.windows.filter((w) => w.status === "immature").length;
  const speed =
    j.regime.regime === "slow"
      ? "slowly (months)"
      : j.regime.regime === "faster"
        ? "faster (weeks)"
        : "very fast (days or less)";
  return `${j.windows.length} windows, ${j.referenceWindows.length} reference, ${immature} immature; ${
    j.alarms.length === 0
      ? "no alarms"
      : `${j.alarms.length} alarm${j.alarms.length === 1 ? "" : "s"} (${counts.sudden} sudden, ${counts.gradual} gradual)`
  }; ground truth moves ${speed}: ${j.regime.cadence}`;
}

function performanceText(j: PerformanceJSON): string {
  const m = j.primary;
  const band = j.bands.find((b) => b.metric === m);
  return [
    j.title,
    performanceHeadline(j),
    band === undefined
      ? ""
      : `${m} band ${value(band.lower)}–${value(band.upper)} (mean ${value(band.mean)} ± 3σ over ${band.referenceWindows} reference windows)`,
    `labels: ${formatPercent(j.labels.labeledShare)} of ${formatNumber(j.labels.predictions)} predictions${
      j.labels.lagMedianMs === null
        ? ""
        : `, lag median ${formatDuration(j.labels.lagMedianMs)}, p90 ${formatDuration(j.labels.lagP90Ms ?? 0)}`
    }`,
    "",
    ...j.alarms.flatMap((a) => [alarmLine(a), ...a.evidence.map((e) => `    ${e}`)]),
    "",
    textTable(
      ["window", "status", "coverage", m, "95% CI", "estimated", "alarm"],
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
            r === undefined || r.lower === null ? "" : `${value(r.lower)}–${value(r.upper)}`,
            value(w.estimated?.[m]?.value),
            alarm === undefined ? "" : alarm.type,
          ];
        }),
    ),
    "(values in brackets: immature windows, labels still arriving; not scored)",
    "",
    `regime: ${j.regime.regime}; ${j.regime.reasons.join("; ")}`,
  ].join("\n");
}

async function performanceStaticHTML(j: PerformanceJSON): Promise<string> {
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
              `<b>${escapeHtml(f.name)}</b>${f.incidents.length > 0 ? ` ${escapeHtml(f.incidents.join(", "))}` : ""}${
                f.driftedWindows > 0 ? ` · drifted in ${f.driftedWindows}/${f.windows} windows` : ""
              }`,
          )
          .join("<br>"),
  ]);
  const estimation = j.estimation;
  return [
    `<h3>${escapeHtml(j.title)}</h3>`,
    `<p class="driftlab-sub">${escapeHtml(performanceHeadline(j))}</p>`,
    alarmRows.length > 0
      ? htmlTable(["alarm", "windows", "why (evidence)", "features involved"], alarmRows)
      : '<p><span class="driftlab-chip ok">no alarms</span></p>',
    await vegaLiteToSVG(performanceSpec(j)),
    `<p class="driftlab-sub"><b>Ground truth moves ${escapeHtml(j.regime.regime)}</b>: ${escapeHtml(j.regime.cadence)}. ${escapeHtml(
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

/** The presenter of "feedback" reports. */
export const performancePresenter: Presenter<PerformanceJSON> = {
  text: performanceText,
  staticHTML: performanceStaticHTML,
  vegaLite: performanceSpec,
};
