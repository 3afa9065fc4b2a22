/**
 * Shared by the tests against a real ClickHouse cluster (scripts/clickhouse/cluster.sh start + load): where the
 * cluster is, the in-process reference data (the same flights-3m rows the loader inserted) and comparisons.
 */
import { expect } from "vitest";
import { Dataset, read } from "../../src/index.js";
import type { Column } from "../../src/data/column.js";
import type { FeatureProfile } from "../../src/format/profile.js";

/** HTTP endpoint of node 0 of the cluster; unset: the cluster tests are skipped (they run in CI's ClickHouse step). */
export const CLICKHOUSE_URL = process.env.DRIFTLAB_CLICKHOUSE_URL;

export const SKIP_REASON =
  "skipped: no ClickHouse cluster configured. Start one (scripts/clickhouse/cluster.sh start && " +
  "scripts/clickhouse/cluster.sh load) and set DRIFTLAB_CLICKHOUSE_URL=http://127.0.0.1:28123; CI runs these in " +
  "its own step";

if (CLICKHOUSE_URL === undefined) console.warn(`test/clickhouse: ${SKIP_REASON}.`);

export const FLIGHTS = "node_modules/vega-datasets/data/flights-3m.parquet";

let flights: Promise<Dataset> | undefined;

/** flights-3m as driftlab's reader gives it: what load.mjs inserted. */
export function flightsDataset(): Promise<Dataset> {
  flights ??= read(FLIGHTS);
  return flights;
}

let events: Promise<Dataset> | undefined;

/**
 * The events table of load.mjs in memory: flights-3m with `date` named `ts`, plus `late` (delay > 15) and
 * `predicted_late` (distance > 1000) as 0/1 numbers (UInt8 in ClickHouse, so numeric there too).
 */
export function eventsDataset(): Promise<Dataset> {
  events ??= flightsDataset().then((data) => {
    const delay = data.column("delay");
    const distance = data.column("distance");
    if (delay.kind !== "numeric" || distance.kind !== "numeric") throw new Error("flights-3m changed");
    const flag = (name: string, values: Float64Array, above: number): Column => ({
      name,
      kind: "numeric",
      length: data.numRows,
      valid: null,
      integer: true,
      values: values.map((v) => (v > above ? 1 : 0)),
    });
    const columns = data.columns.map((c) => (c.name === "date" ? { ...c, name: "ts" } : c));
    return new Dataset(
      [...columns, flag("late", delay.values, 15), flag("predicted_late", distance.values, 1000)],
      {
        source: "events",
        numRows: data.numRows,
      },
    );
  });
  return events;
}

/** The rows of `dataset` where `keep(i)` holds, as a new Dataset (columns copied). */
export function filterRows(dataset: Dataset, keep: (i: number) => boolean, source: string): Dataset {
  const rows: number[] = [];
  for (let i = 0; i < dataset.numRows; i++) if (keep(i)) rows.push(i);
  const columns = dataset.columns.map((column): Column => {
    const valid = column.valid === null ? null : Uint8Array.from(rows, (i) => column.valid![i]);
    switch (column.kind) {
      case "numeric":
        return {
          ...column,
          length: rows.length,
          valid,
          values: Float64Array.from(rows, (i) => column.values[i]),
        };
      case "datetime":
        return {
          ...column,
          length: rows.length,
          valid,
          values: Float64Array.from(rows, (i) => column.values[i]),
        };
      case "boolean":
        return {
          ...column,
          length: rows.length,
          valid,
          values: Uint8Array.from(rows, (i) => column.values[i]),
        };
      default:
        return {
          ...column,
          length: rows.length,
          valid,
          codes: Int32Array.from(rows, (i) => column.codes[i]),
        };
    }
  });
  return new Dataset(columns, { source, numRows: rows.length });
}

/** The rows of `dataset` (with a datetime column `time`) in month `m` (1–12, UTC). */
export function monthRows(dataset: Dataset, m: number, time = "ts"): Dataset {
  const column = dataset.column(time);
  if (column.kind !== "datetime") throw new Error(`${time} is not a datetime`);
  return filterRows(dataset, (i) => new Date(column.values[i]).getUTCMonth() + 1 === m, `month ${m}`);
}

/** `value` within `relative` of `expected` (relative to |expected|, or absolute near 0). */
export function expectClose(value: number, expected: number, relative: number, what: string): void {
  const tolerance = relative * Math.max(1, Math.abs(expected));
  expect(Math.abs(value - expected), `${what}: ${value} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Sorted finite values of a numeric or datetime column (for ranks). */
export function sortedValues(dataset: Dataset, name: string): Float64Array {
  const column = dataset.column(name);
  if (column.kind !== "numeric" && column.kind !== "datetime") throw new Error(`${name} is not numeric`);
  const out: number[] = [];
  for (let i = 0; i < column.length; i++) {
    if ((column.valid === null || column.valid[i] === 1) && Number.isFinite(column.values[i]))
      out.push(column.values[i]);
  }
  return Float64Array.from(out).sort();
}

/** Number of values < v and <= v in sorted `values` (binary search). */
export function rankRange(values: Float64Array, v: number): [number, number] {
  const bound = (strict: boolean) => {
    let lo = 0,
      hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? values[mid] < v : values[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [bound(true), bound(false)];
}

/**
 * A sketched quantile is right when some rank it can stand for, divided by n, lies within `error` of q: the rank
 * range of v in the data ([#values < v, #values <= v]) must meet [q − error, q + error] · n.
 */
export function expectQuantileWithin(
  values: Float64Array,
  q: number,
  v: number,
  error: number,
  what: string,
): void {
  const n = values.length;
  const [below, atOrBelow] = rankRange(values, v);
  const lo = (q - error) * n,
    hi = (q + error) * n;
  expect(
    atOrBelow >= lo && below <= hi,
    `${what}: q=${q} value ${v} has ranks [${below}, ${atOrBelow}] of ${n}, ε=${error}`,
  ).toBe(true);
}

/** The exact (non-sketched) fields of a feature profile: these must match the in-process profile exactly. */
export function exactFields(feature: FeatureProfile): unknown {
  const { name, kind, count, missing, missingFraction } = feature;
  const out: Record<string, unknown> = { name, kind, count, missing, missingFraction };
  if (feature.numeric !== undefined) {
    const n = feature.numeric;
    out.numeric = {
      finiteCount: n.finiteCount,
      min: n.min,
      max: n.max,
      sum: n.sum,
      zeros: n.zeros,
      nan: n.nan,
      positiveInfinity: n.positiveInfinity,
      negativeInfinity: n.negativeInfinity,
      integer: n.integer,
      histogramEdges: n.histogram.edges,
    };
  }
  if (feature.categorical !== undefined) {
    const c = feature.categorical;
    out.categorical = {
      unique: c.unique,
      uniqueMethod: c.uniqueMethod,
      top: c.top,
      rankHistogram: c.rankHistogram,
      countsExact: c.countsExact,
      minLength: c.minLength,
      maxLength: c.maxLength,
    };
  }
  if (feature.datetime !== undefined) {
    const d = feature.datetime;
    out.datetime = { min: d.min, max: d.max, granularity: d.granularity, histogramEdges: d.histogram.edges };
  }
  if (feature.boolean !== undefined) out.boolean = feature.boolean;
  return out;
}
