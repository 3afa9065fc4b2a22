export { DriftlabError } from "./errors.js";
export type { DriftlabErrorCode } from "./errors.js";
export { Dataset } from "./data/column.js";
export type { Column, FeatureKind, NumericColumn, BooleanColumn, DatetimeColumn, CategoricalColumn } from "./data/column.js";
