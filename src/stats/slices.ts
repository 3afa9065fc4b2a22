import type { Column, DatetimeColumn, NumericColumn } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import type { SliceKey } from "../format/profile.js";

export type { SliceKey } from "../format/profile.js";

const MAX_NUMERIC_SLICE_VALUES = 50;
const MAX_SLICES = 10_000;

/** Per-row small integer codes of a column's values (0 = missing) and the value of each code. */
function codesOf(column: Column): { codes: Int32Array; values: (string | number | boolean | null)[] } {
  const n = column.length;
  const codes = new Int32Array(n);
  const valid = column.valid;
  if (column.kind === "categorical" || column.kind === "text") {
    for (let i = 0; i < n; i++) codes[i] = column.codes[i] + 1;
    return { codes, values: [null, ...column.dictionary] };
  }
  if (column.kind === "boolean") {
    const flags = column.values;
    for (let i = 0; i < n; i++) codes[i] = valid !== null && valid[i] === 0 ? 0 : flags[i] + 1;
    return { codes, values: [null, false, true] };
  }
  const numbers = (column as NumericColumn | DatetimeColumn).values;
  const ids = new Map<number, number>();
  const values: (string | number | null)[] = [null];
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const v = numbers[i];
    let id = ids.get(v);
    if (id === undefined) {
      id = values.length;
      ids.set(v, id);
      values.push(column.kind === "datetime" ? new Date(v).toISOString() : v);
      if (column.kind === "numeric" && values.length - 1 > MAX_NUMERIC_SLICE_VALUES) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `Column "${column.name}" is numeric with more than ${MAX_NUMERIC_SLICE_VALUES} distinct values: too many to slice by. Bin it into a categorical column first.`,
          { subject: column.name },
        );
      }
    }
    codes[i] = id;
  }
  return { codes, values };
}

/**
 * Groups row indices by the combination of values of `columns`, in order of first appearance.
 * Numeric slicing columns must have at most 50 distinct values (bin them first otherwise).
 */
export function sliceRows(columns: readonly Column[]): { key: SliceKey; rows: Int32Array }[] {
  if (columns.length === 0) return [];
  const n = columns[0].length;
  const coded = columns.map(codesOf);
  // Combine per-column codes into one number (mixed radix); fine while the product stays below 2^53.
  const radices = coded.map((c) => c.values.length);
  if (radices.reduce((a, b) => a * b, 1) > Number.MAX_SAFE_INTEGER) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Too many value combinations to slice by ${columns.map((c) => c.name).join(" × ")}.`,
    );
  }
  const combined = new Float64Array(n);
  for (let j = 0; j < coded.length; j++) {
    const codes = coded[j].codes;
    const radix = radices[j];
    for (let i = 0; i < n; i++) combined[i] = combined[i] * radix + codes[i];
  }
  const groupOf = new Map<number, number>();
  const sizes: number[] = [];
  const firstRow: number[] = [];
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let g = groupOf.get(combined[i]);
    if (g === undefined) {
      g = sizes.length;
      groupOf.set(combined[i], g);
      sizes.push(0);
      firstRow.push(i);
      if (sizes.length > MAX_SLICES) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `Slicing by ${columns.map((c) => `"${c.name}"`).join(" × ")} makes more than ${MAX_SLICES.toLocaleString("en-US")} slices. Slice by columns with fewer distinct values, or bin numeric columns first.`,
          { subject: columns.map((c) => c.name).join(",") },
        );
      }
    }
    group[i] = g;
    sizes[g]++;
  }
  const rows = sizes.map((size) => new Int32Array(size));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < n; i++) rows[group[i]][fill[group[i]]++] = i;
  return rows.map((r, g) => {
    const key: SliceKey = {};
    columns.forEach((c, j) => (key[c.name] = coded[j].values[coded[j].codes[firstRow[g]]]));
    return { key, rows: r };
  });
}
