import type { FeatureKind } from "../data/column.js";

export type { Source, SourceColumn } from "../stats/source.js";

/**
 * A value in a row an engine returns. Engines differ (DuckDB gives BIGINT as bigint, ClickHouse's JSON gives UInt64
 * as a string), so the shared builder reads numbers with `sqlNumber` (number, bigint or numeric string).
 */
export type SqlValue = number | bigint | string | boolean | Date | null | undefined;

/** One result row, keyed by the column aliases of the query (the builder's aliases are lowercase `[a-z0-9_]`). */
export type SqlRow = Record<string, SqlValue>;

/**
 * A SQL engine: a dialect plus an async executor. Implement this to add an engine (docs/scale.md, "Adding an
 * engine"); `sqlSource({ engine, relation })` then gives a {@link Source} every analysis accepts.
 */
export interface SqlEngine {
  /** Engine name in reports: "duckdb", "clickhouse". */
  readonly name: string;
  /** How this engine spells the expressions the builder needs. */
  readonly dialect: SqlDialect;
  /** Runs one SELECT and returns its rows. Throws a DriftlabError (SOURCE_FAILED) naming the engine and the fix. */
  query(sql: string): Promise<SqlRow[]>;
  /** The columns of a relation (a FROM item such as `read_parquet('x.parquet')` or `db.table`), in order. */
  describe(relation: string): Promise<{ name: string; type: string }[]>;
  /** Closes connections the engine opened itself. */
  close(): Promise<void>;
}

/**
 * How an engine spells what the shared builder (src/sources/sql-profile.ts) asks for. Every method returns SQL
 * text; `e` is an SQL expression (already quoted). Start from `standardDialect` (src/sources/dialect.ts) and
 * override what differs. Numbers are doubles: `toDouble` is applied before numeric aggregates.
 */
export interface SqlDialect {
  readonly name: string;
  /** A quoted identifier: `"a b"` (DuckDB), `` `a b` `` (ClickHouse). */
  identifier(name: string): string;
  /** A string literal, quotes and backslashes escaped. */
  string(value: string): string;
  /** A finite double literal that reads back as exactly `value`. */
  number(value: number): string;
  /** The kind a column of this SQL type is profiled as; undefined: not profiled (lists, maps, blobs). */
  kindOf(type: string): FeatureKind | undefined;
  /** `e` as a double. */
  toDouble(e: string): string;
  /** A date/time `e` as milliseconds since the epoch (a double). */
  epochMs(e: string): string;
  /** `e` as text (for group labels and category values): "1", "true", "a". */
  toText(e: string): string;
  /** Predicates on a double `e`. */
  isFinite(e: string): string;
  isNaN(e: string): string;
  /** count(*). */
  countAll(): string;
  /** Non-null values of `e`. */
  count(e: string): string;
  /** Rows where `predicate` holds. */
  countIf(predicate: string): string;
  /** A sum of doubles, compensated where the engine has it (DuckDB `fsum`, ClickHouse `sumKahan`). */
  sum(e: string): string;
  min(e: string): string;
  max(e: string): string;
  /** Distinct non-null values: exact (`count(DISTINCT e)`, `uniqExact`) or the engine's estimate. */
  distinctCount(e: string, exact: boolean): string;
  /** Relative standard error of the estimate `distinctCount(e, false)` returns (reported with it). */
  readonly approxDistinctError: number;
  /** True when the string `e` contains whitespace (the categorical/text rule, src/data/kinds.ts). */
  hasWhitespace(e: string): string;
  /** Length of the string `e` in characters. */
  textLength(e: string): string;
  /** Day of month (1–31) and month (1–12) of a date/time `e`, UTC. */
  dayOfMonth(e: string): string;
  month(e: string): string;
  /**
   * The equal-width bucket 0 … buckets − 1 of a finite double `e` in [lo, hi] (hi in the last bucket): the quantile
   * summary's fine buckets. It need not match JavaScript's arithmetic: each bucket reports its own min and max.
   */
  bucket(e: string, lo: number, hi: number, buckets: number): string;
  /**
   * The bucket 0 … edges.length − 2 of `e` on agreed histogram edges, numpy semantics ([e_i, e_i+1), the last one
   * closed), NULL outside [edges[0], edges[last]]; must agree with JavaScript exactly (compare with the literals).
   */
  edgeBucket(e: string, edges: readonly number[]): string;
  /** `SELECT … LIMIT n` suffix. */
  limit(n: number): string;
  /**
   * A query returning a seeded sample of at most `rows` rows (columns `columns`, already quoted) of
   * `SELECT … FROM from [WHERE where]`, the same rows for the same seed and data. With `by` (quoted columns), the
   * choice depends on those columns only (the same keys are kept on two tables: skew's key join).
   */
  sample(
    from: string,
    where: string | undefined,
    columns: readonly string[],
    rows: number,
    seed: number,
    by?: readonly string[],
  ): string;
}

/** A table in an engine: what `sqlSource` turns into a {@link Source}. */
export interface SqlTable {
  engine: SqlEngine;
  /** A FROM item: `read_parquet('x/*.parquet')`, `db.events`, `(SELECT …) AS q`. */
  relation: string;
  /** An SQL condition on the rows, e.g. `toMonth(ts) = 1` (the issue's `?where=`). */
  where?: string;
  /** How reports name the source. Default: `<engine>:<relation>[?where=…]`. */
  description?: string;
  /** Close the engine with the source (when the source opened it). Default false. */
  ownsEngine?: boolean;
}
