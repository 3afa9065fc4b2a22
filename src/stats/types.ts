/** The profile JSON types live in the report format layer (src/format/profile.ts); re-exported here for stats code. */
export type {
  BooleanStats,
  CategoricalStats,
  DatetimeStats,
  Exactness,
  FeatureProfile,
  Histogram,
  NumericStats,
  QuantileValue,
  TimeGranularity,
  ValueCount,
} from "../format/profile.js";
