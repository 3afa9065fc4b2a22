import type { Column, Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";

/** The label as the skew analyses see it. */
export interface LabelData {
  name: string;
  task: "classification" | "regression";
  /** Classification: the classes, sorted (for binary labels the second is the positive class). */
  classes: string[];
  /** Class index per row (−1 missing); regression: unused (all −1). */
  trainingCodes: Int32Array;
  servingCodes: Int32Array | null;
  /** Regression: y per row (NaN missing); binary classification: 0/1 per row. */
  trainingValues: Float64Array;
  servingValues: Float64Array | null;
}

function stringsOf(column: Column): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < column.length; i++) {
    if (column.valid !== null && column.valid[i] === 0) {
      out.push(null);
      continue;
    }
    switch (column.kind) {
      case "categorical":
      case "text": {
        const c = column.codes[i];
        out.push(c < 0 ? null : column.dictionary[c]);
        break;
      }
      case "boolean":
        out.push(column.values[i] === 1 ? "true" : "false");
        break;
      default:
        out.push(Number.isFinite(column.values[i]) ? String(column.values[i]) : null);
    }
  }
  return out;
}

/** True when a numeric column has only integer values and at most `limit` distinct ones. */
function fewIntegers(columns: Column[], limit: number): boolean {
  const seen = new Set<number>();
  for (const column of columns) {
    if (column.kind !== "numeric") return false;
    for (let i = 0; i < column.length; i++) {
      if (column.valid !== null && column.valid[i] === 0) continue;
      const v = column.values[i];
      if (!Number.isFinite(v)) continue;
      if (!Number.isInteger(v)) return false;
      seen.add(v);
      if (seen.size > limit) return false;
    }
  }
  return true;
}

function compareClass(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the label of both sides: categorical, boolean and integer-coded labels with at most 10 values are
 * classification; other numeric labels are regression. A label column absent from serving (or all missing there)
 * gives `servingCodes: null`.
 */
export function labelData(training: Dataset, serving: Dataset, name: string): LabelData {
  const tc = training.column(name);
  const sc = serving.has(name) ? serving.column(name) : null;
  const servingPresent =
    sc !== null && (sc.valid === null || sc.valid.some((v) => v === 1)) && sc.kind === tc.kind;
  const numeric = tc.kind === "numeric" && (sc === null || sc.kind === "numeric");
  if (tc.kind === "datetime") {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      `The label "${name}" is a datetime; skew needs a class or a number.`,
      {
        subject: name,
      },
    );
  }
  const regression = numeric && !fewIntegers(servingPresent ? [tc, sc] : [tc], 10);
  if (regression) {
    const values = (column: Column): Float64Array => {
      const out = new Float64Array(column.length);
      for (let i = 0; i < column.length; i++) {
        const v = column.kind === "numeric" ? column.values[i] : NaN;
        out[i] = column.valid !== null && column.valid[i] === 0 ? NaN : v;
      }
      return out;
    };
    return {
      name,
      task: "regression",
      classes: [],
      trainingCodes: new Int32Array(training.numRows).fill(-1),
      servingCodes: servingPresent ? new Int32Array(serving.numRows).fill(-1) : null,
      trainingValues: values(tc),
      servingValues: servingPresent ? values(sc) : null,
    };
  }
  const ts = stringsOf(tc);
  const ss = servingPresent ? stringsOf(sc) : null;
  const classes = [...new Set([...ts, ...(ss ?? [])].filter((v): v is string => v !== null))].sort(
    compareClass,
  );
  if (classes.length < 2) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `The label "${name}" has ${classes.length} class(es) in ${training.source}; skew needs at least two.`,
      { subject: name },
    );
  }
  const indexOf = new Map(classes.map((c, k) => [c, k]));
  const codes = (values: (string | null)[]) =>
    Int32Array.from(values, (v) => (v === null ? -1 : indexOf.get(v)!));
  const trainingCodes = codes(ts);
  const servingCodes = ss === null ? null : codes(ss);
  const binary = (c: Int32Array) => Float64Array.from(c, (v) => (v < 0 ? NaN : v === 1 ? 1 : 0));
  return {
    name,
    task: "classification",
    classes,
    trainingCodes,
    servingCodes,
    trainingValues: binary(trainingCodes),
    servingValues: servingCodes === null ? null : binary(servingCodes),
  };
}

/** Rows whose label is present. */
export function labelledRows(codes: Int32Array, values: Float64Array, task: LabelData["task"]): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    if (task === "classification" ? codes[i] >= 0 : Number.isFinite(values[i])) rows.push(i);
  }
  return Int32Array.from(rows);
}
