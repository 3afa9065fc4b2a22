/**
 * Schema: inference, validation and anomalies (schema skew), TFDV-compatible. See docs/schema.md and
 * docs/anomalies.md.
 */
export { inferSchema, DEFAULT_MAX_DOMAIN_SIZE, DEFAULT_COMPARATORS } from "./infer.js";
export type { InferSchemaOptions, ComparatorDefaults } from "./infer.js";
export {
  Schema,
  FeatureSchema,
  Presence,
  Domain,
  Comparator,
  DatasetConstraints,
  loadSchema,
  saveSchema,
  parseSchema,
  stringifySchema,
} from "./schema.js";
export type { SchemaReportJSON } from "./schema.js";
export { validate } from "./validate.js";
export type { ValidateOptions, ValidationInput } from "./validate.js";
export { updateSchema } from "./update.js";
export type { SchemaChange, UpdateSchemaOptions } from "./update.js";
export { Anomalies } from "./anomalies.js";
export type { Anomaly, AnomaliesJSON, UnexpectedValue } from "./anomalies.js";
export { ANOMALY_CODES, ANOMALY_CODE_LIST, ANOMALY_SEVERITIES } from "./anomaly-codes.js";
export type { AnomalyCode, AnomalyCodeInfo, AnomalySeverity } from "./anomaly-codes.js";
export type { ComparatorResult } from "./comparators.js";
export { SCHEMA_FORMAT_VERSION } from "../format/schema.js";
export type {
  ComparatorSpec,
  DatasetSpec,
  DatetimeSpec,
  DomainSpec,
  FeatureSpec,
  NumericSpec,
  PresenceSpec,
  SchemaJSON,
  UniqueSpec,
} from "../format/schema.js";
