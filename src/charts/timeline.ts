import type { TimelineJSON } from "../format/drift-timeline.js";
import type { VegaLiteSpec } from "./drift.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Features × windows heatmap of drift strength (score ÷ threshold, ≥ 1 = drift), with incidents marked "!". */
export function timelineHeatmapSpec(report: TimelineJSON): VegaLiteSpec {
  const values: Record<string, unknown>[] = [];
  for (const w of report.windows) {
    for (const feature of report.features) {
      const f = w.features[feature];
      const incidents = report.incidents.filter((i) => i.window === w.label && i.feature === feature);
      values.push({
        window: w.label,
        feature,
        strength: f === undefined ? null : Math.min(Number.isFinite(f.strength) ? f.strength : 5, 5),
        drifted: f?.drifted ?? false,
        status:
          w.role === "reference"
            ? "reference"
            : w.role === "too-small"
              ? "too small"
              : f?.drifted
                ? "drift"
                : "ok",
        method: f?.method ?? null,
        statistic: f?.statistic ?? null,
        pValue: f?.pValue ?? null,
        summary: f?.summary ?? null,
        incident: incidents.length > 0 ? "!" : "",
        incidents: incidents.map((i) => `${i.code}: ${i.message}`).join("; "),
        rows: w.numRows,
      });
    }
  }
  const order = report.windows.map((w) => w.label);
  const labels = Object.fromEntries(
    report.windows.map((w) => [
      w.label,
      w.role === "reference"
        ? `${w.label} (ref)`
        : w.role === "too-small"
          ? `${w.label} (too few rows)`
          : w.partial
            ? `${w.label} (partial)`
            : w.label,
    ]),
  );
  return {
    $schema: SCHEMA,
    title: {
      text: "Drift by window",
      subtitle: "color: drift score ÷ threshold (≥ 1 = drift, capped at 5); ! = data-quality incident",
    },
    data: { values },
    width: { step: Math.max(14, Math.min(40, Math.floor(600 / Math.max(1, order.length)))) },
    height: { step: 18 },
    encoding: {
      x: {
        field: "window",
        type: "ordinal",
        sort: order,
        title: null,
        axis: { labelAngle: -45, labelExpr: `${JSON.stringify(labels)}[datum.value] || datum.value` },
      },
      y: { field: "feature", type: "nominal", sort: report.features, title: null },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: {
            field: "strength",
            type: "quantitative",
            scale: { domain: [0, 1, 5], range: ["#f0f9e8", "#fdd49e", "#b30000"] },
            legend: { title: "score ÷ threshold" },
          },
          tooltip: [
            { field: "window" },
            { field: "feature" },
            { field: "status" },
            { field: "method" },
            { field: "statistic", format: ".4g" },
            { field: "pValue", title: "p-value", format: ".3g" },
            { field: "summary" },
            { field: "incidents" },
            { field: "rows", format: "," },
          ],
        },
      },
      {
        mark: { type: "text", fontWeight: "bold", color: "#111" },
        encoding: { text: { field: "incident" } },
      },
    ],
  };
}
