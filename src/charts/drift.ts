/**
 * Vega-Lite specs for drift reports: pure functions from report JSON to spec, browser-safe (no Node imports),
 * shared by the JupyterLab extension, the static SVG renderer and the page exporter.
 */
import type { DriftJSON, FeatureDrift, NumericDistribution } from "../format/drift.js";

export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
export const REFERENCE_COLOR = "#4c78a8";
export const CURRENT_COLOR = "#f58518";
const DRIFT_COLOR = "#d62728";
const OK_COLOR = "#54a24b";

function sideColors(reference: string, current: string): Record<string, unknown> {
  return { domain: [reference, current], range: [REFERENCE_COLOR, CURRENT_COLOR] };
}

/** Features sorted by drift strength (score relative to threshold; 1 = threshold), colored by verdict. */
export function driftSummarySpec(report: DriftJSON, options: { maxFeatures?: number } = {}): VegaLiteSpec {
  const features = report.features.slice(0, options.maxFeatures ?? 50);
  const values = features.map((f) => ({
    feature: f.name,
    strength: Number.isFinite(f.strength) ? Math.min(f.strength, 10) : 10,
    status: f.drifted ? "drift" : "no drift",
    method: f.methodLabel,
    statistic: f.statistic,
    pValue: f.pValue,
    threshold: f.threshold,
    summary: f.summary,
  }));
  return {
    $schema: SCHEMA,
    title: {
      text: `${report.dataset.drifted} of ${report.dataset.features} features drifted`,
      subtitle: "score relative to its threshold (≥ 1 means drift; capped at 10)",
    },
    width: 420,
    height: { step: 18 },
    data: { values },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 2 },
        encoding: {
          y: { field: "feature", type: "nominal", sort: null, title: null },
          x: { field: "strength", type: "quantitative", title: "drift score ÷ threshold" },
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: ["drift", "no drift"], range: [DRIFT_COLOR, OK_COLOR] },
            legend: { title: null, orient: "bottom" },
          },
          tooltip: [
            { field: "feature" },
            { field: "method" },
            { field: "statistic", format: ".4g" },
            { field: "pValue", title: "p-value", format: ".3g" },
            { field: "threshold" },
            { field: "summary" },
          ],
        },
      },
      { mark: { type: "rule", strokeDash: [4, 3], color: "#333" }, encoding: { x: { datum: 1 } } },
    ],
  };
}

function binValues(d: NumericDistribution, referenceName: string, currentName: string, log: boolean) {
  const rn = Math.max(
    1,
    d.reference.reduce((t, v) => t + v, 0),
  );
  const cn = Math.max(
    1,
    d.current.reduce((t, v) => t + v, 0),
  );
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i + 1 < d.edges.length; i++) {
    for (const [side, counts, n] of [
      [referenceName, d.reference, rn],
      [currentName, d.current, cn],
    ] as const) {
      const share = counts[i] / n;
      rows.push({
        start: d.edges[i],
        end: d.edges[i + 1],
        side,
        share: log ? Math.max(share, 1e-5) : share,
        count: counts[i],
      });
    }
  }
  return rows;
}

/** The overlay of one numeric or categorical feature: histogram (or ECDF) of both sides, or side-by-side bars. */
export function featureOverlaySpec(
  report: DriftJSON,
  feature: FeatureDrift,
  options: { view?: "histogram" | "ecdf"; scale?: "linear" | "log"; width?: number; height?: number } = {},
): VegaLiteSpec {
  const referenceName = report.reference.name;
  const currentName = report.current.name;
  const d = feature.distribution;
  const width = options.width ?? 360;
  const height = options.height ?? 160;
  const title = {
    text: feature.name,
    subtitle: feature.summary.length > 90 ? `${feature.summary.slice(0, 89)}…` : feature.summary,
  };
  const color = {
    field: "side",
    type: "nominal",
    scale: sideColors(referenceName, currentName),
    legend: { title: null, orient: "top" },
  };
  if (d.type === "categorical") {
    const rn = Math.max(
      1,
      d.reference.reduce((t, v) => t + v, 0),
    );
    const cn = Math.max(
      1,
      d.current.reduce((t, v) => t + v, 0),
    );
    const values = d.categories.flatMap((category, i) => [
      { category, side: referenceName, share: d.reference[i] / rn, count: d.reference[i] },
      { category, side: currentName, share: d.current[i] / cn, count: d.current[i] },
    ]);
    return {
      $schema: SCHEMA,
      title,
      width,
      height,
      data: { values },
      mark: "bar",
      encoding: {
        x: {
          field: "category",
          type: "nominal",
          sort: null,
          title: null,
          axis: { labelLimit: 80, labelAngle: -40 },
        },
        xOffset: { field: "side", sort: [referenceName, currentName] },
        y: {
          field: "share",
          type: "quantitative",
          axis: { format: "%" },
          title: "share of values",
          scale: options.scale === "log" ? { type: "log" } : {},
        },
        color,
        tooltip: [
          { field: "category" },
          { field: "side" },
          { field: "share", format: ".2%" },
          { field: "count", format: "," },
        ],
      },
    };
  }
  const timeUnit = d.datetime ? { type: "temporal" } : { type: "quantitative" };
  if (options.view === "ecdf") {
    const values = d.quantileLevels.flatMap((q, i) => [
      { value: d.referenceQuantiles[i], q, side: referenceName },
      { value: d.currentQuantiles[i], q, side: currentName },
    ]);
    return {
      $schema: SCHEMA,
      title,
      width,
      height,
      data: { values },
      mark: { type: "line", interpolate: "step-after" },
      encoding: {
        x: {
          field: "value",
          ...timeUnit,
          title: feature.name,
          scale: options.scale === "log" && !d.datetime ? { type: "symlog" } : {},
        },
        y: { field: "q", type: "quantitative", title: "cumulative share", axis: { format: "%" } },
        color,
        tooltip: [
          { field: "side" },
          { field: "value", format: ".4g" },
          { field: "q", title: "share ≤ value", format: ".0%" },
        ],
      },
    };
  }
  return {
    $schema: SCHEMA,
    title,
    width,
    height,
    data: { values: binValues(d, referenceName, currentName, options.scale === "log") },
    mark: { type: "rect", opacity: 0.55, stroke: null },
    encoding: {
      x: { field: "start", ...timeUnit, title: feature.name },
      x2: { field: "end" },
      y: {
        field: "share",
        type: "quantitative",
        stack: null,
        title: "share of values",
        axis: { format: "%" },
        scale: options.scale === "log" ? { type: "log" } : {},
      },
      color,
      tooltip: [
        { field: "side" },
        {
          field: "start",
          title: "from",
          format: d.datetime ? undefined : ".4g",
          ...(d.datetime ? { type: "temporal" } : {}),
        },
        {
          field: "end",
          title: "to",
          format: d.datetime ? undefined : ".4g",
          ...(d.datetime ? { type: "temporal" } : {}),
        },
        { field: "share", format: ".2%" },
        { field: "count", format: "," },
      ],
    },
  };
}
