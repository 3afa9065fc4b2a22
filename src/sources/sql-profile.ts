import type { FeatureKind } from "../data/column.js";
import { TEXT_DISTINCT_RATIO, TEXT_WHITESPACE_SHARE } from "../data/kinds.js";
import { DriftlabError } from "../errors.js";
import { HeavyHitters, HyperLogLog, KllSketch, Moments } from "../sketch/index.js";
import { byCountThenValue } from "../stats/state/categorical.js";
import { LazyKll } from "../stats/state/lazy-kll.js";
import type { BooleanState, CategoryState, FeatureState, NumericState } from "../stats/feature-state.js";
import { Profile, settingsOf } from "../stats/profile.js";
import type { SourceColumn, SourceProfileOptions } from "../stats/source.js";
import type { StateSettings } from "../stats/state/settings.js";
import { bucketError, sketchOfAtoms, summaryAtoms, type SummaryBucket } from "./summary.js";
import type { SqlDialect, SqlTable, SqlValue } from "./types.js";

/** Default buckets of a numeric feature's quantile summary (SourceProfileOptions.summaryBuckets). */
export const SUMMARY_BUCKETS = 2048;
/** Default target rank error of the summary (SourceProfileOptions.summaryRankError). */
export const SUMMARY_RANK_ERROR = 0.001;
/** Refinement rounds of heavy summary buckets, and buckets refined per round. */
const REFINE_ROUNDS = 3;
const REFINE_PER_ROUND = 256;

/** A number from an engine's row: number, bigint or numeric string (ClickHouse JSON's 64-bit integers). */
export function sqlNumber(value: SqlValue, what: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "") {
    const lowered = value.trim().toLowerCase();
    if (lowered === "nan") return NaN;
    if (lowered === "inf" || lowered === "infinity" || lowered === "+inf") return Infinity;
    if (lowered === "-inf" || lowered === "-infinity") return -Infinity;
    const x = Number(value);
    if (!Number.isNaN(x)) return x;
  }
  if (value === null || value === undefined) return NaN;
  throw new DriftlabError(
    "SOURCE_FAILED",
    `The engine returned ${JSON.stringify(String(value))} for ${what}, not a number. This is a bug of the engine's executor.`,
  );
}

/** A nullable number: null/undefined → NaN. */
function num(row: Record<string, SqlValue>, key: string): number {
  return sqlNumber(row[key], key);
}

/** Everything the builder needs about the table. */
interface Context {
  table: SqlTable;
  d: SqlDialect;
  settings: StateSettings;
  options: SourceProfileOptions;
}

/** `FROM relation WHERE (where) AND (extra)`. */
export function fromWhere(table: SqlTable, ...conditions: (string | undefined)[]): string {
  const all = [table.where, ...conditions].filter((c): c is string => c !== undefined && c.trim() !== "");
  return `FROM ${table.relation}${all.length === 0 ? "" : ` WHERE ${all.map((c) => `(${c})`).join(" AND ")}`}`;
}

/** The SQL value of a numeric/datetime column as a double. */
function valueExpr(d: SqlDialect, column: SourceColumn): string {
  const id = d.identifier(column.name);
  return column.kind === "datetime" ? d.epochMs(id) : d.toDouble(id);
}

/** The columns a profile covers, with the kinds they get (string columns' categorical/text decided later). */
function selectColumns(
  columns: readonly SourceColumn[],
  options: SourceProfileOptions,
  description: string,
): { columns: SourceColumn[]; warnings: string[]; forced: Set<string> } {
  const warnings: string[] = [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = options.features ?? columns.filter((c) => c.kind !== undefined).map((c) => c.name);
  if (options.features === undefined) {
    for (const c of columns) {
      if (c.kind === undefined)
        warnings.push(`column "${c.name}" (${c.type}) is not profiled: driftlab has no kind for that type`);
    }
  }
  const forced = new Set<string>();
  const out: SourceColumn[] = [];
  for (const name of names) {
    const column = byName.get(name);
    if (column === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `${description} has no column "${name}". Columns are: ${columns.map((c) => `"${c.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    if (column.kind === undefined) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `Column "${name}" of ${description} has type ${column.type}, which driftlab does not profile. Leave it out of features, or cast it in the query.`,
        { subject: name },
      );
    }
    let kind: FeatureKind = column.kind;
    const wanted = options.kinds?.[name];
    if (wanted !== undefined && wanted !== kind) {
      const stringColumn = kind === "categorical" || kind === "text";
      if (!(stringColumn && (wanted === "categorical" || wanted === "text"))) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `kinds: column "${name}" of ${description} is ${column.type}; over a source only string columns can be given a kind (categorical or text). Cast it in the SQL query instead (e.g. CAST(${name} AS VARCHAR)).`,
          { subject: name },
        );
      }
      kind = wanted;
      forced.add(name);
    }
    out.push({ ...column, kind });
  }
  return { columns: out, warnings, forced };
}

/**
 * The profile of an SQL table, computed in its engine: the same {@link Profile} (feature states, merge, JSON) as
 * `profile(data)`. Queries: one pass with counts, min, max and sums of every column; per numeric feature one
 * GROUP BY over the summary buckets (with centred moment sums) and a few refinements of heavy buckets; per string
 * feature one GROUP BY of counts (up to exactCategoryLimit + 1 groups) and, beyond, a distinct count.
 *
 * Exact (equal to the in-process profile): count, missing, zeros, NaN/±Infinity counts, min, max, integer-ness, the
 * category counts up to exactCategoryLimit, true counts; mean, variance, skewness and kurtosis to floating-point
 * accuracy (centred sums in the engine). Approximate with a stated bound: quantiles and histograms (from the
 * summary: `quantileRankError`, deterministic). Categorical features beyond exactCategoryLimit values get the exact
 * counts of their top values and an exact distinct count (count(DISTINCT)); merging such profiles estimates the
 * distinct count from the fetched labels only.
 */
export async function sqlProfile(
  table: SqlTable,
  description: string,
  allColumns: readonly SourceColumn[],
  options: SourceProfileOptions = {},
): Promise<Profile> {
  if (options.slices !== undefined && options.slices.length > 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `profile of ${description} does not compute slices in the engine yet. Profile one source per slice (where=…), or read() the data.`,
      { subject: "slices" },
    );
  }
  const settings = settingsOf(options);
  const ctx: Context = { table, d: table.engine.dialect, settings, options };
  const { columns, warnings, forced } = selectColumns(allColumns, options, description);
  if (columns.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${description} has no columns to profile.`);
  }
  options.onProgress?.(0, "counting");
  const first = await firstPass(ctx, columns);
  const numRows = num(first, "n");
  const states = new Map<string, FeatureState>();
  for (const [i, column] of columns.entries()) {
    options.onProgress?.(i / columns.length, `profiling ${column.name}`);
    states.set(column.name, await stateOf(ctx, column, i, first, numRows, forced.has(column.name)));
  }
  options.onProgress?.(1, "done");
  return new Profile({
    source: description,
    numRows,
    settings,
    states,
    title: options.title,
    warnings,
  });
}

/** One query: the row count and, per column, what needs no grouping. */
async function firstPass(ctx: Context, columns: readonly SourceColumn[]): Promise<Record<string, SqlValue>> {
  const { d } = ctx;
  const parts = [`${d.countAll()} AS n`];
  for (const [i, column] of columns.entries()) {
    const id = d.identifier(column.name);
    parts.push(`${d.count(id)} AS c${i}_present`);
    if (column.kind === "numeric" || column.kind === "datetime") {
      const x = valueExpr(d, column);
      const finite = d.isFinite(x);
      const finiteX = `CASE WHEN ${finite} THEN ${x} END`;
      parts.push(
        `${d.countIf(finite)} AS c${i}_finite`,
        `${d.countIf(d.isNaN(x))} AS c${i}_nan`,
        `${d.countIf(`NOT ${finite} AND NOT ${d.isNaN(x)} AND ${x} > 0`)} AS c${i}_pinf`,
        `${d.min(finiteX)} AS c${i}_min`,
        `${d.max(finiteX)} AS c${i}_max`,
        `${d.sum(finiteX)} AS c${i}_sum`,
        `${d.countIf(`${x} = 0`)} AS c${i}_zeros`,
        `${d.countIf(`${finite} AND ${x} <> floor(${x})`)} AS c${i}_fraction`,
      );
      if (column.kind === "datetime") {
        const step = (ms: number) => `${x} - floor(${x} / ${ms}) * ${ms} <> 0`;
        parts.push(
          `max(CASE WHEN ${step(1000)} THEN 6 WHEN ${step(60_000)} THEN 5 WHEN ${step(3_600_000)} THEN 4 ` +
            `WHEN ${step(86_400_000)} THEN 3 WHEN ${d.dayOfMonth(id)} <> 1 THEN 2 WHEN ${d.month(id)} <> 1 THEN 1 ` +
            `ELSE 0 END) AS c${i}_granularity`,
        );
      }
    } else if (column.kind === "boolean") {
      parts.push(`${d.countIf(id)} AS c${i}_true`);
    }
  }
  const rows = await ctx.table.engine.query(`SELECT ${parts.join(", ")} ${fromWhere(ctx.table)}`);
  return rows[0] ?? {};
}

async function stateOf(
  ctx: Context,
  column: SourceColumn,
  i: number,
  first: Record<string, SqlValue>,
  numRows: number,
  forcedKind: boolean,
): Promise<FeatureState> {
  const present = num(first, `c${i}_present`);
  const missing = numRows - present;
  switch (column.kind) {
    case "boolean": {
      const state: BooleanState = {
        kind: "boolean",
        count: numRows,
        missing,
        trueCount: num(first, `c${i}_true`),
      };
      return state;
    }
    case "numeric":
    case "datetime":
      return numericState(ctx, column, i, first, numRows, missing);
    default:
      return categoryState(ctx, column, numRows, missing, forcedKind);
  }
}

async function numericState(
  ctx: Context,
  column: SourceColumn,
  i: number,
  first: Record<string, SqlValue>,
  numRows: number,
  missing: number,
): Promise<NumericState> {
  const { d, settings, options } = ctx;
  const finite = num(first, `c${i}_finite`);
  const nan = num(first, `c${i}_nan`);
  const positiveInfinity = num(first, `c${i}_pinf`);
  const negativeInfinity = numRows - missing - finite - nan - positiveInfinity;
  const min = num(first, `c${i}_min`);
  const max = num(first, `c${i}_max`);
  const sum = finite === 0 ? 0 : num(first, `c${i}_sum`);
  const state: NumericState = {
    kind: column.kind as "numeric" | "datetime",
    count: numRows,
    missing,
    zeros: num(first, `c${i}_zeros`),
    nan,
    positiveInfinity,
    negativeInfinity,
    integer: num(first, `c${i}_fraction`) === 0,
    granularity: column.kind === "datetime" && finite > 0 ? num(first, `c${i}_granularity`) : 0,
    moments: new Moments(),
    kll: new LazyKll(settings.kllK, new KllSketch({ k: settings.kllK })),
  };
  if (finite === 0) return state;
  const x = valueExpr(d, column);
  const center = Math.min(max, Math.max(min, sum / finite));
  const buckets = Math.max(2, Math.floor(options.summaryBuckets ?? SUMMARY_BUCKETS));
  const c = d.number(center);
  const dev = `(${x} - ${c})`;
  const rows = await ctx.table.engine.query(
    `SELECT ${d.bucket(x, min, max, buckets)} AS b, ${d.countAll()} AS n, ${d.min(x)} AS lo, ${d.max(x)} AS hi, ` +
      `${d.sum(dev)} AS s1, ${d.sum(`${dev} * ${dev}`)} AS s2, ${d.sum(`${dev} * ${dev} * ${dev}`)} AS s3, ` +
      `${d.sum(`${dev} * ${dev} * ${dev} * ${dev}`)} AS s4 ${fromWhere(ctx.table, d.isFinite(x))} GROUP BY b`,
  );
  const s = [0, 0, 0, 0];
  let summary: SummaryBucket[] = [];
  for (const row of rows) {
    summary.push({ count: num(row, "n"), min: num(row, "lo"), max: num(row, "hi") });
    s[0] += num(row, "s1");
    s[1] += num(row, "s2");
    s[2] += num(row, "s3");
    s[3] += num(row, "s4");
  }
  state.moments = momentsOf(finite, sum, center, s, min, max, column.name);
  summary = await refine(ctx, x, summary, finite, buckets);
  const { atoms, rankError: summaryError } = summaryAtoms(summary);
  const { sketch, rankError: condenseError } = sketchOfAtoms(settings.kllK, atoms, min, max);
  state.kll = new LazyKll(settings.kllK, sketch);
  state.summary = { rankError: summaryError + condenseError, compacted: false };
  return state;
}

/**
 * Splits buckets whose error exceeds the target into `buckets` sub-buckets each: one query per round over all of
 * them (a CASE picks the bucket, then the sub-bucket in it), at most {@link REFINE_ROUNDS} rounds of
 * {@link REFINE_PER_ROUND} heaviest buckets.
 */
async function refine(
  ctx: Context,
  x: string,
  summary: SummaryBucket[],
  n: number,
  buckets: number,
): Promise<SummaryBucket[]> {
  const { d } = ctx;
  const target = ctx.options.summaryRankError ?? SUMMARY_RANK_ERROR;
  let current = summary;
  for (let round = 0; round < REFINE_ROUNDS; round++) {
    const heavy = current
      .filter((b) => bucketError(b) > target * n)
      .sort((a, b) => b.count - a.count)
      .slice(0, REFINE_PER_ROUND);
    if (heavy.length === 0) break;
    const replaced = new Set(heavy);
    const next = current.filter((b) => !replaced.has(b));
    const cases = heavy.map(
      (b, i) =>
        `WHEN ${x} >= ${d.number(b.min)} AND ${x} <= ${d.number(b.max)} THEN ${i * buckets} + ${d.bucket(x, b.min, b.max, buckets)}`,
    );
    const inAny = heavy
      .map((b) => `(${x} >= ${d.number(b.min)} AND ${x} <= ${d.number(b.max)})`)
      .join(" OR ");
    const rows = await ctx.table.engine.query(
      `SELECT CASE ${cases.join(" ")} END AS b, ${d.countAll()} AS n, ${d.min(x)} AS lo, ${d.max(x)} AS hi ` +
        `${fromWhere(ctx.table, inAny)} GROUP BY b`,
    );
    for (const row of rows) next.push({ count: num(row, "n"), min: num(row, "lo"), max: num(row, "hi") });
    current = next;
  }
  return current;
}

/** Moments from the engine's sums of powers of (x − c): S1 … S4 turned into central sums around the mean. */
function momentsOf(
  n: number,
  sum: number,
  c: number,
  s: number[],
  min: number,
  max: number,
  name: string,
): Moments {
  const [s1, s2, s3, s4] = s;
  const delta = s1 / n;
  // The compensated sum gives the mean best; the centred sums only when the sum overflowed.
  const mean = Math.min(max, Math.max(min, Number.isFinite(sum) ? sum / n : c + delta));
  const m2 = Math.max(0, s2 - n * delta * delta);
  const m3 = s3 - 3 * delta * s2 + 2 * n * delta ** 3;
  const m4 = Math.max(0, s4 - 4 * delta * s3 + 6 * delta * delta * s2 - 3 * n * delta ** 4);
  if (![mean, m2, m3, m4].every(Number.isFinite)) {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      `Column "${name}": its values are too large for the engine's sums of 4th powers (they overflow a double). Profile it in memory, or scale it in the query.`,
      { subject: name },
    );
  }
  return Moments.fromJSON({
    type: "moments",
    version: 1,
    count: n,
    sum: Number.isFinite(sum) ? sum : null,
    sumCompensation: 0,
    mean,
    m2,
    m3,
    m4,
    min,
    max,
  });
}

async function categoryState(
  ctx: Context,
  column: SourceColumn,
  numRows: number,
  missing: number,
  forcedKind: boolean,
): Promise<CategoryState> {
  const { d, settings, table } = ctx;
  const id = d.identifier(column.name);
  const present = numRows - missing;
  const limit = settings.exactCategoryLimit;
  const rows = await table.engine.query(
    `SELECT ${id} AS v, ${d.countAll()} AS n ${fromWhere(table, `${id} IS NOT NULL`)} GROUP BY ${id} ` +
      `ORDER BY n DESC, v ${d.limit(limit + 1)}`,
  );
  const ranked = rows.map((r) => ({ value: String(r.v), count: num(r, "n") }));
  ranked.sort(byCountThenValue);
  const state: CategoryState = {
    kind: "categorical",
    count: numRows,
    missing,
    totalLength: 0,
    minLength: Infinity,
    maxLength: 0,
  };
  let distinct: number;
  let withWhitespace: number;
  if (ranked.length <= limit) {
    const counts = new Map<string, number>();
    withWhitespace = 0;
    for (const { value, count } of ranked) {
      counts.set(value, count);
      state.totalLength += value.length * count;
      state.minLength = Math.min(state.minLength, value.length);
      state.maxLength = Math.max(state.maxLength, value.length);
      if (/\s/.test(value)) withWhitespace++;
    }
    state.counts = counts;
    distinct = counts.size;
  } else {
    const exact = true;
    const length = d.textLength(id);
    const [row] = await table.engine.query(
      `SELECT ${d.distinctCount(id, exact)} AS distinct_values, ` +
        `${d.distinctCount(`CASE WHEN ${d.hasWhitespace(id)} THEN ${id} END`, exact)} AS spaced, ` +
        `${d.sum(d.toDouble(length))} AS total_length, ${d.min(length)} AS min_length, ${d.max(length)} AS max_length ` +
        fromWhere(table, `${id} IS NOT NULL`),
    );
    distinct = Math.min(present, Math.max(ranked.length, num(row, "distinct_values")));
    withWhitespace = num(row, "spaced");
    state.totalLength = num(row, "total_length");
    state.minLength = num(row, "min_length");
    state.maxLength = num(row, "max_length");
    const heavy = new HeavyHitters({ capacity: settings.heavyHittersCapacity });
    const hll = new HyperLogLog({ precision: settings.hllPrecision });
    for (const { value, count } of ranked.slice(0, settings.heavyHittersCapacity)) heavy.add(value, count);
    for (const { value } of ranked) hll.add(value);
    // The engine's counts of the top values and its distinct count are exact: the profile says so (exactTop). The
    // sketches only serve merges; the HyperLogLog then knows the fetched labels alone (a lower bound).
    state.heavy = heavy;
    state.hll = hll;
    state.exactTop = { ranked: ranked.slice(0, settings.rankHistogramSize), unique: distinct };
  }
  if (!forcedKind) state.kind = stringKind(present, distinct, withWhitespace);
  else state.kind = column.kind as "categorical" | "text";
  return state;
}

/** src/data/kinds.ts' rule for strings, from counts. */
function stringKind(present: number, distinct: number, withWhitespace: number): "categorical" | "text" {
  if (distinct === 0 || distinct <= TEXT_DISTINCT_RATIO * present) return "categorical";
  return withWhitespace >= TEXT_WHITESPACE_SHARE * distinct ? "text" : "categorical";
}

/**
 * Counts of a numeric/datetime column's finite values on agreed `edges` (numpy semantics: [e_i, e_i+1), the last
 * bucket closed; values outside are not counted), exact, by one GROUP BY in the engine. Drift of two sources
 * asks both for the same edges so that binned distances compare like with like.
 */
export async function sqlHistogram(
  table: SqlTable,
  column: SourceColumn,
  edges: readonly number[],
): Promise<number[]> {
  const d = table.engine.dialect;
  const buckets = edges.length - 1;
  const counts = Array.from({ length: Math.max(0, buckets) }, () => 0);
  if (buckets < 1) return counts;
  const x = valueExpr(d, column);
  const rows = await table.engine.query(
    `SELECT ${d.edgeBucket(x, edges)} AS b, ${d.countAll()} AS n ${fromWhere(table, d.isFinite(x))} GROUP BY b`,
  );
  for (const row of rows) {
    if (row.b === null || row.b === undefined) continue;
    const b = num(row, "b");
    if (b >= 0 && b < buckets) counts[b] += num(row, "n");
  }
  return counts;
}

/**
 * Row counts per combination of the given columns' values (as text; missing values as null), by GROUP BY in the
 * engine: what fairness needs (rates and Wilson intervals come from counts).
 */
export async function sqlGroupCounts(
  table: SqlTable,
  columns: readonly string[],
): Promise<{ values: (string | null)[]; count: number }[]> {
  const d = table.engine.dialect;
  const keys = columns.map((c, i) => `${d.toText(d.identifier(c))} AS k${i}`);
  const rows = await table.engine.query(
    `SELECT ${keys.join(", ")}, ${d.countAll()} AS n ${fromWhere(table)} GROUP BY ${columns.map((_, i) => `k${i}`).join(", ")}`,
  );
  return rows.map((row) => ({
    values: columns.map((_, i) => {
      const v = row[`k${i}`];
      return v === null || v === undefined ? null : String(v);
    }),
    count: num(row, "n"),
  }));
}

/**
 * A seeded sample of at most `rows` rows of the given columns (the same rows for the same seed and data); with `by`,
 * chosen by those columns' hash only.
 */
export async function sqlSample(
  table: SqlTable,
  columns: readonly string[],
  rows: number,
  seed: number,
  by?: readonly string[],
): Promise<Record<string, SqlValue>[]> {
  const d = table.engine.dialect;
  const where = table.where === undefined || table.where.trim() === "" ? undefined : `(${table.where})`;
  return table.engine.query(
    d.sample(
      table.relation,
      where,
      columns.map((c) => d.identifier(c)),
      rows,
      seed,
      by?.map((c) => d.identifier(c)),
    ),
  );
}
