/**
 * Sources: tables where they live (files under DuckDB, ClickHouse tables), analysed by SQL in their engine. The
 * interface an engine implements is {@link SqlEngine} (a {@link SqlDialect} plus `query`); `sqlSource()` turns a
 * table of it into a {@link Source} that profile, drift, skew, validate and fairness accept. docs/scale.md.
 */
import "./analyses.js";

export type { Source, SourceColumn, SourceProfileOptions } from "../stats/source.js";
export { isSource } from "../stats/source.js";
export type { SqlDialect, SqlEngine, SqlRow, SqlTable, SqlValue } from "./types.js";
export { duckdbDialect, duckdbKind, standardDialect } from "./dialect.js";
export { SqlSource, sqlSource } from "./sql-source.js";
export {
  fromWhere,
  sqlGroupCounts,
  sqlHistogram,
  sqlNumber,
  sqlProfile,
  sqlSample,
  SUMMARY_BUCKETS,
  SUMMARY_RANK_ERROR,
} from "./sql-profile.js";
export { bucketError, sketchOfAtoms, summaryAtoms, type SummaryBucket } from "./summary.js";
export {
  duckdb,
  DuckDBEngine,
  DUCKDB_PACKAGE,
  loadDuckDB,
  sql,
  type DuckDBConnectionLike,
  type DuckDBInstanceLike,
  type DuckDBOptions,
  type DuckDBSourceOptions,
} from "./duckdb.js";
export { driftSources, validateSources } from "./analyses.js";
export { clickhouseDialect, clickhouseKind } from "./clickhouse-dialect.js";
export {
  clickhouse,
  clickhouseEngine,
  clickhouseOptionsFromUrl,
  CLICKHOUSE_CLIENT_PACKAGE,
  type ClickHouseConnectionOptions,
  type ClickHouseSourceOptions,
} from "./clickhouse.js";
