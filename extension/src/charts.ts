/**
 * The shared chart builders (src/charts/ in the library): pure functions from report JSON to Vega-Lite specs, the
 * same ones the static HTML and the page exporter use, so every frontend draws the same picture.
 */
export { driftSummarySpec, featureOverlaySpec, timelineHeatmapSpec } from "../../src/charts/index.js";
export type { VegaLiteSpec } from "../../src/charts/index.js";
