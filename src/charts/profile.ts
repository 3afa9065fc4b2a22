/**
 * Vega-Lite specs of a profiled feature's distribution: pure functions from profile JSON to spec, browser-safe,
 * shared by the JupyterLab widget and the notebook page.
 *
 * A heavy-tailed feature (flights `delay`: most values within ±60, a few up to +1,700) is unreadable as equal-width
 * buckets from min to max (two visible bars). Its "bulk" chart shows the range p1–p99 as a density histogram whose
 * bars come from the report's exact equal-frequency buckets and quantiles, and says how many rows lie outside.
 */
import type { Histogram, NumericStats } from "../format/profile.js";
import type { VegaLiteSpec } from "./drift.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const BAR_COLOR = "#4c78a8";

/** Which range a numeric distribution chart shows: `bulk` (p1–p99) or `full` (min–max). */
export type DistributionRange = "bulk" | "full";

/** Quantile levels bounding the bulk range. */
const BULK_LOW = 0.01;
const BULK_HIGH = 0.99;

function quantile(numeric: NumericStats, q: number): number | undefined {
  return numeric.quantiles.find((x) => Math.abs(x.q - q) < 1e-9)?.value;
}

/**
 * Whether the equal-width histogram from min to max hides the shape: the p1–p99 range is under half of the full
 * range (long tails), so most rows fall into one or two buckets. False without p1/p99 or with fewer than 2 distinct
 * values.
 */
export function isHeavyTailed(numeric: NumericStats): boolean {
  const low = quantile(numeric, BULK_LOW);
  const high = quantile(numeric, BULK_HIGH);
  if (low === undefined || high === undefined || !(numeric.max > numeric.min) || !(high > low)) return false;
  return high - low < 0.5 * (numeric.max - numeric.min);
}

/** The range a distribution chart starts with: `bulk` for heavy-tailed features, else `full`. */
export function defaultDistributionRange(numeric: NumericStats): DistributionRange {
  return isHeavyTailed(numeric) ? "bulk" : "full";
}

/** One bar of the bulk histogram: [start, end) holding `rows` rows (≈ where a bound is a quantile). */
export interface BulkBar {
  start: number;
  end: number;
  rows: number;
  /** Rows per unit of the feature (rows / width). */
  density: number;
  share: number;
}

/** The bulk chart's bars and the rows outside it. */
export interface BulkDistribution {
  low: number;
  high: number;
  bars: BulkBar[];
  /** Rows below p1 and above p99 (≈ 1 % each, exact up to ties). */
  below: number;
  above: number;
}

/**
 * The p1–p99 density histogram: cumulative counts are exact at the equal-frequency bucket edges and `q · n` at the
 * quantiles; between consecutive points the rows are spread evenly, so each bar's density is rows / width. O(k).
 * Returns undefined without p1/p99 or an equal-frequency histogram.
 */
export function bulkDistribution(numeric: NumericStats): BulkDistribution | undefined {
  const low = quantile(numeric, BULK_LOW);
  const high = quantile(numeric, BULK_HIGH);
  const histogram = numeric.quantileHistogram;
  if (low === undefined || high === undefined || !(high > low) || histogram.counts.length === 0)
    return undefined;
  const n = histogram.counts.reduce((t, c) => t + c, 0);
  if (n === 0) return undefined;
  // Points (x, rows at or below x) from both sources, ascending in x.
  const points: { x: number; rows: number }[] = [];
  let cumulative = 0;
  points.push({ x: histogram.edges[0], rows: 0 });
  histogram.counts.forEach((count, i) => {
    cumulative += count;
    points.push({ x: histogram.edges[i + 1], rows: cumulative });
  });
  for (const q of numeric.quantiles) points.push({ x: q.value, rows: q.q * n });
  points.sort((a, b) => a.x - b.x || a.rows - b.rows);
  const rowsAt = (x: number): number => {
    // Linear between the neighbouring points (the last point at or below x, the first above it).
    let before = points[0];
    for (const p of points) {
      if (p.x > x) {
        if (p.x === before.x) return before.rows;
        return before.rows + ((p.rows - before.rows) * (x - before.x)) / (p.x - before.x);
      }
      before = p;
    }
    return before.rows;
  };
  const cuts = [low, ...points.map((p) => p.x).filter((x) => x > low && x < high), high].filter(
    (x, i, all) => i === 0 || x > all[i - 1],
  );
  const lowRows = rowsAt(low);
  const highRows = rowsAt(high);
  const bars: BulkBar[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const rows = Math.max(0, rowsAt(cuts[i + 1]) - rowsAt(cuts[i]));
    const width = cuts[i + 1] - cuts[i];
    bars.push({ start: cuts[i], end: cuts[i + 1], rows, density: rows / width, share: rows / n });
  }
  return { low, high, bars, below: lowRows, above: Math.max(0, n - highRows) };
}

/**
 * The distribution of a numeric or datetime feature. `range: "full"` (default) draws the equal-width histogram from
 * min to max; `"bulk"` draws {@link bulkDistribution} (numeric features with quantiles only; otherwise full). Hover
 * shows each bar's range, rows and share.
 */
export function numericHistogramSpec(
  name: string,
  histogram: Histogram,
  options: { datetime?: boolean; numeric?: NumericStats; range?: DistributionRange } = {},
): VegaLiteSpec {
  const datetime = options.datetime === true;
  const bulk =
    options.range === "bulk" && options.numeric !== undefined ? bulkDistribution(options.numeric) : undefined;
  if (bulk !== undefined && options.numeric !== undefined) return bulkSpec(name, options.numeric, bulk);
  const total = Math.max(
    1,
    histogram.counts.reduce((t, c) => t + c, 0),
  );
  const values = histogram.counts.map((count, i) => ({
    start: histogram.edges[i],
    end: histogram.edges[i + 1],
    count,
    share: count / total,
  }));
  const type = datetime ? "temporal" : "quantitative";
  return {
    $schema: SCHEMA,
    title: {
      text: `Distribution of ${name}`,
      subtitle: `${histogram.counts.length} equal-width buckets from min to max (${histogram.method})`,
    },
    width: 360,
    height: 140,
    data: { values },
    mark: { type: "rect", color: BAR_COLOR, stroke: "white", strokeWidth: 1 },
    encoding: {
      x: { field: "start", type, title: name, ...(datetime ? {} : { axis: { format: "~s" } }) },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "rows", axis: { format: "~s" } },
      tooltip: [
        { field: "start", type, title: "from", ...(datetime ? {} : { format: ",.4~g" }) },
        { field: "end", type, title: "to", ...(datetime ? {} : { format: ",.4~g" }) },
        { field: "count", type: "quantitative", title: "rows", format: "," },
        { field: "share", type: "quantitative", title: "share", format: ".2%" },
      ],
    },
  };
}

function bulkSpec(name: string, numeric: NumericStats, bulk: BulkDistribution): VegaLiteSpec {
  const format = (x: number) => (Math.abs(x) >= 1e4 || !Number.isInteger(x) ? x.toPrecision(4) : String(x));
  const n = Math.max(1, bulk.bars.reduce((t, b) => t + b.rows, 0) + bulk.below + bulk.above);
  const pct = (rows: number) => `${((100 * rows) / n).toFixed(1)}%`;
  return {
    $schema: SCHEMA,
    title: {
      text: `Distribution of ${name} (p1–p99)`,
      subtitle: [
        `bulk ${format(bulk.low)} to ${format(bulk.high)}; bar area = rows (from quantiles)`,
        `outside: ${pct(bulk.below)} below (min ${format(numeric.min)}), ${pct(bulk.above)} above (max ${format(numeric.max)})`,
      ],
    },
    width: 360,
    height: 140,
    data: { values: bulk.bars },
    mark: { type: "rect", color: BAR_COLOR, stroke: "white", strokeWidth: 1 },
    encoding: {
      x: {
        field: "start",
        type: "quantitative",
        title: name,
        scale: { domain: [bulk.low, bulk.high], nice: false, zero: false },
        axis: { format: "~s" },
      },
      x2: { field: "end" },
      y: { field: "density", type: "quantitative", title: "rows per unit", axis: { format: "~s" } },
      tooltip: [
        { field: "start", type: "quantitative", title: "from", format: ",.4~g" },
        { field: "end", type: "quantitative", title: "to", format: ",.4~g" },
        { field: "rows", type: "quantitative", title: "rows (≈)", format: ",.0f" },
        { field: "share", type: "quantitative", title: "share", format: ".2%" },
      ],
    },
  };
}

/** The most frequent values of a categorical or boolean feature as horizontal bars (at most 20). */
export function categoryBarsSpec(
  name: string,
  top: readonly { value: string; count: number }[],
  present: number,
): VegaLiteSpec {
  const values = top
    .slice(0, 20)
    .map((t) => ({ value: t.value, count: t.count, share: t.count / Math.max(1, present) }));
  return {
    $schema: SCHEMA,
    title: {
      text: `Top values of ${name}`,
      subtitle: `${values.length} most frequent; share of present values`,
    },
    width: 360,
    height: { step: 16 },
    data: { values },
    mark: { type: "bar", color: BAR_COLOR, cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "value", type: "nominal", sort: null, title: null, axis: { labelLimit: 160 } },
      x: { field: "share", type: "quantitative", title: "share of present values", axis: { format: "%" } },
      tooltip: [
        { field: "value", type: "nominal" },
        { field: "count", type: "quantitative", format: "," },
        { field: "share", type: "quantitative", format: ".2%" },
      ],
    },
  };
}
