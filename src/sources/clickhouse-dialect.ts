import type { FeatureKind } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { standardDialect } from "./dialect.js";
import type { SqlDialect } from "./types.js";

/** Wrappers that do not change what a ClickHouse column holds, outermost first. */
const TRANSPARENT_WRAPPER = /^(Nullable|LowCardinality)\((.*)\)$/s;

/**
 * The kind a ClickHouse column type is profiled as (DESCRIBE TABLE's `type`). `Nullable(…)` and `LowCardinality(…)`
 * are looked through. Integers, floats and decimals are numeric (ClickHouse 18.16 has no boolean type: a 0/1 flag is
 * a UInt8 and so numeric; `Bool` of current versions is boolean); Date, Date32, DateTime and DateTime64 are datetime;
 * String, FixedString, Enum, UUID and IP addresses are categorical (or text, decided later from the values); arrays,
 * maps, tuples, nested and aggregate states are not profiled.
 */
export function clickhouseKind(type: string): FeatureKind | undefined {
  let t = type.trim();
  for (let match = TRANSPARENT_WRAPPER.exec(t); match !== null; match = TRANSPARENT_WRAPPER.exec(t))
    t = match[2].trim();
  if (t === "Bool" || t === "Boolean") return "boolean";
  if (/^(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal(32|64|128|256)?\(.*\))$/.test(t)) return "numeric";
  if (/^(Date|Date32|DateTime|DateTime\(.*\)|DateTime64\(.*\))$/.test(t)) return "datetime";
  if (/^(String|FixedString\(\d+\)|Enum(8|16)?\(.*\)|UUID|IPv4|IPv6)$/s.test(t)) return "categorical";
  return undefined;
}

/** The 8 bytes of a double, little-endian, as hex: what `reinterpretAsFloat64(unhex(…))` reads back bit for bit. */
function doubleHex(value: number): string {
  const bytes = new DataView(new ArrayBuffer(8));
  bytes.setFloat64(0, value, true);
  let hex = "";
  for (let i = 0; i < 8; i++) hex += bytes.getUint8(i).toString(16).padStart(2, "0");
  return hex;
}

/**
 * ClickHouse's SQL, written to run unchanged on Debian's 18.16 (2018) and on current releases. What differs from the
 * standard dialect, and why (docs/scale.md, "ClickHouse"):
 * - identifiers in backquotes, strings with backslash escapes (both versions read them);
 * - a double literal is `reinterpretAsFloat64(unhex('<8 bytes>'))` unless it is a safe integer: 18.16 parses decimal
 *   literals with a fast reader that misses the nearest double for about 1 in 200 values, and histogram edges must
 *   compare exactly as in JavaScript;
 * - date parts and epoch milliseconds through `toDateTime(e, 'UTC')`, so they do not depend on the server's time
 *   zone and work for Date as well as DateTime (DateTime64's sub-second part is dropped: 18.16 has no DateTime64 and
 *   no function that reads milliseconds from it exists in both versions);
 * - `countIf`, `uniqExact` / `uniqCombined`, `lengthUTF8`, `match` (RE2), `cityHash64`; plain `sum`, not the
 *   compensated `sumKahan`, which breaks Distributed queries on 18.16.
 */
export const clickhouseDialect: SqlDialect = {
  ...standardDialect,
  name: "clickhouse",
  identifier: (name) => "`" + name.replace(/\\/g, "\\\\").replace(/`/g, "\\`") + "`",
  string: (value) => "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\0/g, "\\0") + "'",
  number(value) {
    if (!Number.isFinite(value)) {
      throw new DriftlabError(
        "INTERNAL_ERROR",
        `SQL literal for a non-finite number ${String(value)}; this is a driftlab bug.`,
      );
    }
    if (Number.isSafeInteger(value)) return `toFloat64(${Object.is(value, -0) ? 0 : value})`;
    return `reinterpretAsFloat64(unhex('${doubleHex(value)}'))`;
  },
  kindOf: clickhouseKind,
  toDouble: (e) => `toFloat64(${e})`,
  epochMs: (e) => `(toFloat64(toUnixTimestamp(toDateTime(${e}, 'UTC'))) * 1000)`,
  toText: (e) => `toString(${e})`,
  isFinite: (e) => `isFinite(${e})`,
  isNaN: (e) => `isNaN(${e})`,
  countAll: () => "count()",
  count: (e) => `count(${e})`,
  countIf: (predicate) => `countIf(${predicate})`,
  // Plain `sum`: 18.16's sumKahan state does not survive a Distributed query (the shard's reply desynchronizes the
  // connection: "Unknown packet … from server", then the initiating server crashes in sendCancel).
  sum: (e) => `sum(${e})`,
  distinctCount: (e, exact) => (exact ? `uniqExact(${e})` : `uniqCombined(${e})`),
  // uniqCombined: exact sets while small, then a HyperLogLog of 2^17 cells (the default precision in 18.16 and now).
  approxDistinctError: 1.04 / Math.sqrt(2 ** 17),
  hasWhitespace: (e) => `match(${e}, '\\\\s')`,
  // Code points; driftlab counts UTF-16 code units, so a character outside the BMP (an emoji) counts 1 here, 2 there.
  textLength: (e) => `lengthUTF8(${e})`,
  dayOfMonth: (e) => `toDayOfMonth(toDateTime(${e}, 'UTC'))`,
  month: (e) => `toMonth(toDateTime(${e}, 'UTC'))`,
  sample(from, where, columns, rows, seed, by) {
    const list = columns.join(", ");
    const key = (by ?? columns).join(", ");
    return (
      `SELECT ${list} FROM ${from}${where === undefined ? "" : ` WHERE ${where}`} ` +
      `ORDER BY cityHash64(${key}, ${Math.floor(seed)}) ${this.limit(rows)}`
    );
  },
};
