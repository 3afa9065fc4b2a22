/** The target of a collection analysis (a label, or a protected attribute) as classes or as numbers. */

import type { TargetTask } from "../format/collection.js";
import type { Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { codeFeature, numericValues } from "./encode.js";

/** A target ready for the measures. */
export interface CodedTarget {
  name: string;
  task: TargetTask;
  /** Class (or, for regression, quantile-bin) of every row; -1 where the target is missing. */
  codes: Int32Array;
  /** Class names (or bin labels), indexed by code. */
  levels: string[];
  /** Rows per level. */
  counts: number[];
  /** Rows with a target. */
  present: number;
  /** The numbers, NaN where missing (regression only). */
  values?: Float64Array;
  /** Index of the positive class (binary only): the later of the two in natural order ("1", "true", "yes"). */
  positive?: number;
}

/**
 * Codes the target column `name`: categories, booleans, and numbers with at most 10 distinct values are classes;
 * other numbers are a regression target (binned in `bins` quantile bins for information measures). Rows with a
 * missing target get code -1 and are left out of every measure.
 */
export function codeTarget(dataset: Dataset, name: string, bins: number, role: string): CodedTarget {
  const column = dataset.column(name);
  if (column.kind === "datetime") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `The ${role} column "${name}" holds dates; use a categorical or numeric ${role}.`,
      { subject: name },
    );
  }
  const coded = codeFeature(dataset, name, bins);
  const missingLevel = coded.levels.indexOf(null);
  const codes = coded.codes.slice();
  if (missingLevel >= 0) for (let i = 0; i < codes.length; i++) if (codes[i] === missingLevel) codes[i] = -1;
  const levels = coded.levels.filter((l): l is string => l !== null);
  const counts = new Array<number>(levels.length).fill(0);
  let present = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] >= 0) {
      counts[codes[i]]++;
      present++;
    }
  }
  if (present === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${dataset.source}: the ${role} column "${name}" has no values. Check the column name, or fill in the ${role}.`,
      { subject: name },
    );
  }
  const used = counts.filter((c) => c > 0).length;
  if (used < 2) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${dataset.source}: the ${role} column "${name}" has only one value (${JSON.stringify(levels[counts.findIndex((c) => c > 0)])}); nothing can be learnt about it.`,
      { subject: name },
    );
  }
  const regression = coded.edges !== undefined;
  if (regression) {
    return { name, task: "regression", codes, levels, counts, present, values: numericValues(column) };
  }
  if (levels.length === 2) return { name, task: "binary", codes, levels, counts, present, positive: 1 };
  return { name, task: "multiclass", codes, levels, counts, present };
}

/** 1 where the row's class is `level`, 0 for other classes, NaN where the target is missing. */
export function oneVersusRest(target: CodedTarget, level: number): Float64Array {
  const out = new Float64Array(target.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = target.codes[i];
    out[i] = c < 0 ? Number.NaN : c === level ? 1 : 0;
  }
  return out;
}
