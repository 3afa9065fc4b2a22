/**
 * How the collection reports show themselves: "predictive-content", "coverage" and "representation" — text,
 * static HTML with inline SVG charts, and the main chart as Vega-Lite.
 */
import {
  associationText,
  coverageFeatureChart,
  coverageMapChart,
  predictiveContentChart,
  proxyChart,
  representationChart,
} from "../charts/collection.js";
import type {
  ContentFlag,
  CoverageJSON,
  PredictiveContentJSON,
  RepresentationJSON,
} from "../format/collection.js";
import type { Verdict } from "../format/envelope.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

const CHIP: Record<Verdict["status"], string> = { ok: "ok", warn: "warn", fail: "bad" };

function verdictHTML(verdict: Verdict, headline: string): string {
  const reasons = verdict.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("");
  return `<p class="driftlab-sub"><span class="driftlab-chip ${CHIP[verdict.status]}">${escapeHtml(verdict.status)}</span> ${escapeHtml(headline)}</p>${
    reasons === "" ? "" : `<ul class="driftlab-sub">${reasons}</ul>`
  }`;
}

function verdictText(verdict: Verdict, headline: string): string[] {
  return [`${verdict.status.toUpperCase()}: ${headline}`, ...verdict.reasons.map((r) => `  - ${r}`)];
}

async function charts(specs: (Record<string, unknown> | undefined)[]): Promise<string> {
  const drawn: string[] = [];
  for (const spec of specs) if (spec !== undefined) drawn.push(await vegaLiteToSVG(spec));
  return drawn.length === 0
    ? ""
    : `<div style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start">${drawn.join("\n")}</div>`;
}

// ---------------------------------------------------------------------------------------------- predictive content

function flagText(flags: readonly ContentFlag[]): string {
  return flags
    .map((f) => f.code.toLowerCase().replace(/_/g, " ") + (f.other === undefined ? "" : ` of ${f.other}`))
    .join(", ");
}

function predictiveHeadline(json: PredictiveContentJSON): string {
  const count = (status: string) => json.features.filter((f) => f.status === status).length;
  return `${count("informative")} informative, ${count("non-informative")} non-informative, ${count("leakage-suspect")} leakage suspect${
    count("leakage-suspect") === 1 ? "" : "s"
  } among ${json.features.length} features (label "${json.label.name}", ${json.label.task})`;
}

function predictiveRows(json: PredictiveContentJSON): string[][] {
  return json.features.map((f) => [
    f.status,
    f.name,
    formatPercent(f.mutualInformation.normalized, 1),
    formatNumber(f.mutualInformation.plugIn, 3),
    formatNumber(f.mutualInformation.baseline, 3),
    formatNumber(f.mutualInformation.adjustedPValue, 2),
    associationText(f),
    flagText(f.flags),
  ]);
}

const PREDICTIVE_HEADER = [
  "status",
  "feature",
  "info share",
  "MI (nats)",
  "baseline",
  "p (adj.)",
  "alone",
  "flags",
];

function predictiveText(json: PredictiveContentJSON): string {
  return [
    json.title,
    ...verdictText(json.verdict, predictiveHeadline(json)),
    textTable(PREDICTIVE_HEADER, predictiveRows(json)),
    `info share: mutual information above the permutation baseline (${json.permutations} permutations), as a share of the label's entropy; p ${json.correction === "none" ? "uncorrected" : `${json.correction}-adjusted`}.`,
  ].join("\n");
}

async function predictiveStaticHTML(json: PredictiveContentJSON): Promise<string> {
  const statusChip = (status: string) =>
    `<span class="driftlab-chip ${status === "informative" ? "ok" : status === "leakage-suspect" ? "bad" : "warn"}">${escapeHtml(status)}</span>`;
  const rows = predictiveRows(json).map((row, k) => [
    statusChip(row[0]),
    `<b>${escapeHtml(row[1])}</b>`,
    ...row.slice(2, 7).map(escapeHtml),
    escapeHtml(json.features[k].flags.map((f) => f.message).join(" ")),
  ]);
  return [
    `<h3>${escapeHtml(json.title)}</h3>`,
    verdictHTML(json.verdict, predictiveHeadline(json)),
    htmlTable([...PREDICTIVE_HEADER.slice(0, 7), "why"], rows),
    `<p class="driftlab-sub">info share: mutual information above its permutation baseline (${json.permutations} label permutations), as a share of the label's entropy (${formatNumber(json.label.entropy, 3)} nats); p-values ${json.correction === "none" ? "uncorrected" : `${escapeHtml(json.correction)}-adjusted`} over ${json.features.length} features. ${formatNumber(json.label.rows)} labelled rows${json.rowsWithoutLabel > 0 ? `, ${formatNumber(json.rowsWithoutLabel)} without a label left out` : ""}.</p>`,
    await charts([predictiveContentChart(json)]),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------- coverage

function coverageHeadline(json: CoverageJSON): string {
  const joint = json.joint;
  if (joint === null) return `${json.features.length} features compared`;
  return `${formatPercent(joint.uncoveredShare, 1)} of serving rows have no training row nearby (chance: ${formatPercent(joint.expectedShare, 1)}, p = ${formatNumber(joint.pValue, 2)})`;
}

function featureCoverageRows(json: CoverageJSON): string[][] {
  return json.features.map((f) => [
    f.name,
    f.kind,
    formatPercent(f.outsideShare, 2),
    f.range !== undefined
      ? `${formatNumber(f.range.below)} below ${formatNumber(f.range.min)}, ${formatNumber(f.range.above)} above ${formatNumber(f.range.max)}`
      : f.unseen!.distinct === 0
        ? "no unseen category"
        : `${formatNumber(f.unseen!.count)} rows in ${formatNumber(f.unseen!.distinct)} unseen: ${f
            .unseen!.values.slice(0, 3)
            .map((v) => v.value)
            .join(", ")}`,
    f.newlyMissing > 0 ? formatNumber(f.newlyMissing) : "",
  ]);
}

function sliceRows(json: CoverageJSON): string[][] {
  return json.slices.map((s) => [
    s.label,
    formatNumber(s.servingCount),
    formatNumber(s.trainingCount),
    formatNumber(s.coverageRatio, 2),
    formatNumber(Math.round(s.excessRows)),
    formatNumber(s.adjustedPValue, 2),
  ]);
}

const FEATURE_COVERAGE_HEADER = ["feature", "kind", "outside", "detail", "newly missing"];
const SLICE_HEADER = [
  "slice",
  "serving rows",
  "training rows",
  "coverage ratio",
  "rows not covered",
  "p (adj.)",
];

function coverageText(json: CoverageJSON): string {
  const lines = [json.title, ...verdictText(json.verdict, coverageHeadline(json))];
  lines.push(textTable(FEATURE_COVERAGE_HEADER, featureCoverageRows(json)));
  if (json.joint !== null && json.joint.uncovered > 0) {
    lines.push(
      `uncovered rows are far mostly in: ${json.joint.featureContributions
        .slice(0, 4)
        .map((f) => `${f.name} (${formatPercent(f.share, 0)})`)
        .join(", ")}`,
    );
  }
  if (json.slices.length > 0) lines.push("under-covered slices:", textTable(SLICE_HEADER, sliceRows(json)));
  if (json.skipped.length > 0)
    lines.push(`not compared: ${json.skipped.map((s) => `${s.name} (${s.reason})`).join("; ")}`);
  return lines.join("\n");
}

async function coverageStaticHTML(json: CoverageJSON): Promise<string> {
  const parts = [`<h3>${escapeHtml(json.title)}</h3>`, verdictHTML(json.verdict, coverageHeadline(json))];
  parts.push(
    htmlTable(
      FEATURE_COVERAGE_HEADER,
      featureCoverageRows(json).map((r) => r.map(escapeHtml)),
    ),
  );
  if (json.joint !== null) {
    const j = json.joint;
    parts.push(
      `<p class="driftlab-sub">Joint check: nearest training row of each of ${formatNumber(j.servingRows)} serving rows among ${formatNumber(j.trainingRows)} training rows (Gower-like distance); a row is uncovered beyond the ${formatPercent(j.supportQuantile, 0)} quantile of training's own nearest-neighbour distances. ${
        j.uncovered > 0
          ? `Uncovered rows are far mostly in ${j.featureContributions
              .slice(0, 4)
              .map((f) => `${escapeHtml(f.name)} (${formatPercent(f.share, 0)})`)
              .join(", ")}.`
          : ""
      }</p>`,
    );
  }
  if (json.slices.length > 0) {
    parts.push(`<p class="driftlab-sub"><b>Under-covered slices</b> (serving rows training lacks):</p>`);
    parts.push(
      htmlTable(
        SLICE_HEADER,
        sliceRows(json).map((r) => r.map(escapeHtml)),
      ),
    );
  }
  if (json.skipped.length > 0) {
    parts.push(
      `<p class="driftlab-sub">Not compared: ${json.skipped.map((s) => `${escapeHtml(s.name)} (${escapeHtml(s.reason)})`).join("; ")}</p>`,
    );
  }
  parts.push(await charts([coverageMapChart(json), coverageFeatureChart(json)]));
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------- representation

function representationHeadline(json: RepresentationJSON): string {
  const groups = json.groupings.flatMap((g) => g.groups);
  const under = groups.filter((g) => g.status === "under-represented").length;
  const proxies = json.proxies.filter((p) => p.proxy).length;
  return `${under} under-represented group${under === 1 ? "" : "s"}, ${proxies} prox${proxies === 1 ? "y" : "ies"} of a protected attribute (${formatNumber(json.rows)} rows)`;
}

function groupRows(json: RepresentationJSON): string[][] {
  return json.groupings.flatMap((g) =>
    g.groups.map((x) => [
      g.name,
      x.group,
      formatNumber(x.count),
      `${formatPercent(x.share, 1)} [${formatPercent(x.interval.lower, 1)}, ${formatPercent(x.interval.upper, 1)}]`,
      x.expected === null ? "–" : `${formatPercent(x.expected, 1)} (${x.expectedFrom})`,
      formatNumber(x.ratio, 3),
      x.status + (x.tooSmall ? ", too small" : ""),
    ]),
  );
}

function proxyRows(json: RepresentationJSON): string[][] {
  return json.proxies
    .filter((p) => p.strength !== "none")
    .map((p) => [
      p.feature,
      p.attribute,
      formatNumber(p.auc, 3),
      formatPercent(p.normalized, 1),
      formatNumber(p.adjustedPValue, 2),
      p.strength,
    ]);
}

const GROUP_HEADER = ["grouping", "group", "rows", "share [CI]", "expected", "ratio", "status"];
const PROXY_HEADER = ["feature", "attribute", "AUC", "info share", "p (adj.)", "proxy"];

function representationText(json: RepresentationJSON): string {
  const proxies = proxyRows(json);
  return [
    json.title,
    ...verdictText(json.verdict, representationHeadline(json)),
    textTable(GROUP_HEADER, groupRows(json)),
    ...(proxies.length > 0
      ? ["features that predict a protected attribute:", textTable(PROXY_HEADER, proxies)]
      : ["no feature predicts a protected attribute significantly"]),
  ].join("\n");
}

async function representationStaticHTML(json: RepresentationJSON): Promise<string> {
  const proxies = proxyRows(json);
  return [
    `<h3>${escapeHtml(json.title)}</h3>`,
    verdictHTML(json.verdict, representationHeadline(json)),
    htmlTable(
      GROUP_HEADER,
      groupRows(json).map((r) => r.map(escapeHtml)),
    ),
    `<p class="driftlab-sub">${formatPercent(1 - json.alpha, 0)} Wilson intervals; represented within ×${json.band[0]}–${json.band[1]} of the expected share (or not significantly outside it); groups under ${json.minSize} rows are too small for reliable per-group metrics.</p>`,
    proxies.length > 0
      ? `<p class="driftlab-sub"><b>Proxies</b>: features that predict a protected attribute alone (AUC; a proxy from ${json.proxyAuc}, significant after ${escapeHtml(json.correction)} correction)</p>${htmlTable(
          PROXY_HEADER,
          proxies.map((r) => r.map(escapeHtml)),
        )}`
      : `<p class="driftlab-sub">No feature predicts a protected attribute significantly.</p>`,
    await charts([representationChart(json), proxyChart(json)]),
  ].join("\n");
}

/** The presenter of "predictive-content" reports. */
export const predictiveContentPresenter: Presenter<PredictiveContentJSON> = {
  text: predictiveText,
  staticHTML: predictiveStaticHTML,
  vegaLite: predictiveContentChart,
};

/** The presenter of "coverage" reports. */
export const coveragePresenter: Presenter<CoverageJSON> = {
  text: coverageText,
  staticHTML: coverageStaticHTML,
  vegaLite: (json) => coverageMapChart(json) ?? coverageFeatureChart(json),
};

/** The presenter of "representation" reports. */
export const representationPresenter: Presenter<RepresentationJSON> = {
  text: representationText,
  staticHTML: representationStaticHTML,
  vegaLite: representationChart,
};
