/** How a "drift-timeline" report (drift.overTime) shows itself: text, the alarm table and the heatmap. */
import { timelineHeatmapSpec } from "../charts/timeline.js";
import type { TimelineJSON } from "../format/drift-timeline.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

function timelineText(j: TimelineJSON): string {
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

async function timelineStaticHTML(j: TimelineJSON): Promise<string> {
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

/** The presenter of "drift-timeline" reports. */
export const timelinePresenter: Presenter<TimelineJSON> = {
  text: timelineText,
  staticHTML: timelineStaticHTML,
  vegaLite: timelineHeatmapSpec,
};
