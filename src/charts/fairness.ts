/**
 * Charts of the "fairness" and "slices" reports: pure functions from report JSON to Vega-Lite v5 specs (and the slice
 * table as static HTML). Browser-safe: no Node imports; shared by the extension, the static renderer and exports.
 */

import type { FairnessJSON, GroupingJSON, SlicesJSON } from "../format/fairness.js";
import { escapeHtml, formatNumber, formatPercent } from "../core/format.js";

type Spec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Status colors, the same in every fairness chart. */
export const STATUS_COLORS: Record<string, string> = {
  harm: "#c62828",
  "outside-band": "#ef6c00",
  "outside-band-not-significant": "#f9a825",
  "within-band": "#1f77b4",
  "not-tested": "#1f77b4",
  reference: "#212121",
  "too-small": "#9e9e9e",
  undefined: "#bdbdbd",
};

const STATUS_LABELS: Record<string, string> = {
  harm: "harm flag",
  "outside-band": "outside band (sig.)",
  "outside-band-not-significant": "outside band (n.s.)",
  "within-band": "within band",
  "not-tested": "not tested",
  reference: "reference",
  "too-small": "too small",
  undefined: "undefined",
};

const BAND_COLOR = "#2e7d32";

/** Options of the per-grouping charts. */
export interface FairnessChartOptions {
  /** The grouping's name ("sex", "sex × race"). Default: the first grouping. */
  grouping?: string;
  /** Metrics to show. Default: the harm-mapped metrics (selection rate, FNR, FPR, error rate; MAE, RMSE) present. */
  metrics?: readonly string[];
}

/** The grouping called `name`, or the first. */
export function findGrouping(json: FairnessJSON, name?: string): GroupingJSON | undefined {
  return name === undefined ? json.groupings[0] : json.groupings.find((g) => g.name === name);
}

/** The metrics a chart shows by default: every metric mapped to a harm (in catalogue order), else all. */
export function defaultChartMetrics(json: FairnessJSON): string[] {
  const flagged = new Set(json.flags.map((f) => f.metric));
  const preferred = json.metrics
    .filter((m) => m.harm !== undefined || flagged.has(m.name))
    .map((m) => m.name);
  const chosen = preferred.length > 0 ? preferred : json.metrics.map((m) => m.name);
  return chosen.slice(0, 6);
}

function labelOf(json: FairnessJSON, metric: string): string {
  return json.metrics.find((m) => m.name === metric)?.label ?? metric;
}

function isRate(json: FairnessJSON, metric: string): boolean {
  return json.metrics.find((m) => m.name === metric)?.kind === "rate";
}

function statusLegend(): Spec {
  const domain = Object.keys(STATUS_LABELS).filter((s) => s !== "not-tested" && s !== "undefined");
  return {
    field: "status",
    type: "nominal",
    title: "status",
    scale: { domain: domain.map((s) => STATUS_LABELS[s]), range: domain.map((s) => STATUS_COLORS[s]) },
    legend: { orient: "bottom", columns: 3, labelLimit: 240 },
  };
}

/**
 * Per-group metric values as points with interval error bars, one panel per metric; the reference value as a dashed
 * rule and the fairness band (reference × [lower, upper]) shaded. Point color = disparity status.
 */
export function fairnessMetricChart(
  json: FairnessJSON,
  options: FairnessChartOptions = {},
): Spec | undefined {
  const grouping = findGrouping(json, options.grouping);
  if (grouping === undefined || grouping.groups.length === 0) return undefined;
  const metrics = (options.metrics ?? defaultChartMetrics(json)).filter((m) =>
    json.metrics.some((x) => x.name === m),
  );
  const values: Record<string, unknown>[] = [];
  const stratified = grouping.stratifiedBy !== undefined;
  for (const metric of metrics) {
    const label = labelOf(json, metric);
    grouping.groups.forEach((group, index) => {
      const v = group.metrics[metric];
      const disparity = group.disparities[metric];
      const reference = stratified ? (disparity?.referenceValue ?? null) : grouping.reference.values[metric];
      values.push({
        metric: label,
        group: group.label,
        order: index,
        value: v.value,
        lower: v.lower,
        upper: v.upper,
        n: group.n,
        counts: v.numerator === undefined ? "" : `${v.numerator}/${v.denominator}`,
        ratio: disparity?.ratio ?? null,
        pAdjusted: disparity?.adjustedPValue ?? null,
        status: STATUS_LABELS[disparity?.status ?? "undefined"],
        reference,
        bandLow: reference === null ? null : reference * json.settings.band.lower,
        bandHigh: reference === null ? null : reference * json.settings.band.upper,
        first: index === 0,
      });
    });
  }
  const rate = metrics.every((m) => isRate(json, m));
  const within = stratified ? ` within each ${grouping.stratifiedBy!.join(" × ")}` : "";
  const referenceName =
    (grouping.reference.kind === "overall"
      ? stratified
        ? "stratum"
        : "overall"
      : (grouping.reference.group ?? `${grouping.reference.kind} group`)) + within;
  const x = {
    field: "value",
    type: "quantitative",
    title: null,
    axis: rate ? { format: ".0%" } : {},
    scale: { zero: true },
  };
  const y = { field: "group", type: "nominal", title: null, sort: { field: "order", op: "min" } };
  const tooltip = [
    { field: "group", title: "group" },
    { field: "metric" },
    { field: "value", format: rate ? ".1%" : ".4g" },
    { field: "lower", format: rate ? ".1%" : ".4g" },
    { field: "upper", format: rate ? ".1%" : ".4g" },
    { field: "counts" },
    { field: "n", format: "," },
    { field: "ratio", format: ".3f" },
    { field: "pAdjusted", title: "p (adjusted)", format: ".3g" },
    { field: "status" },
  ];
  return {
    $schema: SCHEMA,
    title: {
      text: `${grouping.name}: per-group metrics`,
      subtitle: `${ciName(json)} intervals; ${stratified ? "tick" : "dashed"}: ${referenceName}; green: band ×${json.settings.band.lower}–${json.settings.band.upper}`,
    },
    data: { values },
    facet: { field: "metric", type: "nominal", title: null, sort: metrics.map((m) => labelOf(json, m)) },
    columns: metrics.length > 3 ? 2 : metrics.length,
    spec: {
      width: 240,
      height: Math.max(60, 18 * grouping.groups.length),
      layer: [
        // One band and reference rule per panel; per group when each group has its own (stratified) reference.
        {
          transform: [{ filter: `${stratified ? "" : "datum.first && "}datum.bandLow !== null` }],
          mark: { type: "rect", color: BAND_COLOR, opacity: stratified ? 0.2 : 0.12 },
          encoding: stratified
            ? { y, x: { field: "bandLow", type: "quantitative" }, x2: { field: "bandHigh" } }
            : { x: { field: "bandLow", type: "quantitative" }, x2: { field: "bandHigh" } },
        },
        stratified
          ? {
              transform: [{ filter: "datum.reference !== null" }],
              mark: { type: "tick", orient: "vertical", color: "#424242", thickness: 1.5 },
              encoding: { y, x: { field: "reference", type: "quantitative" } },
            }
          : {
              transform: [{ filter: "datum.first && datum.reference !== null" }],
              mark: { type: "rule", strokeDash: [4, 3], color: "#424242" },
              encoding: { x: { field: "reference", type: "quantitative" } },
            },
        {
          transform: [{ filter: "datum.lower !== null" }],
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: {
            y,
            x: { field: "lower", type: "quantitative" },
            x2: { field: "upper" },
            color: statusLegend(),
          },
        },
        {
          transform: [{ filter: "datum.value !== null" }],
          mark: { type: "point", filled: true, size: 60 },
          encoding: { y, x, color: statusLegend(), tooltip },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    config: { view: { stroke: "#e0e0e0" }, axis: { labelLimit: 180 } },
  };
}

function ciName(json: FairnessJSON): string {
  const level = `${Math.round((1 - json.settings.alpha) * 100)}%`;
  return json.settings.ci === "bootstrap" ? `${level} percentile bootstrap` : `${level} Wilson`;
}

/**
 * Disparity ratios (group / reference) on a log scale, one panel per metric, with the fairness band shaded and a rule
 * at 1. Groups whose ratio is undefined (a zero reference) are left out.
 */
export function disparityChart(json: FairnessJSON, options: FairnessChartOptions = {}): Spec | undefined {
  const grouping = findGrouping(json, options.grouping);
  if (grouping === undefined) return undefined;
  const metrics = (options.metrics ?? defaultChartMetrics(json)).filter((m) =>
    json.metrics.some((x) => x.name === m),
  );
  const values: Record<string, unknown>[] = [];
  let low = json.settings.band.lower;
  let high = json.settings.band.upper;
  for (const metric of metrics) {
    grouping.groups.forEach((group, index) => {
      const d = group.disparities[metric];
      if (d === undefined || d.ratio === null || d.ratio <= 0) return;
      low = Math.min(low, d.ratio);
      high = Math.max(high, d.ratio);
      values.push({
        metric: labelOf(json, metric),
        group: group.label,
        order: index,
        ratio: d.ratio,
        difference: d.difference,
        pAdjusted: d.adjustedPValue ?? null,
        n: group.n,
        status: STATUS_LABELS[d.status],
      });
    });
  }
  if (values.length === 0) return undefined;
  const domain = [low / 1.1, high * 1.1];
  const ticks = [0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 10].filter(
    (t) => t >= domain[0] && t <= domain[1],
  );
  return {
    $schema: SCHEMA,
    title: {
      text: `${grouping.name}: disparity ratio to ${
        grouping.reference.kind === "overall"
          ? grouping.stratifiedBy === undefined
            ? "overall"
            : `each ${grouping.stratifiedBy.join(" × ")}`
          : (grouping.reference.group ?? `${grouping.reference.kind} group`)
      }`,
      subtitle: `log scale; green: fairness band ${json.settings.band.lower}–${json.settings.band.upper}`,
    },
    data: { values },
    facet: { field: "metric", type: "nominal", title: null, sort: metrics.map((m) => labelOf(json, m)) },
    columns: metrics.length > 3 ? 2 : metrics.length,
    spec: {
      width: 240,
      height: Math.max(60, 18 * grouping.groups.length),
      layer: [
        {
          data: { values: [{ low: json.settings.band.lower, high: json.settings.band.upper }] },
          mark: { type: "rect", color: BAND_COLOR, opacity: 0.12 },
          encoding: {
            x: {
              field: "low",
              type: "quantitative",
              scale: { type: "log", domain, nice: false },
              axis: { values: ticks, format: "~g" },
            },
            x2: { field: "high" },
          },
        },
        {
          data: { values: [{ one: 1 }] },
          mark: { type: "rule", color: "#424242", strokeDash: [4, 3] },
          encoding: { x: { field: "one", type: "quantitative" } },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            y: { field: "group", type: "nominal", title: null, sort: { field: "order", op: "min" } },
            x: {
              field: "ratio",
              type: "quantitative",
              title: "ratio",
              scale: { type: "log", domain, nice: false },
            },
            color: statusLegend(),
            tooltip: [
              { field: "group" },
              { field: "metric" },
              { field: "ratio", format: ".3f" },
              { field: "difference", format: ".4g" },
              { field: "pAdjusted", title: "p (adjusted)", format: ".3g" },
              { field: "n", format: "," },
              { field: "status" },
            ],
          },
        },
      ],
    },
    config: { view: { stroke: "#e0e0e0" }, axis: { labelLimit: 180 } },
  };
}

/**
 * Heatmap of a two-column grouping: first column on x, second on y, color = the metric, text = the value and n.
 * Undefined when the grouping does not have exactly two columns.
 */
export function intersectionHeatmap(
  json: FairnessJSON,
  options: { grouping?: string; metric?: string } = {},
): Spec | undefined {
  const grouping =
    options.grouping === undefined
      ? json.groupings.find((g) => g.columns.length === 2)
      : findGrouping(json, options.grouping);
  if (grouping === undefined || grouping.columns.length !== 2 || grouping.groups.length === 0)
    return undefined;
  const metric =
    options.metric ??
    json.flags.find((f) => f.grouping === grouping.name)?.metric ??
    defaultChartMetrics(json)[0];
  const rate = isRate(json, metric);
  const [a, b] = grouping.columns;
  const values = grouping.groups.map((group) => {
    const v = group.metrics[metric];
    return {
      a: group.key[a] ?? "(missing)",
      b: group.key[b] ?? "(missing)",
      value: v?.value ?? null,
      lower: v?.lower ?? null,
      upper: v?.upper ?? null,
      n: group.n,
      text: `${v?.value === null || v === undefined ? "–" : rate ? formatPercent(v.value) : formatNumber(v.value, 3)}`,
      nText: `n=${formatNumber(group.n)}${group.judged ? "" : " (small)"}`,
      status: STATUS_LABELS[group.disparities[metric]?.status ?? "undefined"],
    };
  });
  const format = rate ? ".1%" : ".4g";
  const defined = values.map((v) => v.value).filter((v): v is number => v !== null);
  const middle = defined.length === 0 ? 0 : (Math.min(...defined) + Math.max(...defined)) / 2;
  const textColor = {
    condition: { test: `datum.value !== null && datum.value > ${middle}`, value: "white" },
    value: "#111",
  };
  return {
    $schema: SCHEMA,
    title: { text: `${labelOf(json, metric)} by ${a} × ${b}`, subtitle: "cell text: value and group size" },
    data: { values },
    width: { step: 70 },
    height: { step: 38 },
    encoding: {
      x: { field: "a", type: "nominal", title: a, sort: null, axis: { labelAngle: 0 } },
      y: { field: "b", type: "nominal", title: b, sort: null },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white" },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            title: labelOf(json, metric),
            scale: { scheme: "orangered" },
            legend: { format },
          },
          tooltip: [
            { field: "a", title: a },
            { field: "b", title: b },
            { field: "value", format },
            { field: "lower", format },
            { field: "upper", format },
            { field: "n", format: "," },
            { field: "status" },
          ],
        },
      },
      {
        mark: { type: "text", baseline: "bottom", dy: -1, fontSize: 11, fontWeight: "bold" },
        encoding: { text: { field: "text" }, color: textColor },
      },
      {
        mark: { type: "text", baseline: "top", dy: 1, fontSize: 9 },
        encoding: { text: { field: "nText" }, color: textColor },
      },
    ],
    config: { view: { stroke: null } },
  };
}

/** A rate across score thresholds, one line per group (score models), with a rule at the decision threshold. */
export function thresholdChart(
  json: FairnessJSON,
  options: { grouping?: string; metric?: string } = {},
): Spec | undefined {
  const grouping = findGrouping(json, options.grouping);
  if (grouping === undefined || json.settings.thresholds === undefined) return undefined;
  const metric = options.metric ?? defaultChartMetrics(json)[0];
  const values: Record<string, unknown>[] = [];
  for (const group of grouping.groups) {
    if (!group.judged) continue;
    for (const t of group.thresholds ?? []) {
      const value = t.rates[metric];
      if (value !== null && value !== undefined)
        values.push({ group: group.label, threshold: t.threshold, value });
    }
  }
  if (values.length === 0) return undefined;
  return {
    $schema: SCHEMA,
    title: {
      text: `${labelOf(json, metric)} by threshold, ${grouping.name}`,
      subtitle: "predicted positive when score ≥ threshold",
    },
    width: 360,
    height: 200,
    encoding: { x: { field: "threshold", type: "quantitative", scale: { zero: false } } },
    layer: [
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: {
          y: { field: "value", type: "quantitative", title: labelOf(json, metric), axis: { format: ".0%" } },
          color: { field: "group", type: "nominal", title: grouping.name },
          tooltip: [{ field: "group" }, { field: "threshold" }, { field: "value", format: ".1%" }],
        },
      },
      {
        data: { values: [{ threshold: json.settings.threshold }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#424242" },
      },
    ],
  };
}

/** Effect sizes of the discovered slices as bars, with each slice's and the rest's failure rate in the tooltip. */
export function slicesChart(json: SlicesJSON): Spec | undefined {
  if (json.slices.length === 0) return undefined;
  const shown = json.slices.slice(0, 25);
  const rate = json.outcome.kind === "error-rate";
  const format = rate ? ".1%" : ".4g";
  return {
    $schema: SCHEMA,
    title: {
      text: `Problem slices (${json.slices.length} found, ${json.settings.method === "bh" ? "Benjamini–Hochberg" : "alpha-investing"}, α=${json.settings.alpha})`,
      subtitle: `bar: effect size φ; ${rate ? "error rate" : "mean loss"} overall ${rate ? formatPercent(json.overall.value) : formatNumber(json.overall.value)}`,
    },
    data: {
      values: shown.map((s, index) => ({
        slice: s.label,
        order: index,
        effectSize: s.effectSize,
        value: s.value,
        complementValue: s.complementValue,
        size: s.size,
        pValue: s.pValue,
      })),
    },
    width: 300,
    height: { step: 18 },
    encoding: { y: { field: "slice", type: "nominal", sort: { field: "order", op: "min" }, title: null } },
    layer: [
      {
        mark: { type: "bar", color: "#c62828" },
        encoding: {
          x: { field: "effectSize", type: "quantitative", title: "effect size φ" },
          tooltip: [
            { field: "slice" },
            { field: "size", format: "," },
            { field: "value", format, title: "in slice" },
            { field: "complementValue", format, title: "elsewhere" },
            { field: "effectSize", format: ".3f" },
            { field: "pValue", format: ".3g" },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", dx: 3, fontSize: 10 },
        encoding: {
          x: { field: "effectSize", type: "quantitative" },
          text: { field: "value", format },
        },
      },
    ],
    config: { axis: { labelLimit: 260 } },
  };
}

/** The discovered slices as a static HTML table (no script). */
export function sliceTableHTML(json: SlicesJSON): string {
  const rate = json.outcome.kind === "error-rate";
  const show = (v: number | null) => (rate ? formatPercent(v) : formatNumber(v));
  if (json.slices.length === 0) {
    return `<p class="driftlab-sub"><span class="driftlab-chip ok">no slice found</span> No slice is significantly worse than the rest at α=${json.settings.alpha} (${json.tested.toLocaleString("en-US")} slices tested).</p>`;
  }
  const head = [
    "#",
    "slice",
    "size",
    rate ? "error rate" : "mean loss",
    "interval",
    "elsewhere",
    "effect size φ",
    "test",
    "p-value",
    json.settings.method === "bh" ? "adjusted p" : "test level",
  ];
  const rows = json.slices.map((s, k) => [
    String(k + 1),
    `<b>${escapeHtml(s.label)}</b>`,
    formatNumber(s.size),
    `<span class="driftlab-chip bad">${show(s.value)}</span>`,
    s.lower === null ? "–" : `${show(s.lower)} – ${show(s.upper)}`,
    show(s.complementValue),
    formatNumber(s.effectSize, 3),
    s.test,
    formatNumber(s.pValue, 3),
    formatNumber(json.settings.method === "bh" ? (s.adjustedPValue ?? null) : (s.testLevel ?? null), 3),
  ]);
  const headHtml = head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table class="driftlab-table"><thead><tr>${headHtml}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
