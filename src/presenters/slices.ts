/** How a "slices" report (findSlices) shows itself: text, a table and the effect-size chart. */
import { sliceTableHTML, slicesChart } from "../charts/fairness.js";
import type { SlicesJSON } from "../format/fairness.js";
import { escapeHtml, formatNumber, formatPercent, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

function slicesText(json: SlicesJSON): string {
  const rate = json.outcome.kind === "error-rate";
  const show = (v: number | null) => (rate ? formatPercent(v) : formatNumber(v));
  const head =
    `${json.title}: ${json.slices.length} slice(s) worse than the rest (${json.settings.method}, α=${json.settings.alpha}; ` +
    `${json.tested.toLocaleString("en-US")} of ${json.candidates.toLocaleString("en-US")} candidates tested). ` +
    `Overall ${rate ? "error rate" : "mean loss"} ${show(json.overall.value)}.`;
  const rows = json.slices.map((s) => [
    s.label,
    formatNumber(s.size),
    show(s.value),
    show(s.complementValue),
    formatNumber(s.effectSize, 3),
    formatNumber(s.pValue, 3),
  ]);
  const table =
    rows.length === 0
      ? ""
      : `\n${textTable(["slice", "size", "in slice", "elsewhere", "effect φ", "p-value"], rows)}`;
  return `${head}${table}${json.notes.map((n) => `\nNote: ${n}`).join("")}`;
}

async function slicesStaticHTML(json: SlicesJSON): Promise<string> {
  const rate = json.outcome.kind === "error-rate";
  const spec = slicesChart(json);
  const parts = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub">${escapeHtml(
      `${formatNumber(json.rowsUsed)} rows · ${rate ? "error rate" : "mean loss"} overall ${rate ? formatPercent(json.overall.value) : formatNumber(json.overall.value)} · ` +
        `${json.tested.toLocaleString("en-US")} of ${json.candidates.toLocaleString("en-US")} candidate slices tested (one-sided, slice vs rest) · ` +
        `${json.settings.method === "bh" ? "Benjamini–Hochberg" : "alpha-investing"} at α=${json.settings.alpha} · min size ${json.settings.minSize}`,
    )}</p>`,
    sliceTableHTML(json),
  ];
  if (spec !== undefined) parts.push(`<div>${await vegaLiteToSVG(spec)}</div>`);
  for (const note of json.notes) parts.push(`<p class="driftlab-sub">${escapeHtml(note)}</p>`);
  return parts.join("\n");
}

/** The presenter of "slices" reports. */
export const slicesPresenter: Presenter<SlicesJSON> = {
  text: slicesText,
  staticHTML: slicesStaticHTML,
  vegaLite: slicesChart,
};
