export { skew } from "./skew.js";
export type { SkewOptions } from "./skew.js";
export { SkewReport } from "./report.js";
export { skewPanel, keyedPanel, regressionPanel, SKEW_PANELS } from "./panels.js";
export type { SkewPanel, SkewPanelOptions, PlantedKeyedSkew, RegressionPanel } from "./panels.js";
export type * from "./types.js";
