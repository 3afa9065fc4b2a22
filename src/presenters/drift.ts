/** How a "drift" report shows itself: text, static HTML with inline SVG, and the summary chart as Vega-Lite. */
import { driftSummarySpec, featureOverlaySpec } from "../charts/drift.js";
import type { DriftJSON, FeatureDrift } from "../format/drift.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

/** How many feature overlays the static HTML renders as SVG (the most drifted first). */
const STATIC_OVERLAYS = 8;

function pValueText(f: FeatureDrift): string {
  if (f.pValue === null) return "–";
  const p = formatNumber(f.pValue, 3);
  return f.adjustedPValue === null ? p : `${p} (adj. ${formatNumber(f.adjustedPValue, 3)})`;
}

function ruleText(f: FeatureDrift): string {
  return `${f.comparison === ">=" ? "≥" : f.comparison === "p<=" ? "p ≤" : "p <"} ${formatNumber(f.threshold)}`;
}

/** The one-line summary: "Dataset drift: 3 of 5 features drifted (60%; threshold 50%)". */
export function driftHeadline(json: DriftJSON): string {
  const d = json.dataset;
  if (d.features === 0) return "No features compared";
  return `${d.datasetDrift ? "Dataset drift" : "No dataset drift"}: ${d.drifted} of ${d.features} features drifted (${formatPercent(
    d.share,
    0,
  )}; threshold ${formatPercent(d.driftShare, 0)})${d.schemaChanges > 0 ? `, ${d.schemaChanges} by a schema change` : ""}`;
}

/** " ± ε" for a statistic from sketches with a bound. */
function boundText(f: FeatureDrift): string {
  return f.bound === undefined ? "" : ` ± ${formatNumber(f.bound.error, 3)}`;
}

/** " [p_low, p_high]" for a p-value from sketches with a bound. */
function pIntervalText(f: FeatureDrift): string {
  const p = f.bound?.pValue;
  return p === null || p === undefined ? "" : ` [${formatNumber(p[0], 3)}, ${formatNumber(p[1], 3)}]`;
}

function driftText(json: DriftJSON): string {
  const rows = json.features.map((f) => [
    f.drifted ? "DRIFT" : f.bound?.inconclusive === true ? "?" : "ok",
    f.name,
    f.method + (f.approximate ? "~" : ""),
    formatNumber(f.methodType === "p-value" ? f.statistic : f.score, 4) + boundText(f),
    pValueText(f) + pIntervalText(f),
    ruleText(f),
    f.summary,
  ]);
  const skipped = json.skipped.map((s) => `  ${s.name}: ${s.reason}`);
  const changes = json.schemaChanges.map((s) => `  ${s.name}: ${s.reason}`);
  const fallbacks = json.features
    .filter((f) => f.fallback !== undefined)
    .map((f) => `  ${f.name}: ${f.fallback!.method} not used (${f.fallback!.reason}); ${f.method} instead`);
  return [
    json.title,
    driftHeadline(json),
    textTable(["", "feature", "method", "statistic", "p-value", "drift if", "summary"], rows),
    ...(changes.length > 0 ? ["DRIFT by schema change:", ...changes] : []),
    ...(fallbacks.length > 0 ? ["method fallbacks:", ...fallbacks] : []),
    ...(skipped.length > 0 ? ["not compared:", ...skipped] : []),
    ...(json.features.some((f) => f.approximate) ? ["~ computed from profiles' sketches (approximate)"] : []),
    ...(json.features.some((f) => f.bound?.inconclusive === true)
      ? ["? inconclusive: the threshold lies inside the p-value interval the sketch error allows"]
      : []),
    ...(json.omitted?.notes ?? []).map((note) => `note: ${note}`),
    ...(json.warnings ?? []).map((warning) => `warning: ${warning}`),
  ].join("\n");
}

async function driftStaticHTML(json: DriftJSON): Promise<string> {
  const rows = json.features.map((f) => [
    f.drifted
      ? '<span class="driftlab-chip bad">drift</span>'
      : f.bound?.inconclusive === true
        ? '<span class="driftlab-chip">inconclusive</span>'
        : '<span class="driftlab-chip ok">ok</span>',
    `<b>${escapeHtml(f.name)}</b>`,
    escapeHtml(f.kind),
    escapeHtml(f.methodLabel) + (f.approximate ? " <span title='from sketches'>≈</span>" : ""),
    formatNumber(f.statistic, 4) + escapeHtml(boundText(f)),
    pValueText(f) + escapeHtml(pIntervalText(f)),
    escapeHtml(ruleText(f)),
    escapeHtml(f.summary),
  ]);
  const parts = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub"><span class="driftlab-chip ${json.dataset.datasetDrift ? "bad" : "ok"}">${escapeHtml(
      driftHeadline(json),
    )}</span> · ${escapeHtml(json.reference.name)}: ${formatNumber(json.reference.numRows)} rows · ${escapeHtml(
      json.current.name,
    )}: ${formatNumber(json.current.numRows)} rows${json.correction !== "none" ? ` · ${escapeHtml(json.correction)} correction` : ""}</p>`,
    htmlTable(["", "feature", "kind", "method", "statistic", "p-value", "drift if", "what changed"], rows),
  ];
  for (const note of [...(json.omitted?.notes ?? []), ...(json.warnings ?? [])]) {
    parts.push(`<p class="driftlab-sub">${escapeHtml(note)}</p>`);
  }
  if (json.schemaChanges.length > 0) {
    parts.push(
      `<p class="driftlab-sub"><span class="driftlab-chip bad">drift</span> Schema changes: ${json.schemaChanges.map((s) => `<b>${escapeHtml(s.name)}</b> (${escapeHtml(s.reason)})`).join("; ")}</p>`,
    );
  }
  if (json.skipped.length > 0) {
    parts.push(
      `<p class="driftlab-sub">Not compared: ${json.skipped.map((s) => `${escapeHtml(s.name)} (${escapeHtml(s.reason)})`).join("; ")}</p>`,
    );
  }
  if (json.features.length > 0) {
    const charts = [await vegaLiteToSVG(driftSummarySpec(json))];
    for (const f of json.features.filter((x) => x.distribution !== null).slice(0, STATIC_OVERLAYS)) {
      charts.push(await vegaLiteToSVG(featureOverlaySpec(json, f, { width: 300, height: 120 })));
    }
    parts.push(
      `<div style="display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start">${charts.join("\n")}</div>`,
    );
    if (json.features.length > STATIC_OVERLAYS) {
      parts.push(
        `<p class="driftlab-sub">Overlays of the ${STATIC_OVERLAYS} most drifted features shown; the interactive view has ${json.features.every((f) => f.distribution !== null) ? "all" : `the ${json.features.filter((f) => f.distribution !== null).length} in this report`}.</p>`,
      );
    }
  }
  return parts.join("\n");
}

/** The presenter of "drift" reports (registered in src/presenters/index.ts). */
export const driftPresenter: Presenter<DriftJSON> = {
  text: driftText,
  staticHTML: driftStaticHTML,
  vegaLite: driftSummarySpec,
};
