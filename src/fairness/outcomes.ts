/**
 * Labels, predictions, scores and losses as plain typed arrays: the one place that decides what "positive" means.
 */

import type { Column, Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";

/** Words read as the positive class when a label column holds exactly two strings and no `positiveLabel` is given. */
const POSITIVE_WORDS = new Map([
  ["0", "1"],
  ["false", "true"],
  ["no", "yes"],
  ["n", "y"],
  ["negative", "positive"],
]);

/** A 0/1 outcome per row, with the rows where it is missing (null) marked 0 in `present`. */
export interface BinaryOutcome {
  values: Uint8Array;
  present: Uint8Array;
  /** How the positive class was recognized, for the report ("1", "true", "yes", or the given positiveLabel). */
  positive: string;
}

/** A number per row with the rows where it is missing or not finite marked 0 in `present`. */
export interface NumericOutcome {
  values: Float64Array;
  present: Uint8Array;
}

function presence(column: Column): Uint8Array {
  const present = new Uint8Array(column.length);
  if (column.valid === null) present.fill(1);
  else present.set(column.valid);
  return present;
}

/**
 * Reads a binary column (a label or a hard prediction) as 0/1.
 * - boolean: true is positive (or false, when `positiveLabel` is "false");
 * - numeric: `positiveLabel` if given (compared as a number), else the values must be 0 and 1 and 1 is positive;
 * - categorical: `positiveLabel` if given, else the two values must be a known pair (0/1, false/true, no/yes, n/y,
 *   negative/positive, any case) and the second of the pair is positive.
 * Throws INVALID_OPTION naming the column and the values found otherwise.
 */
export function binaryOutcome(
  dataset: Dataset,
  name: string,
  role: string,
  positiveLabel?: string | number | boolean,
): BinaryOutcome {
  const column = dataset.column(name);
  const n = column.length;
  const present = presence(column);
  const values = new Uint8Array(n);
  const given = positiveLabel === undefined ? undefined : String(positiveLabel);
  switch (column.kind) {
    case "boolean": {
      const positiveIsFalse = given?.toLowerCase() === "false";
      for (let i = 0; i < n; i++) values[i] = positiveIsFalse ? 1 - column.values[i] : column.values[i];
      return { values, present, positive: positiveIsFalse ? "false" : "true" };
    }
    case "numeric": {
      const source = column.values;
      if (given !== undefined) {
        const target = Number(given);
        if (!Number.isFinite(target)) {
          throw new DriftlabError(
            "INVALID_OPTION",
            `positiveLabel ${JSON.stringify(positiveLabel)} is not a number, but ${role} column "${name}" is numeric.`,
            { subject: "positiveLabel" },
          );
        }
        for (let i = 0; i < n; i++) {
          if (Number.isNaN(source[i])) present[i] = 0;
          values[i] = source[i] === target ? 1 : 0;
        }
        return { values, present, positive: given };
      }
      for (let i = 0; i < n; i++) {
        if (present[i] === 0) continue;
        const v = source[i];
        if (v === 1) values[i] = 1;
        else if (v !== 0) {
          if (Number.isNaN(v)) {
            present[i] = 0;
            continue;
          }
          throw new DriftlabError(
            "INVALID_OPTION",
            `The ${role} column "${name}" holds ${v} (row ${i}), but a binary ${role} must be 0/1. Pass positiveLabel to name the positive class, or use task: "regression" for a numeric target.`,
            { subject: name },
          );
        }
      }
      return { values, present, positive: "1" };
    }
    case "categorical":
    case "text": {
      const dictionary = column.dictionary;
      let positiveCode = -1;
      let positive = given;
      if (given !== undefined) {
        positiveCode = dictionary.indexOf(given);
        if (positiveCode < 0) {
          throw new DriftlabError(
            "INVALID_OPTION",
            `positiveLabel ${JSON.stringify(given)} does not occur in the ${role} column "${name}"; its values are ${listValues(dictionary)}.`,
            { subject: "positiveLabel" },
          );
        }
      } else {
        const lower = dictionary.map((d) => d.trim().toLowerCase());
        for (const [negativeWord, positiveWord] of POSITIVE_WORDS) {
          if (lower.every((d) => d === negativeWord || d === positiveWord) && lower.includes(positiveWord)) {
            positiveCode = lower.indexOf(positiveWord);
          } else if (lower.length === 1 && lower[0] === negativeWord) {
            positiveCode = -2;
          }
          if (positiveCode !== -1) break;
        }
        if (positiveCode === -1) {
          throw new DriftlabError(
            "INVALID_OPTION",
            `The ${role} column "${name}" holds ${listValues(dictionary)}; say which one is the positive class with positiveLabel.`,
            { subject: "positiveLabel" },
          );
        }
        positive = positiveCode >= 0 ? dictionary[positiveCode] : "1";
      }
      const codes = column.codes;
      for (let i = 0; i < n; i++) values[i] = codes[i] === positiveCode ? 1 : 0;
      return { values, present, positive: positive! };
    }
    case "datetime":
      throw new DriftlabError(
        "TYPE_MISMATCH",
        `The ${role} column "${name}" holds dates; a ${role} must be binary (boolean, 0/1 or two categories).`,
        { subject: name },
      );
  }
}

/** Reads a numeric column (a score, a regression target or prediction, a loss); NaN and ±∞ count as missing. */
export function numericOutcome(dataset: Dataset, name: string, role: string): NumericOutcome {
  const column = dataset.column(name);
  const n = column.length;
  const present = presence(column);
  const values = new Float64Array(n);
  if (column.kind === "boolean") {
    for (let i = 0; i < n; i++) values[i] = column.values[i];
    return { values, present };
  }
  if (column.kind !== "numeric") {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      `The ${role} column "${name}" is ${column.kind}; it must be numeric.`,
      { subject: name },
    );
  }
  values.set(column.values);
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) present[i] = 0;
  return { values, present };
}

/** True when a numeric column holds only 0, 1 and missing values. */
export function isBinaryColumn(column: Column): boolean {
  if (column.kind === "boolean") return true;
  if (column.kind !== "numeric") return column.kind === "categorical" && column.dictionary.length <= 2;
  const { values, valid } = column;
  for (let i = 0; i < values.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    if (values[i] !== 0 && values[i] !== 1 && !Number.isNaN(values[i])) return false;
  }
  return true;
}

function listValues(dictionary: readonly string[]): string {
  const shown = dictionary.slice(0, 6).map((d) => JSON.stringify(d));
  return shown.join(", ") + (dictionary.length > 6 ? `, … (${dictionary.length} values)` : "");
}
