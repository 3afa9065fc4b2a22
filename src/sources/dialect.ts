import type { FeatureKind } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { binScale } from "../sketch/edges.js";
import type { SqlDialect } from "./types.js";

/** A finite double as text that parses back to exactly the same double (shortest round trip). */
function doubleText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new DriftlabError(
      "INTERNAL_ERROR",
      `SQL literal for a non-finite number ${String(value)}; this is a driftlab bug.`,
    );
  }
  return Object.is(value, -0) ? "0" : String(value);
}

/**
 * Standard SQL with DuckDB's function names where standard SQL has none: the base every engine's dialect spreads
 * and overrides (`{ ...standardDialect, name: "clickhouse", isFinite: (e) => \`isFinite(${e})\`, … }`).
 */
export const standardDialect: SqlDialect = {
  name: "standard",
  identifier: (name) => `"${name.replaceAll('"', '""')}"`,
  string: (value) => `'${value.replaceAll("'", "''")}'`,
  // Through a string: a decimal literal would be a DECIMAL in DuckDB, whose conversion need not round correctly.
  number: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  kindOf: () => undefined,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  epochMs: (e) => `CAST(epoch_ms(${e}) AS DOUBLE)`,
  toText: (e) => `CAST(${e} AS VARCHAR)`,
  isFinite: (e) => `isfinite(${e})`,
  isNaN: (e) => `isnan(${e})`,
  countAll: () => "count(*)",
  count: (e) => `count(${e})`,
  countIf: (predicate) => `sum(CASE WHEN ${predicate} THEN 1 ELSE 0 END)`,
  sum: (e) => `sum(${e})`,
  min: (e) => `min(${e})`,
  max: (e) => `max(${e})`,
  distinctCount: (e, exact) => (exact ? `count(DISTINCT ${e})` : `approx_count_distinct(${e})`),
  approxDistinctError: 0.02,
  hasWhitespace: (e) => `regexp_matches(${e}, '\\s')`,
  textLength: (e) => `length(${e})`,
  dayOfMonth: (e) => `EXTRACT(DAY FROM ${e})`,
  month: (e) => `EXTRACT(MONTH FROM ${e})`,
  bucket(e, lo, hi, buckets) {
    const { prescale, offset, scale } = binScale(lo, hi, buckets);
    const x = prescale === 1 ? e : `(${e} * ${this.number(prescale)})`;
    return `least(${buckets - 1}, greatest(0, floor((${x} - ${this.number(offset)}) * ${this.number(scale)})))`;
  },
  edgeBucket(e, edges) {
    const last = edges.length - 1;
    const parts = [`WHEN ${e} < ${this.number(edges[0])} OR ${e} > ${this.number(edges[last])} THEN NULL`];
    for (let i = 1; i < last; i++) parts.push(`WHEN ${e} < ${this.number(edges[i])} THEN ${i - 1}`);
    return `CASE ${parts.join(" ")} ELSE ${last - 1} END`;
  },
  limit: (n) => `LIMIT ${Math.floor(n)}`,
  sample(from, where, columns, rows, seed, by) {
    const list = columns.join(", ");
    const key = (by ?? columns).join(", ");
    return `SELECT ${list} FROM ${from}${where === undefined ? "" : ` WHERE ${where}`} ORDER BY hash(${key}, ${Math.floor(seed)}) ${this.limit(rows)}`;
  },
};

/** The kind of a DuckDB column type (DESCRIBE's column_type). */
export function duckdbKind(type: string): FeatureKind | undefined {
  const t = type.toUpperCase();
  if (t === "BOOLEAN") return "boolean";
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) {
    return "numeric";
  }
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith("DECIMAL")) return "numeric";
  if (t === "DATE" || t.startsWith("TIMESTAMP")) return "datetime";
  if (t === "VARCHAR" || t.startsWith("ENUM")) return "categorical";
  return undefined;
}

/** DuckDB's SQL (1.x): compensated `fsum`, `approx_count_distinct` (HyperLogLog), `hash` for seeded samples. */
export const duckdbDialect: SqlDialect = {
  ...standardDialect,
  name: "duckdb",
  kindOf: duckdbKind,
  sum: (e) => `fsum(${e})`,
  // DuckDB's approx_count_distinct is a HyperLogLog with 2^12 registers ... its standard error is 1.04/√4096.
  approxDistinctError: 1.04 / Math.sqrt(4096),
};
