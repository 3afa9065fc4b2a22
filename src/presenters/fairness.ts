/** How a "fairness" report shows itself: text, static HTML with inline SVG charts, the metric chart as Vega-Lite. */
import {
  defaultChartMetrics,
  disparityChart,
  fairnessMetricChart,
  intersectionHeatmap,
  STATUS_COLORS,
  thresholdChart,
} from "../charts/fairness.js";
import type { DisparityJSON, FairnessJSON, FlagJSON, MetricValueJSON } from "../format/fairness.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

const HARM_LABELS: Record<string, string> = {
  "opportunity-denial": "opportunity denial",
  "disproportionate-product-failure": "disproportionate product failure",
  "harm-by-disadvantage": "harm by disadvantage",
};

function isRate(json: FairnessJSON, metric: string): boolean {
  return json.metrics.find((m) => m.name === metric)?.kind === "rate";
}

function labelOf(json: FairnessJSON, metric: string): string {
  return json.metrics.find((m) => m.name === metric)?.label ?? metric;
}

function show(json: FairnessJSON, metric: string, value: number | null | undefined): string {
  return isRate(json, metric) ? formatPercent(value) : formatNumber(value ?? null, 4);
}

function referenceName(json: FairnessJSON, grouping: string): string {
  const g = json.groupings.find((x) => x.name === grouping);
  if (g === undefined) return "overall";
  const within = g.stratifiedBy === undefined ? "" : ` within each ${g.stratifiedBy.join(" × ")}`;
  if (g.reference.kind === "overall")
    return g.stratifiedBy === undefined ? "overall" : `the stratum${within}`;
  return (
    (g.reference.group ?? (g.reference.kind === "largest" ? "largest group" : "reference group")) + within
  );
}

/** One sentence per flag. */
export function flagSentence(json: FairnessJSON, flag: FlagJSON): string {
  const harm = flag.harm === undefined ? "" : `${HARM_LABELS[flag.harm]}: `;
  return (
    `${harm}${flag.group} (${flag.grouping}, n=${formatNumber(flag.n)}): ${labelOf(json, flag.metric)} ` +
    `${show(json, flag.metric, flag.value)} vs ${show(json, flag.metric, flag.referenceValue)} (${flag.reference})` +
    ` (ratio ${formatNumber(flag.ratio, 3)}, adjusted p ${formatNumber(flag.adjustedPValue, 3)})`
  );
}

function settingsLine(json: FairnessJSON): string {
  const s = json.settings;
  const ci =
    s.ci === "bootstrap"
      ? `percentile bootstrap (${s.bootstrap?.resamples} resamples, seed ${s.bootstrap?.seed})`
      : "Wilson";
  const reference = s.reference === "overall" ? "overall (each group tested against the rest)" : s.reference;
  return (
    `${formatNumber(json.rowsUsed)} of ${formatNumber(json.numRows)} rows · ${json.task} · reference: ${reference} · band ` +
    `${s.band.lower}–${s.band.upper} · ${Math.round((1 - s.alpha) * 100)}% ${ci} intervals · z / Fisher tests, ` +
    `${s.correction === "holm" ? "Holm" : "Benjamini–Hochberg"} at α=${s.alpha} · min group size ${s.minGroupSize}` +
    (s.threshold === undefined ? "" : ` · threshold ${s.threshold}`)
  );
}

/** Text summary: flags, notes, then per grouping a table of the chart metrics. */
export function fairnessText(json: FairnessJSON): string {
  const lines = [`${json.title}`, settingsLine(json)];
  if (json.flags.length === 0) lines.push("No harm flags.");
  else {
    lines.push(`${json.flags.length} harm flag(s):`);
    for (const flag of json.flags) lines.push(`  ! ${flagSentence(json, flag)}`);
  }
  if (json.outsideBandNotSignificant.length > 0) {
    lines.push(`Outside the band but not significant (not flagged):`);
    for (const flag of json.outsideBandNotSignificant.slice(0, 10))
      lines.push(`  ? ${flagSentence(json, flag)}`);
  }
  for (const note of json.notes) lines.push(`Note: ${note}`);
  const metrics = defaultChartMetrics(json);
  for (const grouping of json.groupings) {
    lines.push("", `${grouping.name} (reference: ${referenceName(json, grouping.name)})`);
    const rows = grouping.groups.map((g) => [
      g.label,
      formatNumber(g.n),
      ...metrics.map((m) => `${show(json, m, g.metrics[m].value)}${marker(g.disparities[m])}`),
    ]);
    rows.push([
      "overall",
      formatNumber(json.overall.n),
      ...metrics.map((m) => show(json, m, json.overall.metrics[m].value)),
    ]);
    lines.push(textTable(["group", "n", ...metrics.map((m) => labelOf(json, m))], rows));
  }
  lines.push("", "! harm  ? outside band, not significant  ~ too small to judge");
  return lines.join("\n");
}

function marker(d: DisparityJSON | undefined): string {
  if (d === undefined) return " ";
  return d.status === "harm"
    ? "!"
    : d.status === "outside-band-not-significant"
      ? "?"
      : d.status === "too-small"
        ? "~"
        : " ";
}

function intervalText(json: FairnessJSON, metric: string, v: MetricValueJSON): string {
  if (v.lower === null || v.upper === null) return "";
  return `<span style="color:#59636e;font-size:11px"> [${show(json, metric, v.lower)}, ${show(json, metric, v.upper)}]</span>`;
}

function cell(json: FairnessJSON, metric: string, v: MetricValueJSON, d: DisparityJSON | undefined): string {
  const counts = v.numerator === undefined ? "" : ` title="${v.numerator} / ${v.denominator}"`;
  const value = `<span${counts}>${show(json, metric, v.value)}</span>${intervalText(json, metric, v)}`;
  if (d === undefined) return value;
  const ratio = d.ratio === null ? "" : ` ×${formatNumber(d.ratio, 3)}`;
  const p =
    d.adjustedPValue === undefined || d.adjustedPValue === null
      ? ""
      : `, p<sub>adj</sub> ${formatNumber(d.adjustedPValue, 2)}`;
  const chip =
    d.status === "harm"
      ? `<span class="driftlab-chip bad">${ratio.trim()}${p}</span>`
      : d.status === "outside-band-not-significant"
        ? `<span class="driftlab-chip warn">${ratio.trim()}${p}</span>`
        : d.status === "outside-band"
          ? `<span class="driftlab-chip warn" style="background:#fff3e0">${ratio.trim()}${p}</span>`
          : d.status === "reference"
            ? `<span class="driftlab-chip ok">reference</span>`
            : "";
  return `${value} ${chip}`;
}

/** Static HTML: settings, flags, notes, and per grouping a table with its charts (SVG strings keyed by chart id). */
export function fairnessStaticHTML(json: FairnessJSON, charts: ReadonlyMap<string, string>): string {
  const parts = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub">${escapeHtml(settingsLine(json))}</p>`,
  ];
  if (json.flags.length === 0) {
    parts.push(
      `<p><span class="driftlab-chip ok">no harm flags</span> No disparity is both outside the band and significant after correction.</p>`,
    );
  } else {
    parts.push(
      `<p><span class="driftlab-chip bad">${json.flags.length} harm flag${json.flags.length === 1 ? "" : "s"}</span> outside the band, in the harmful direction, significant after correction:</p>`,
      `<ul>${json.flags.map((f) => `<li>${escapeHtml(flagSentence(json, f))}</li>`).join("")}</ul>`,
    );
  }
  if (json.outsideBandNotSignificant.length > 0) {
    parts.push(
      `<p><span class="driftlab-chip warn">outside band, not significant</span> not flagged; more data would be needed to judge:</p>`,
      `<ul>${json.outsideBandNotSignificant
        .slice(0, 12)
        .map((f) => `<li>${escapeHtml(flagSentence(json, f))}</li>`)
        .join(
          "",
        )}${json.outsideBandNotSignificant.length > 12 ? `<li>… ${json.outsideBandNotSignificant.length - 12} more</li>` : ""}</ul>`,
    );
  }
  for (const note of json.notes) parts.push(`<p class="driftlab-sub">${escapeHtml(note)}</p>`);
  const metrics = defaultChartMetrics(json);
  for (const grouping of json.groupings) {
    parts.push(`<h3>${escapeHtml(grouping.name)}</h3>`);
    const sub = [`reference: ${referenceName(json, grouping.name)}`];
    if (grouping.tooSmall > 0)
      sub.push(`${grouping.tooSmall} group(s) below ${json.settings.minGroupSize} rows, not judged`);
    if (grouping.suppressed > 0) sub.push(`${grouping.suppressed} group(s) suppressed`);
    for (const bins of grouping.bins ?? [])
      sub.push(`${bins.column} bins: ${bins.edges.map((e) => formatNumber(e)).join(" | ")}`);
    parts.push(`<p class="driftlab-sub">${escapeHtml(sub.join(" · "))}</p>`);
    const rows = grouping.groups.map((g) => [
      `<b>${escapeHtml(g.label)}</b>${g.judged ? "" : ` <span class="driftlab-chip" style="background:#eee;color:#555">too small</span>`}`,
      formatNumber(g.n),
      ...metrics.map((m) => cell(json, m, g.metrics[m], g.disparities[m])),
    ]);
    rows.push([
      "<i>overall</i>",
      formatNumber(json.overall.n),
      ...metrics.map((m) => cell(json, m, json.overall.metrics[m], undefined)),
    ]);
    parts.push(htmlTable(["group", "n", ...metrics.map((m) => labelOf(json, m))], rows));
    const spread = metrics
      .map((m) => {
        const s = grouping.spread[m];
        return s === null || s === undefined
          ? ""
          : `${labelOf(json, m)}: max−min ${show(json, m, s.difference)} (${s.maxGroup} vs ${s.minGroup})`;
      })
      .filter((s) => s !== "");
    if (spread.length > 0 && grouping.stratifiedBy === undefined)
      parts.push(`<p class="driftlab-sub">${escapeHtml(spread.join(" · "))}</p>`);
    for (const key of [`metrics:${grouping.name}`, `heatmap:${grouping.name}`]) {
      const svg = charts.get(key);
      if (svg !== undefined) parts.push(`<div>${svg}</div>`);
    }
  }
  for (const key of ["disparity", "thresholds"]) {
    const svg = charts.get(key);
    if (svg !== undefined) parts.push(`<div>${svg}</div>`);
  }
  if (json.omitted !== undefined) {
    const suppressed = (json.omitted.suppressed ?? []).map(
      (s) => `${s.count} group(s) of ${s.column} with fewer than ${s.minimumCount} rows`,
    );
    parts.push(`<p class="driftlab-sub">Left out: ${escapeHtml(suppressed.join("; "))}.</p>`);
  }
  parts.push(
    `<p class="driftlab-sub">Colors: <span style="color:${STATUS_COLORS.harm}">harm</span>, <span style="color:${STATUS_COLORS["outside-band-not-significant"]}">outside band, not significant</span>, <span style="color:${STATUS_COLORS["too-small"]}">too small</span>. A disparity is a harm flag only when it is outside the band, in the harmful direction and significant after correction.</p>`,
  );
  return parts.join("\n");
}

/** Tables and inline SVG charts (per-group metrics, disparity ratios, intersections, thresholds). */
async function fairnessStaticPage(json: FairnessJSON): Promise<string> {
  const charts = new Map<string, string>();
  const render = async (key: string, spec: Record<string, unknown> | undefined) => {
    if (spec !== undefined) charts.set(key, await vegaLiteToSVG(spec));
  };
  for (const grouping of json.groupings) {
    await render(`metrics:${grouping.name}`, fairnessMetricChart(json, { grouping: grouping.name }));
    if (grouping.columns.length === 2) {
      await render(`heatmap:${grouping.name}`, intersectionHeatmap(json, { grouping: grouping.name }));
    }
  }
  await render("disparity", disparityChart(json));
  await render("thresholds", thresholdChart(json));
  return fairnessStaticHTML(json, charts);
}

/** The presenter of "fairness" reports; the Vega-Lite chart is the per-group metric chart of the first grouping. */
export const fairnessPresenter: Presenter<FairnessJSON> = {
  text: fairnessText,
  staticHTML: fairnessStaticPage,
  vegaLite: (json) => fairnessMetricChart(json),
};
