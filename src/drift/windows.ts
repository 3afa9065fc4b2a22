import { DriftlabError } from "../errors.js";

/** A calendar unit windows can be made of. */
export type TimeUnit = "hour" | "day" | "week" | "month" | "quarter" | "year";

export interface TimeWindow {
  label: string;
  /** Inclusive start and exclusive end, ms since the epoch (UTC). */
  start: number;
  end: number;
}

const UNITS: Record<string, TimeUnit> = {
  h: "hour",
  hour: "hour",
  hours: "hour",
  d: "day",
  day: "day",
  days: "day",
  w: "week",
  week: "week",
  weeks: "week",
  month: "month",
  months: "month",
  quarter: "quarter",
  quarters: "quarter",
  y: "year",
  year: "year",
  years: "year",
};

/** Parses "1 month", "2 weeks", "day" into a count and a unit. */
export function parseEvery(every: string): { count: number; unit: TimeUnit } {
  const match = /^\s*(\d+)?\s*([a-z]+)\s*$/i.exec(every);
  const unit = match === null ? undefined : UNITS[match[2].toLowerCase()];
  const count = match?.[1] === undefined ? 1 : Number(match[1]);
  if (match === null || unit === undefined || !(count >= 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `every: "${every}" is not a period. Use a count and a unit, e.g. "1 day", "2 weeks", "1 month", "1 quarter", "1 year".`,
      { subject: "every" },
    );
  }
  return { count, unit };
}

/** The start of the calendar unit containing `t` (UTC; weeks start on Monday, ISO 8601). */
function floorTo(t: number, unit: TimeUnit): number {
  const d = new Date(t);
  switch (unit) {
    case "hour":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case "day":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "week": {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    }
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "quarter":
      return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
    case "year":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

function advance(t: number, unit: TimeUnit, count: number): number {
  const d = new Date(t);
  switch (unit) {
    case "hour":
      return t + count * 3_600_000;
    case "day":
      return t + count * 86_400_000;
    case "week":
      return t + count * 7 * 86_400_000;
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + count, 1);
    case "quarter":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * count, 1);
    case "year":
      return Date.UTC(d.getUTCFullYear() + count, 0, 1);
  }
}

function labelOf(start: number, unit: TimeUnit): string {
  const iso = new Date(start).toISOString();
  switch (unit) {
    case "hour":
      return iso.slice(0, 13).replace("T", " ") + "h";
    case "day":
    case "week":
      return iso.slice(0, 10);
    case "month":
      return iso.slice(0, 7);
    case "quarter":
      return `${iso.slice(0, 4)}-Q${Math.floor(new Date(start).getUTCMonth() / 3) + 1}`;
    case "year":
      return iso.slice(0, 4);
  }
}

/** Calendar-aligned windows of `count` units covering [min, max]. */
export function calendarWindows(min: number, max: number, every: string): TimeWindow[] {
  const { count, unit } = parseEvery(every);
  const windows: TimeWindow[] = [];
  for (let start = floorTo(min, unit); start <= max;) {
    const end = advance(start, unit, count);
    windows.push({ label: labelOf(start, unit), start, end });
    start = end;
    if (windows.length > 10_000) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `every: "${every}" makes more than 10,000 windows; choose a longer period.`,
        {
          subject: "every",
        },
      );
    }
  }
  return windows;
}

/** Row indices of each window (rows with a missing time belong to none). */
export function rowsByWindow(
  times: Float64Array,
  valid: Uint8Array | null,
  windows: readonly TimeWindow[],
): Int32Array[] {
  const counts = new Int32Array(windows.length);
  const windowOf = new Int32Array(times.length).fill(-1);
  const starts = windows.map((w) => w.start);
  for (let i = 0; i < times.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const t = times[i];
    let lo = 0;
    let hi = starts.length - 1;
    if (!(t >= starts[0])) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    if (t < windows[lo].end) {
      windowOf[i] = lo;
      counts[lo]++;
    }
  }
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(windows.length);
  for (let i = 0; i < times.length; i++) {
    const w = windowOf[i];
    if (w >= 0) rows[w][fill[w]++] = i;
  }
  return rows;
}
