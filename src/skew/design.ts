import type { Column, Dataset } from "../data/column.js";

/** How one feature enters a model's design matrix. */
export interface DesignGroup {
  feature: string;
  /** Indices of the design columns built from the feature. */
  columns: number[];
}

/** Design matrices of both sides, encoded the same way (encoders fitted on training). */
export interface Design {
  /** Column labels, e.g. "x1", "x1²", "x3=b", "x4 missing". */
  labels: string[];
  groups: DesignGroup[];
  p: number;
  training: Float64Array;
  serving: Float64Array;
}

/** Options of {@link buildDesign}. */
export interface DesignOptions {
  /** Add the square of every standardised numeric value (lets a linear model see changes of spread). */
  squares?: boolean;
  /** Categories per categorical feature kept as their own column (the rest pool into "other"). Default 12. */
  maxCategories?: number;
}

interface Encoder {
  labels: string[];
  /** Writes the feature's design values of row i of a column into out[offset…]. */
  write(column: Column, i: number, out: Float64Array, offset: number): void;
}

function numericValue(column: Column, i: number): number {
  if (column.valid !== null && column.valid[i] === 0) return NaN;
  if (column.kind === "numeric" || column.kind === "datetime" || column.kind === "boolean")
    return column.values[i];
  return NaN;
}

function numericEncoder(name: string, training: Column, serving: Column, squares: boolean): Encoder {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < training.length; i++) {
    const v = numericValue(training, i);
    if (v - v === 0) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  let squaresSum = 0;
  for (let i = 0; i < training.length; i++) {
    const v = numericValue(training, i);
    if (v - v === 0) squaresSum += (v - mean) ** 2;
  }
  const std = count > 1 && squaresSum > 0 ? Math.sqrt(squaresSum / (count - 1)) : 1;
  let anyMissing = false;
  for (const column of [training, serving]) {
    for (let i = 0; i < column.length && !anyMissing; i++) {
      const v = numericValue(column, i);
      if (!(v - v === 0)) anyMissing = true;
    }
  }
  const labels = [name];
  if (squares) labels.push(`${name}²`);
  if (anyMissing) labels.push(`${name} missing`);
  return {
    labels,
    write(column, i, out, offset) {
      const v = numericValue(column, i);
      const finite = v - v === 0;
      // Values far outside training (new units, a broken feed) are clipped so that one row cannot dominate a fit.
      const z = finite ? Math.max(-10, Math.min(10, (v - mean) / std)) : 0;
      let k = offset;
      out[k++] = z;
      if (squares) out[k++] = z * z;
      if (anyMissing) out[k++] = finite ? 0 : 1;
    },
  };
}

function categoryOf(column: Column, i: number): string | null {
  if (column.valid !== null && column.valid[i] === 0) return null;
  if (column.kind === "categorical" || column.kind === "text") {
    const c = column.codes[i];
    return c < 0 ? null : column.dictionary[c];
  }
  return String((column as { values: ArrayLike<number> }).values[i]);
}

function categoricalEncoder(name: string, training: Column, serving: Column, maxCategories: number): Encoder {
  const counts = new Map<string, number>();
  let missing = false;
  for (let i = 0; i < training.length; i++) {
    const c = categoryOf(training, i);
    if (c === null) missing = true;
    else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const ordered = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map((e) => e[0]);
  // The most frequent training category is the baseline (no column), as in a treatment-coded regression.
  const kept = ordered.slice(1, 1 + maxCategories);
  const index = new Map(kept.map((c, k) => [c, k]));
  let other = ordered.length > 1 + maxCategories;
  for (let i = 0; i < serving.length && !(other && missing); i++) {
    const c = categoryOf(serving, i);
    if (c === null) missing = true;
    else if (!counts.has(c)) other = true;
  }
  const labels = kept.map((c) => `${name}=${c}`);
  const otherAt = other ? labels.push(`${name}=other`) - 1 : -1;
  const missingAt = missing ? labels.push(`${name} missing`) - 1 : -1;
  const baseline = ordered[0];
  return {
    labels,
    write(column, i, out, offset) {
      for (let k = 0; k < labels.length; k++) out[offset + k] = 0;
      const c = categoryOf(column, i);
      if (c === null) {
        if (missingAt >= 0) out[offset + missingAt] = 1;
        return;
      }
      if (c === baseline) return;
      const k = index.get(c);
      if (k !== undefined) out[offset + k] = 1;
      else if (otherAt >= 0) out[offset + otherAt] = 1;
    },
  };
}

/**
 * The design matrices of training and serving rows for the given features: numeric, datetime and boolean features
 * standardised by training's mean and standard deviation (missing → 0 plus a "missing" indicator when any value
 * is missing), categorical features one-hot against their most frequent training category. O(n · p).
 */
export function buildDesign(
  training: Dataset,
  serving: Dataset,
  features: readonly string[],
  options: DesignOptions = {},
): Design {
  const encoders: { feature: string; encoder: Encoder }[] = [];
  for (const feature of features) {
    const t = training.column(feature);
    const s = serving.column(feature);
    const numeric = t.kind === "numeric" || t.kind === "datetime" || t.kind === "boolean";
    const encoder = numeric
      ? numericEncoder(feature, t, s, options.squares === true && t.kind !== "boolean")
      : categoricalEncoder(feature, t, s, options.maxCategories ?? 12);
    if (encoder.labels.length > 0) encoders.push({ feature, encoder });
  }
  const labels: string[] = [];
  const groups: DesignGroup[] = [];
  for (const { feature, encoder } of encoders) {
    groups.push({ feature, columns: encoder.labels.map((_, k) => labels.length + k) });
    labels.push(...encoder.labels);
  }
  const p = labels.length;
  const fill = (dataset: Dataset): Float64Array => {
    const out = new Float64Array(dataset.numRows * p);
    let offset = 0;
    for (const { feature, encoder } of encoders) {
      const column = dataset.column(feature);
      for (let i = 0; i < dataset.numRows; i++) encoder.write(column, i, out, i * p + offset);
      offset += encoder.labels.length;
    }
    return out;
  };
  return { labels, groups, p, training: fill(training), serving: fill(serving) };
}

/** The rows `rows` of a row-major design with p columns. */
export function designRows(x: Float64Array, p: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * p);
  for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r] * p, rows[r] * p + p), r * p);
  return out;
}
