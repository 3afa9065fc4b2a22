/**
 * Chart builders: pure functions from report JSON to Vega-Lite v5 specs. Browser-safe (no Node imports), shared by
 * the JupyterLab extension, the static SVG renderer and the page exporter.
 */
export { driftSummarySpec, featureOverlaySpec, CURRENT_COLOR, REFERENCE_COLOR } from "./drift.js";
export type { VegaLiteSpec } from "./drift.js";
export { timelineHeatmapSpec } from "./timeline.js";
export * from "./fairness.js";
export {
  bulkDistribution,
  categoryBarsSpec,
  defaultDistributionRange,
  isHeavyTailed,
  numericHistogramSpec,
} from "./profile.js";
export type { BulkBar, BulkDistribution, DistributionRange } from "./profile.js";
