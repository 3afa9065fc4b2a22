export { skew } from "./skew.js";
export type { SkewOptions } from "./skew.js";
export { SkewReport } from "./report.js";
export { skewPanel, keyedPanel, SKEW_PANELS } from "./panels.js";
export type { SkewPanel, SkewPanelOptions, PlantedKeyedSkew } from "./panels.js";
export type * from "./types.js";
