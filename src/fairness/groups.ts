/**
 * Groups of rows: one column's values, or the intersection of several columns' values. Numeric columns with many
 * distinct values are binned (quantile bins, as Aequitas' `pd.qcut(x, 4)`, or edges given by the user).
 */

import type { Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { quantileOfSorted } from "../measures/index.js";
import { formatNumber } from "../report/html.js";

/** Numeric columns with at most this many distinct values are grouped by value, not binned. */
export const MAX_NUMERIC_LEVELS = 10;
/** More groups than this in one grouping is an error (bin numeric columns, or group by fewer columns). */
export const MAX_GROUPS = 10_000;

/** How to bin a numeric column: a number of quantile bins, or explicit ascending edges. */
export type Binning = number | readonly number[];

/** The bins chosen for a numeric column, as the report shows them. */
export interface BinsJSON {
  column: string;
  /** Ascending edges; bin j is (edges[j], edges[j + 1]], the first also includes edges[0] (pandas' cut/qcut). */
  edges: number[];
  method: "quantile" | "given";
}

/** The values of one column as small codes: `codes[i]` indexes `levels`; a `null` level holds the missing rows. */
export interface ColumnCoding {
  column: string;
  codes: Int32Array;
  levels: (string | null)[];
  bins?: BinsJSON;
}

/**
 * Codes the values of `name` for grouping.
 * - categorical/text: one level per value, in natural sort order;
 * - boolean: "false", "true";
 * - numeric: one level per value when there are at most {@link MAX_NUMERIC_LEVELS} distinct values and no binning is
 *   given; otherwise `binning` quantile bins (default `defaultQuantiles`) — edges at the k/q quantiles of the finite
 *   values (numpy's linear rule), duplicates dropped — or the given edges. Bins are right-closed, the first also
 *   closed on the left, like `pd.qcut` / `pd.cut(include_lowest=True)`. Values outside given edges, NaN and ±∞ join
 *   the missing level.
 * Missing values form their own level (label null, shown as "(missing)"), never dropped. O(n) (O(n log n) to bin).
 */
export function codeColumn(
  dataset: Dataset,
  name: string,
  binning: Binning | undefined,
  defaultQuantiles: number,
): ColumnCoding {
  const column = dataset.column(name);
  const n = column.length;
  const valid = column.valid;
  const codes = new Int32Array(n);
  switch (column.kind) {
    case "categorical":
    case "text": {
      const dictionary = column.dictionary;
      const order = dictionary.map((_, i) => i).sort((a, b) => naturalCompare(dictionary[a], dictionary[b]));
      const rank = new Int32Array(dictionary.length);
      order.forEach((code, position) => (rank[code] = position));
      let missing = false;
      for (let i = 0; i < n; i++) {
        const code = column.codes[i];
        if (code < 0) {
          codes[i] = dictionary.length;
          missing = true;
        } else codes[i] = rank[code];
      }
      const levels: (string | null)[] = order.map((code) => dictionary[code]);
      if (missing) levels.push(null);
      return { column: name, codes, levels };
    }
    case "boolean": {
      let missing = false;
      for (let i = 0; i < n; i++) {
        if (valid !== null && valid[i] === 0) {
          codes[i] = 2;
          missing = true;
        } else codes[i] = column.values[i];
      }
      return { column: name, codes, levels: missing ? ["false", "true", null] : ["false", "true"] };
    }
    case "numeric":
      return codeNumeric(name, column.values, valid, binning, defaultQuantiles);
    case "datetime":
      throw new DriftlabError(
        "INVALID_OPTION",
        `Column "${name}" holds dates; group by a period derived from it (e.g. a "year" or "month" column) instead.`,
        { subject: name },
      );
  }
}

function codeNumeric(
  name: string,
  values: Float64Array,
  valid: Uint8Array | null,
  binning: Binning | undefined,
  defaultQuantiles: number,
): ColumnCoding {
  const n = values.length;
  const codes = new Int32Array(n);
  const finite: number[] = [];
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite.push(v);
    if (distinct.size <= MAX_NUMERIC_LEVELS) distinct.add(v);
  }
  if (binning === undefined && distinct.size <= MAX_NUMERIC_LEVELS) {
    const sorted = [...distinct].sort((a, b) => a - b);
    const index = new Map(sorted.map((v, k) => [v, k]));
    let missing = false;
    for (let i = 0; i < n; i++) {
      const k =
        (valid === null || valid[i] === 1) && Number.isFinite(values[i]) ? index.get(values[i]) : undefined;
      if (k === undefined) {
        codes[i] = sorted.length;
        missing = true;
      } else codes[i] = k;
    }
    const levels: (string | null)[] = sorted.map((v) => String(v));
    if (missing) levels.push(null);
    return { column: name, codes, levels };
  }
  let edges: number[];
  let method: "quantile" | "given";
  if (typeof binning === "object") {
    edges = [...binning];
    method = "given";
    if (edges.length < 2 || edges.some((e, k) => !Number.isFinite(e) || (k > 0 && e <= edges[k - 1]))) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Bins for "${name}" must be at least two finite, strictly ascending edges; got [${edges.join(", ")}].`,
        { subject: name },
      );
    }
  } else {
    const count = binning ?? defaultQuantiles;
    if (!Number.isInteger(count) || count < 1) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Bins for "${name}": ${count} is not a positive whole number.`,
        {
          subject: name,
        },
      );
    }
    const sorted = Float64Array.from(finite).sort();
    method = "quantile";
    edges = [];
    if (sorted.length > 0) {
      for (let k = 0; k <= count; k++) {
        const edge = quantileOfSorted(sorted, k / count);
        if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
      }
      if (edges.length === 1) edges.push(edges[0]);
    }
  }
  const binCount = Math.max(0, edges.length - 1);
  let missing = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let bin = -1;
    if (
      (valid === null || valid[i] === 1) &&
      Number.isFinite(v) &&
      binCount > 0 &&
      v >= edges[0] &&
      v <= edges[binCount]
    ) {
      // first j with v <= edges[j + 1] (right-closed bins)
      let low = 0;
      let high = binCount - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (v <= edges[mid + 1]) high = mid;
        else low = mid + 1;
      }
      bin = low;
    }
    if (bin < 0) {
      codes[i] = binCount;
      missing = true;
    } else codes[i] = bin;
  }
  const levels: (string | null)[] = [];
  for (let j = 0; j < binCount; j++) levels.push(binLabel(edges, j));
  if (missing) levels.push(null);
  return { column: name, codes, levels, bins: { column: name, edges, method } };
}

/** "[a, b]" for the first bin, "(a, b]" for the others. */
export function binLabel(edges: readonly number[], j: number): string {
  return `${j === 0 ? "[" : "("}${formatNumber(edges[j])}, ${formatNumber(edges[j + 1])}]`;
}

/** Rows grouped by the combination of several columns' levels. */
export interface RowGroups {
  /** Group index of every row. */
  groupOf: Int32Array;
  /** The level labels of each group, one per column (null = missing). Groups are sorted by the columns' levels. */
  keys: (string | null)[][];
  /** Rows per group. */
  sizes: number[];
}

/** Groups rows by the intersection of the codings' levels; only combinations that occur become groups. O(n). */
export function groupRows(codings: readonly ColumnCoding[], numRows: number): RowGroups {
  const radices = codings.map((c) => c.levels.length);
  const combinations = radices.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(combinations)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Too many value combinations to group by ${codings.map((c) => `"${c.column}"`).join(" × ")}.`,
    );
  }
  const combined = new Float64Array(numRows);
  for (let j = 0; j < codings.length; j++) {
    const codes = codings[j].codes;
    const radix = radices[j];
    for (let i = 0; i < numRows; i++) combined[i] = combined[i] * radix + codes[i];
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < numRows; i++) counts.set(combined[i], (counts.get(combined[i]) ?? 0) + 1);
  if (counts.size > MAX_GROUPS) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Grouping by ${codings.map((c) => `"${c.column}"`).join(" × ")} makes ${counts.size.toLocaleString("en-US")} groups (more than ${MAX_GROUPS.toLocaleString("en-US")}). Group by fewer columns, or bin numeric columns.`,
      { subject: codings.map((c) => c.column).join(",") },
    );
  }
  const ordered = [...counts.keys()].sort((a, b) => a - b);
  const index = new Map(ordered.map((value, g) => [value, g]));
  const groupOf = new Int32Array(numRows);
  for (let i = 0; i < numRows; i++) groupOf[i] = index.get(combined[i])!;
  const keys = ordered.map((value) => {
    const key: (string | null)[] = new Array(codings.length);
    let rest = value;
    for (let j = codings.length - 1; j >= 0; j--) {
      const code = rest % radices[j];
      rest = (rest - code) / radices[j];
      key[j] = codings[j].levels[code];
    }
    return key;
  });
  return { groupOf, keys, sizes: ordered.map((value) => counts.get(value)!) };
}

/** Compares strings with embedded numbers naturally ("2" before "10"). */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** How a group is named in reports: the value for one column, "column=value, …" for an intersection. */
export function groupLabel(columns: readonly string[], key: readonly (string | null)[]): string {
  if (columns.length === 1) return key[0] ?? "(missing)";
  return columns.map((c, j) => `${c}=${key[j] ?? "(missing)"}`).join(", ");
}
