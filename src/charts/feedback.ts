import type { LabelJSON, PerformanceJSON } from "../format/feedback.js";
import type { VegaLiteSpec } from "./drift.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const DAY = 86_400_000;

const STATUS_COLORS = {
  domain: ["reference", "scored", "immature", "too-few-labels"],
  range: ["#57606a", "#0969da", "#bf8700", "#8c959f"],
};

/**
 * Performance over time: the primary metric per window with its 95 % interval (realized, coloured by window status),
 * the estimated value (CBPE, dashed), the reference band (mean ± 3σ, shaded), immature windows shaded amber, and
 * alarms as vertical rules labelled sudden or gradual; under it the label coverage per window and the detector
 * traces (level ≥ 1 = detection, ✕ where a detector fired).
 */
export function performanceSpec(report: PerformanceJSON): VegaLiteSpec {
  const metric = report.primary;
  const band = report.bands.find((b) => b.metric === metric);
  const values = report.windows
    .filter((w) => w.status !== "empty")
    .map((w) => {
      const r = w.realized[metric];
      const e = w.estimated?.[metric];
      return {
        window: w.label,
        start: w.start,
        end: w.end,
        status: w.status,
        realized: r?.value ?? null,
        lower: r?.lower ?? null,
        upper: r?.upper ?? null,
        estimated: e?.value ?? null,
        gap: w.gap?.[metric] ?? null,
        coverage: w.coverage,
        predictions: w.predictions,
        labeled: w.labeled,
        outOfBand: w.outOfBand.includes(metric),
        bandLower: band?.lower ?? null,
        bandUpper: band?.upper ?? null,
        bandMean: band?.mean ?? null,
      };
    });
  const alarms = report.alarms.map((a) => {
    const w = report.windows.find((x) => x.label === (a.type === "gradual" ? a.onset : a.start));
    return {
      start: w?.start ?? 0,
      type: a.type,
      text: `${a.type}${
        a.features.length > 0
          ? `: ${a.features
              .slice(0, 2)
              .map((f) => f.name)
              .join(", ")}`
          : ""
      }`,
      evidence: a.evidence[0] ?? "",
      window: a.start,
    };
  });
  const x = { field: "start", type: "temporal", title: null, axis: { format: "%b %d", labelAngle: 0 } };
  const width = 720;
  const performance: VegaLiteSpec = {
    width,
    height: 260,
    title: {
      text: `${metric} per ${report.every}`,
      subtitle:
        "dots: realized (labels in) with 95% CI · dashed: estimated from scores (CBPE) · grey band: reference mean ± 3σ · amber: immature (labels still arriving)",
    },
    layer: [
      {
        data: { values: values.filter((v) => v.status === "immature") },
        mark: { type: "rect", color: "#d4a72c", opacity: 0.18 },
        encoding: { x, x2: { field: "end" } },
      },
      ...(band === undefined
        ? []
        : [
            {
              data: { values },
              mark: { type: "area", color: "#8c959f", opacity: 0.2 },
              encoding: {
                x,
                y: { field: "bandLower", type: "quantitative" },
                y2: { field: "bandUpper" },
              },
            },
            {
              data: { values },
              mark: { type: "line", color: "#8c959f", strokeWidth: 1 },
              encoding: { x, y: { field: "bandMean", type: "quantitative" } },
            },
          ]),
      {
        data: { values: values.filter((v) => v.lower !== null) },
        mark: { type: "rule", opacity: 0.5 },
        encoding: {
          x,
          y: { field: "lower", type: "quantitative" },
          y2: { field: "upper" },
          color: { field: "status", type: "nominal", scale: STATUS_COLORS },
        },
      },
      {
        data: { values: values.filter((v) => v.estimated !== null) },
        mark: { type: "line", color: "#bc4c00", strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x, y: { field: "estimated", type: "quantitative" } },
      },
      {
        data: { values: values.filter((v) => v.realized !== null) },
        mark: { type: "point", filled: true, size: 30 },
        encoding: {
          x,
          y: { field: "realized", type: "quantitative", title: metric, scale: { zero: false } },
          color: {
            field: "status",
            type: "nominal",
            scale: STATUS_COLORS,
            legend: { orient: "bottom", title: null },
          },
          shape: { condition: { test: "datum.outOfBand", value: "diamond" }, value: "circle" },
          tooltip: [
            { field: "window" },
            { field: "status" },
            { field: "realized", format: ".3f" },
            { field: "lower", format: ".3f", title: "CI lower" },
            { field: "upper", format: ".3f", title: "CI upper" },
            { field: "estimated", format: ".3f" },
            { field: "gap", format: ".3f", title: "realized − estimated" },
            { field: "coverage", format: ".0%", title: "label coverage" },
          ],
        },
      },
      {
        data: { values: alarms },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x,
          color: { condition: { test: "datum.type === 'sudden'", value: "#cf222e" }, value: "#8250df" },
          tooltip: [{ field: "window" }, { field: "type" }, { field: "evidence" }],
        },
      },
      {
        data: { values: alarms },
        mark: {
          type: "text",
          align: "left",
          dx: 3,
          dy: 8,
          baseline: "top",
          fontSize: 11,
          fontWeight: "bold",
        },
        encoding: {
          x,
          y: { value: 0 },
          text: { field: "text" },
          color: { condition: { test: "datum.type === 'sudden'", value: "#cf222e" }, value: "#8250df" },
        },
      },
    ],
  };
  const coverage: VegaLiteSpec = {
    width,
    height: 60,
    title: { text: "label coverage", fontSize: 11 },
    data: { values },
    mark: { type: "bar", color: "#6e7781" },
    encoding: {
      x,
      y: {
        field: "coverage",
        type: "quantitative",
        axis: { format: "%", tickCount: 2 },
        title: null,
        scale: { domain: [0, 1] },
      },
      tooltip: [
        { field: "window" },
        { field: "coverage", format: ".0%" },
        { field: "labeled" },
        { field: "predictions" },
      ],
    },
  };
  const traces = report.windows.flatMap((w) =>
    report.detectors.map((d) => ({
      start: w.start,
      end: w.end,
      window: w.label,
      detector: d,
      level: Math.min(2, w.detectorLevels[d] ?? 0),
      fired: report.detections.some((x) => x.detector === d && x.window === w.label) ? "✕" : "",
    })),
  );
  const detectors: VegaLiteSpec = {
    width,
    height: { step: 14 },
    title: { text: "change detectors on the error stream (level ≥ 1 = detection, ✕ = fired)", fontSize: 11 },
    data: { values: traces },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          x,
          x2: { field: "end" },
          y: { field: "detector", type: "nominal", title: null, sort: report.detectors },
          color: {
            field: "level",
            type: "quantitative",
            scale: { domain: [0, 1, 2], range: ["#f6f8fa", "#ffd8b5", "#cf222e"] },
            legend: null,
          },
          tooltip: [{ field: "window" }, { field: "detector" }, { field: "level", format: ".2f" }],
        },
      },
      {
        mark: { type: "text", fontSize: 10 },
        encoding: {
          x,
          y: { field: "detector", type: "nominal", sort: report.detectors },
          text: { field: "fired" },
        },
      },
    ],
  };
  return {
    $schema: SCHEMA,
    vconcat: [performance, coverage, ...(report.detectors.length > 0 ? [detectors] : [])],
    resolve: { scale: { color: "independent", x: "shared" }, legend: { color: "independent" } },
    config: { view: { stroke: null }, axis: { grid: false } },
  };
}

/** Label lag and maturity: share labeled within d days per window (one line each), and labeled share by age. */
export function labelChartsSpec(report: LabelJSON): VegaLiteSpec {
  const curves = report.maturity.flatMap((m) =>
    m.shareWithinDays.map((share, d) => ({ window: m.window, start: m.start, days: d + 1, share })),
  );
  const charts: VegaLiteSpec[] = [];
  if (curves.length > 0) {
    charts.push({
      width: 340,
      height: 200,
      title: { text: "label maturity", subtitle: "share of each window's predictions labeled within d days" },
      data: { values: curves },
      mark: { type: "line", strokeWidth: 1, opacity: 0.6 },
      encoding: {
        x: { field: "days", type: "quantitative", title: "days since prediction" },
        y: {
          field: "share",
          type: "quantitative",
          axis: { format: "%" },
          title: null,
          scale: { domain: [0, 1] },
        },
        detail: { field: "window" },
        color: {
          field: "start",
          type: "temporal",
          scale: { scheme: "viridis" },
          legend: { title: "window start", format: "%b %d", orient: "bottom" },
        },
        tooltip: [{ field: "window" }, { field: "days" }, { field: "share", format: ".0%" }],
      },
    });
  }
  if (report.lag !== null) {
    charts.push({
      width: 220,
      height: 200,
      title: {
        text: "label lag",
        subtitle: `median ${(report.lag.medianMs / DAY).toFixed(1)} d, p90 ${(report.lag.p90Ms / DAY).toFixed(1)} d`,
      },
      data: { values: report.lag.histogram },
      mark: { type: "bar", color: "#0969da" },
      encoding: {
        x: { field: "fromDays", type: "ordinal", title: "days" },
        y: { field: "count", type: "quantitative", title: "labels" },
        tooltip: [{ field: "fromDays", title: "from day" }, { field: "count" }],
      },
    });
  }
  charts.push({
    width: 220,
    height: 200,
    title: { text: "labeled share by prediction age" },
    data: { values: report.byAge },
    mark: { type: "bar", color: "#57606a" },
    encoding: {
      x: { field: "label", type: "ordinal", sort: null, title: "age" },
      y: {
        field: "share",
        type: "quantitative",
        axis: { format: "%" },
        title: null,
        scale: { domain: [0, 1] },
      },
      tooltip: [
        { field: "label" },
        { field: "predictions" },
        { field: "labeled" },
        { field: "share", format: ".0%" },
      ],
    },
  });
  return { $schema: SCHEMA, hconcat: charts, config: { view: { stroke: null } } };
}
