import type { Column, Dataset } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { formatPercent } from "../report/html.js";
import { drift, type DriftOptions } from "./drift.js";
import { TimelineReport, type Incident, type TimelineWindow } from "./timeline-report.js";
import { calendarWindows, rowsByWindow, type TimeWindow } from "./windows.js";

/** Options of {@link driftOverTime}: the drift options per window, plus how to cut time. */
export interface TimelineOptions extends DriftOptions {
  /** The datetime (or numeric) column that orders rows in time. */
  time: string;
  /** Calendar-aligned window length: "1 day", "1 week", "1 month", "1 quarter", "1 year", "2 weeks", ... */
  every?: string;
  /** Explicit windows instead of `every`: [start, end) in ms since the epoch or Dates, with optional labels. */
  windows?: { start: number | Date; end: number | Date; label?: string }[];
  /**
   * What each window is compared with: "first" (the first window; default), "previous" (the window before), or a
   * fixed reference dataset.
   */
  reference?: "first" | "previous" | DatasetInput;
  /** Windows with fewer rows are not tested (too small to judge) but still get a volume check. Default 30. */
  minSize?: number;
  /** Incident thresholds. */
  incidents?: Partial<IncidentThresholds>;
}

/** When a data-quality incident is raised. */
export interface IncidentThresholds {
  /** Missing share rose by at least this much (absolute)... */
  missingJump: number;
  /** ...or to at least this many times the reference share (and at least 5%). */
  missingRatio: number;
  /** Share of current values outside the reference range. */
  outOfRange: number;
  /** Share of current values in categories the reference never had. */
  newCategories: number;
  /** Rows below this fraction of the median of the windows before. */
  volumeDrop: number;
  /** Rows above this multiple of the median of the windows before. */
  volumeSpike: number;
}

export const DEFAULT_INCIDENT_THRESHOLDS: IncidentThresholds = {
  missingJump: 0.1,
  missingRatio: 3,
  outOfRange: 0.01,
  newCategories: 0.05,
  volumeDrop: 0.5,
  volumeSpike: 2,
};

interface ColumnFacts {
  missingShare: number;
  present: number;
  min: number;
  max: number;
  distinct: number;
  categories?: Set<string>;
}

function factsOf(column: Column): ColumnFacts {
  const n = column.length;
  let present = 0;
  let min = Infinity;
  let max = -Infinity;
  const valid = column.valid;
  if (column.kind === "categorical" || column.kind === "text") {
    const seen = new Uint8Array(column.dictionary.length);
    for (let i = 0; i < n; i++) {
      const c = column.codes[i];
      if (c >= 0) {
        present++;
        seen[c] = 1;
      }
    }
    const categories = new Set<string>();
    seen.forEach((s, c) => s === 1 && categories.add(column.dictionary[c]));
    return {
      missingShare: n === 0 ? 0 : 1 - present / n,
      present,
      min,
      max,
      distinct: categories.size,
      categories,
    };
  }
  let first = NaN;
  let distinct = 0;
  const values = (column as Column & { values: ArrayLike<number> }).values;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    present++;
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (distinct === 0) {
      first = v;
      distinct = 1;
    } else if (distinct === 1 && v !== first) distinct = 2;
  }
  return { missingShare: n === 0 ? 0 : 1 - present / n, present, min, max, distinct };
}

function shareOutside(column: Column, min: number, max: number): number {
  if (column.kind === "categorical" || column.kind === "text" || column.kind === "boolean") return 0;
  let present = 0;
  let outside = 0;
  const valid = column.valid;
  const values = (column as Column & { values: Float64Array }).values;
  for (let i = 0; i < column.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const v = values[i];
    if (!(v - v === 0)) continue;
    present++;
    if (v < min || v > max) outside++;
  }
  return present === 0 ? 0 : outside / present;
}

function shareNew(column: Column, known: Set<string>): { share: number; examples: string[] } {
  if (column.kind !== "categorical" && column.kind !== "text") return { share: 0, examples: [] };
  const counts = new Float64Array(column.dictionary.length);
  let present = 0;
  for (let i = 0; i < column.length; i++) {
    const c = column.codes[i];
    if (c >= 0) {
      counts[c]++;
      present++;
    }
  }
  let unseen = 0;
  const fresh: { label: string; count: number }[] = [];
  counts.forEach((count, c) => {
    if (count > 0 && !known.has(column.dictionary[c])) {
      unseen += count;
      fresh.push({ label: column.dictionary[c], count });
    }
  });
  fresh.sort((a, b) => b.count - a.count);
  return { share: present === 0 ? 0 : unseen / present, examples: fresh.slice(0, 3).map((f) => f.label) };
}

/** Data-quality incidents of one window against its reference window. */
function incidentsOf(
  window: string,
  reference: Dataset,
  current: Dataset,
  features: readonly string[],
  thresholds: IncidentThresholds,
): Incident[] {
  const incidents: Incident[] = [];
  for (const name of features) {
    if (!reference.has(name) || !current.has(name)) continue;
    const rc = reference.column(name);
    const cc = current.column(name);
    const r = factsOf(rc);
    const c = factsOf(cc);
    const jump = c.missingShare - r.missingShare;
    if (
      jump >= thresholds.missingJump ||
      (c.missingShare >= 0.05 && c.missingShare >= thresholds.missingRatio * r.missingShare && jump > 0)
    ) {
      incidents.push({
        window,
        feature: name,
        code: "MISSING_JUMP",
        severity: "error",
        value: c.missingShare,
        message: `missing values ${formatPercent(r.missingShare)} → ${formatPercent(c.missingShare)}`,
      });
    }
    if (c.present >= 2 && r.distinct > 1 && c.distinct === 1) {
      incidents.push({
        window,
        feature: name,
        code: "CONSTANT",
        severity: "error",
        value: 1,
        message: `column went constant (${c.present} values, all equal)`,
      });
    }
    if (r.present > 0 && Number.isFinite(r.min)) {
      const outside = shareOutside(cc, r.min, r.max);
      if (outside >= thresholds.outOfRange) {
        incidents.push({
          window,
          feature: name,
          code: "OUT_OF_RANGE",
          severity: "warning",
          value: outside,
          message: `${formatPercent(outside)} of values outside the reference range`,
        });
      }
    }
    if (r.categories !== undefined && r.categories.size > 0) {
      const fresh = shareNew(cc, r.categories);
      if (fresh.share >= thresholds.newCategories) {
        incidents.push({
          window,
          feature: name,
          code: "NEW_CATEGORIES",
          severity: "warning",
          value: fresh.share,
          message: `${formatPercent(fresh.share)} of values in new categories (${fresh.examples.map((e) => `"${e}"`).join(", ")})`,
        });
      }
    }
  }
  return incidents;
}

/** Windows whose time range the data covers less than this are marked partial. */
const PARTIAL_COVERAGE = 0.9;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Drift over time: cuts `data` into time windows (calendar-aligned `every`, or given `windows`), compares each window
 * with a reference (the first window, the previous one, or a fixed dataset) feature by feature, and flags sudden
 * data-quality incidents: jumps in missing values, values outside the reference range, a column gone constant, a
 * flood of new categories, a drop or spike in volume. Alarms name the features responsible.
 *
 * @example drift.overTime(flights, { time: "date", every: "1 month" })
 */
export function driftOverTime(data: DatasetInput, options: TimelineOptions): TimelineReport {
  const dataset = toDataset(data, { kinds: options.kinds });
  const timeColumn = dataset.column(options.time);
  if (timeColumn.kind !== "datetime" && timeColumn.kind !== "numeric") {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      `time column "${options.time}" is ${timeColumn.kind}; it must hold datetimes or numbers. Force it with kinds: { ${options.time}: "datetime" }.`,
      { subject: options.time },
    );
  }
  const thresholds = { ...DEFAULT_INCIDENT_THRESHOLDS, ...options.incidents };
  const minWindowSize = options.minSize ?? 30;
  const times = timeColumn.values;
  let windows: TimeWindow[];
  if (options.windows !== undefined) {
    windows = options.windows.map((w, i) => {
      const start = +w.start;
      const end = +w.end;
      return { start, end, label: w.label ?? `window ${i + 1}` };
    });
    windows.sort((a, b) => a.start - b.start);
  } else {
    if (options.every === undefined) {
      throw new DriftlabError(
        "INVALID_OPTION",
        'drift.overTime needs `every` (e.g. "1 month") or `windows`.',
        { subject: "every" },
      );
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < times.length; i++) {
      if (timeColumn.valid !== null && timeColumn.valid[i] === 0) continue;
      const t = times[i];
      if (t < min) min = t;
      if (t > max) max = t;
    }
    if (!(max >= min))
      throw new DriftlabError("EMPTY_TABLE", `time column "${options.time}" has no values.`, {
        subject: options.time,
      });
    windows = calendarWindows(min, max, options.every);
  }
  const rows = rowsByWindow(times, timeColumn.valid, windows);
  // The share of each window the data's time range covers: first and last windows are often partial.
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (let i = 0; i < times.length; i++) {
    if (timeColumn.valid !== null && timeColumn.valid[i] === 0) continue;
    if (times[i] < minTime) minTime = times[i];
    if (times[i] > maxTime) maxTime = times[i];
  }
  const coverage = windows.map((w) => {
    const covered = Math.min(w.end, maxTime) - Math.max(w.start, minTime);
    return Math.max(0, Math.min(1, covered / (w.end - w.start)));
  });
  const exclude = new Set([options.time, ...(options.exclude ?? [])]);
  const features = (options.features ?? dataset.columnNames).filter((n) => !exclude.has(n));
  // Progress is per window here, not per feature of each window's drift.
  const driftOptions: DriftOptions = { ...options, features, exclude: [], onProgress: undefined };
  const mode = options.reference ?? "first";
  const fixed = typeof mode === "string" ? undefined : toDataset(mode, { kinds: options.kinds });
  const parts = rows.map((r) => dataset.take(r).select(features));

  const results: TimelineWindow[] = [];
  const incidents: Incident[] = [];
  windows.forEach((w, i) => {
    options.onProgress?.(i / windows.length, `window ${i + 1} of ${windows.length}: ${w.label}`);
    const current = parts[i];
    const entry: TimelineWindow = {
      label: w.label,
      start: w.start,
      end: w.end,
      numRows: current.numRows,
      role: "window",
      features: {},
    };
    if (coverage[i] < PARTIAL_COVERAGE) entry.partial = true;
    results.push(entry);
    // Volume: rows per covered share of a window, against the median of the windows before. A partial window
    // (the data starts or ends inside it) is expected to hold fewer rows, in proportion to what it covers.
    const rates = results
      .slice(0, -1)
      .map((x, j) => (coverage[j] >= 0.5 ? x.numRows / coverage[j] : NaN))
      .filter((r) => r > 0);
    if (rates.length > 0 && coverage[i] > 0) {
      const typical = median(rates) * coverage[i];
      const rowsText = `${current.numRows.toLocaleString("en-US")} rows, typical ${Math.round(typical).toLocaleString("en-US")}${
        entry.partial === true
          ? ` for the ${formatPercent(coverage[i], 0)} of the window the data covers`
          : ""
      }`;
      if (current.numRows < thresholds.volumeDrop * typical) {
        incidents.push({
          window: w.label,
          feature: null,
          code: "VOLUME_DROP",
          severity: "error",
          value: current.numRows,
          message: rowsText,
        });
      } else if (current.numRows > thresholds.volumeSpike * typical) {
        incidents.push({
          window: w.label,
          feature: null,
          code: "VOLUME_SPIKE",
          severity: "warning",
          value: current.numRows,
          message: rowsText,
        });
      }
    }
    let reference: Dataset | undefined;
    if (fixed !== undefined) reference = fixed;
    else if (mode === "first") {
      if (i === 0) {
        entry.role = "reference";
        return;
      }
      reference = parts[0];
    } else {
      if (i === 0) {
        entry.role = "reference";
        return;
      }
      reference = parts[i - 1];
    }
    if (current.numRows < minWindowSize || reference.numRows < minWindowSize) {
      entry.role = "too-small";
      return;
    }
    const report = drift(reference, current, driftOptions).toJSON();
    entry.share = report.dataset.share;
    entry.datasetDrift = report.dataset.datasetDrift;
    for (const f of report.features) {
      entry.features[f.name] = {
        method: f.method,
        statistic: f.statistic,
        pValue: f.pValue,
        score: f.score,
        threshold: f.threshold,
        strength: f.strength,
        drifted: f.drifted,
        summary: f.summary,
      };
    }
    incidents.push(...incidentsOf(w.label, reference, current, features, thresholds));
  });
  options.onProgress?.(1, "done");
  return new TimelineReport({
    title: options.title ?? `Drift over time: ${dataset.source} by ${options.every ?? "window"}`,
    source: dataset.source,
    time: options.time,
    every: options.every ?? null,
    referenceMode: typeof mode === "string" ? mode : "fixed",
    features,
    windows: results,
    incidents,
  });
}
