export {
  Dataset,
  FEATURE_KINDS,
  isPresent,
  missingCount,
  takeColumn,
  valueAt,
  type BooleanColumn,
  type CategoricalColumn,
  type Column,
  type DatetimeColumn,
  type FeatureKind,
  type NumericColumn,
} from "./column.js";
export { read, FILE_FORMATS, FORMAT_EXTENSIONS, type FileFormat, type ReadOptions } from "./read.js";
export { DEFAULT_NULL_VALUES, type CsvOptions } from "./csv.js";
export { toDataset, type DatasetInput, type DatasetOptions } from "./adapters.js";
export { fromRecords, fromColumns, type NumericArray, type ValueOptions } from "./records.js";
export { fromArrow, type ArrowTableLike } from "./arrow.js";
export { fromDanfo, type DanfoFrameLike } from "./danfo.js";
export {
  inferKinds,
  withKinds,
  HIGH_CARDINALITY,
  TEXT_DISTINCT_RATIO,
  TEXT_WHITESPACE_SHARE,
  type KindInfo,
  type KindNote,
  type KindOverrides,
} from "./kinds.js";
