import { DriftlabError } from "../errors.js";
import {
  type BooleanColumn,
  type CategoricalColumn,
  type Column,
  type DatetimeColumn,
  type FeatureKind,
  type NumericColumn,
  Dataset,
  FEATURE_KINDS,
} from "./column.js";
import { StringDictionary } from "./dictionary.js";
import { parseBooleanWord, parseDatetimeText, parseNumberText, parsed } from "./parse.js";

/** Kind overrides per column name, e.g. `{ zip: "categorical", score: "numeric" }`. */
export type KindOverrides = Readonly<Record<string, FeatureKind>>;

/**
 * A string column is `text` (free text) rather than `categorical` when both hold:
 * - more than half of its present values are distinct (Evidently's rule: nunique > 50% of the count), and
 * - at least half of its distinct values contain whitespace (prose has words; identifiers, codes and labels don't).
 * The second condition keeps ID-like columns ("A1234", UUIDs) and small tables of labels categorical.
 */
export const TEXT_DISTINCT_RATIO = 0.5;
/** See {@link TEXT_DISTINCT_RATIO}. */
export const TEXT_WHITESPACE_SHARE = 0.5;
/** A categorical column with more distinct values than this is noted `high-cardinality`. */
export const HIGH_CARDINALITY = 1000;

/**
 * Decides `categorical` or `text` for a string column, by the rule of {@link TEXT_DISTINCT_RATIO}. `presentAtLeast`:
 * a lower bound of the present values known to the caller (a reader's count), which spares counting them when the
 * dictionary is small beside it.
 */
export function stringKind(
  codes: Int32Array,
  dictionary: readonly string[],
  presentAtLeast = 0,
): "categorical" | "text" {
  if (dictionary.length === 0) return "categorical";
  if (dictionary.length <= TEXT_DISTINCT_RATIO * presentAtLeast) return "categorical";
  let present = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) present++;
  if (dictionary.length <= TEXT_DISTINCT_RATIO * present) return "categorical";
  let withWhitespace = 0;
  for (const value of dictionary) if (/\s/.test(value)) withWhitespace++;
  return withWhitespace >= TEXT_WHITESPACE_SHARE * dictionary.length ? "text" : "categorical";
}

/**
 * Remarks about a column that do not change its kind but matter to analyses:
 * - `all-missing`: every value is missing (the column is kept, as categorical unless overridden).
 * - `constant`: one distinct present value.
 * - `binary`: numeric with only the values 0 and 1 (kept numeric; a drift test may treat it as a proportion).
 * - `identifier-like`: categorical where every present value is distinct (an ID: drift tests on it are meaningless).
 * - `high-cardinality`: categorical with more than {@link HIGH_CARDINALITY} distinct values.
 */
export type KindNote = "all-missing" | "constant" | "binary" | "identifier-like" | "high-cardinality";

export interface KindInfo {
  column: string;
  kind: FeatureKind;
  /** Why the column has this kind, in one sentence. */
  reason: string;
  notes: KindNote[];
}

function presentCount(column: Column): number {
  const valid = column.valid;
  if (valid === null) return column.length;
  let present = 0;
  for (let i = 0; i < valid.length; i++) present += valid[i];
  return present;
}

function describeColumn(column: Column): KindInfo {
  const present = presentCount(column);
  const notes: KindNote[] = [];
  if (present === 0) {
    notes.push("all-missing");
    return { column: column.name, kind: column.kind, reason: "every value is missing", notes };
  }
  switch (column.kind) {
    case "numeric": {
      let binary = true;
      let constant = true;
      let first: number | undefined;
      const { values, valid } = column;
      for (let i = 0; i < values.length; i++) {
        if (valid !== null && valid[i] === 0) continue;
        const v = values[i];
        if (v !== 0 && v !== 1) binary = false;
        if (first === undefined) first = v;
        else if (!Object.is(v, first)) constant = false;
      }
      if (constant) notes.push("constant");
      else if (binary) notes.push("binary");
      return {
        column: column.name,
        kind: "numeric",
        reason: column.integer ? "integer values" : "numbers",
        notes,
      };
    }
    case "boolean":
      return { column: column.name, kind: "boolean", reason: "true/false values", notes };
    case "datetime":
      return { column: column.name, kind: "datetime", reason: "dates or timestamps", notes };
    case "categorical":
    case "text": {
      const distinct = column.dictionary.length;
      if (distinct === 1) notes.push("constant");
      if (column.kind === "categorical") {
        if (distinct === present && present > 1) notes.push("identifier-like");
        if (distinct > HIGH_CARDINALITY) notes.push("high-cardinality");
      }
      const share = Math.round((100 * distinct) / present);
      const reason =
        column.kind === "text"
          ? `strings, ${share}% distinct and mostly with spaces (free text)`
          : `strings, ${distinct} distinct (${share}% of ${present} present values)`;
      return { column: column.name, kind: column.kind, reason, notes };
    }
  }
}

/**
 * The kind of every column of `dataset`, why, and notes (see {@link KindNote}).
 * Readers already assign kinds by these rules:
 * - numbers → `numeric` (integer or not); true/false → `boolean`; ISO 8601 dates and timestamps → `datetime`;
 * - other strings → `categorical`, or `text` by the rule of {@link TEXT_DISTINCT_RATIO};
 * - a column with no present value → `categorical`, noted `all-missing`.
 * A numeric column never becomes categorical by itself: force it with {@link withKinds}.
 */
export function inferKinds(dataset: Dataset): KindInfo[] {
  return dataset.columns.map(describeColumn);
}

export function checkKind(kind: unknown, column: string, source: string): FeatureKind {
  if (typeof kind !== "string" || !(FEATURE_KINDS as readonly string[]).includes(kind)) {
    throw new DriftlabError(
      "INVALID_KIND",
      `${source}: kind ${JSON.stringify(kind)} given for column "${column}" is not a kind. Use one of: ${FEATURE_KINDS.join(", ")}.`,
      { subject: column },
    );
  }
  return kind as FeatureKind;
}

/**
 * `dataset` with the kinds of some columns changed. Conversions:
 * - numeric → categorical/text: each number becomes its label (`String(x)`: 3 → "3", 0.5 → "0.5").
 * - categorical/text → numeric: each label is parsed as a number (same syntax as CSV); the first label that is not a
 *   number throws INVALID_KIND naming the column, the value and its row.
 * - categorical/text → datetime: ISO 8601 labels; numeric → datetime: milliseconds since the epoch.
 * - categorical/text → boolean: true/false, yes/no, y/n, t/f, 1/0 in any case; numeric → boolean: 0 and 1 only.
 * - boolean → numeric (0/1) or categorical ("true"/"false"); datetime → numeric (ms) or categorical (ISO strings).
 * - categorical ↔ text: the same data, relabelled.
 * Missing values stay missing. Unknown column → MISSING_COLUMN; unknown kind → INVALID_KIND.
 */
export function withKinds(dataset: Dataset, overrides: KindOverrides): Dataset {
  for (const [name, kind] of Object.entries(overrides)) {
    dataset.column(name);
    checkKind(kind, name, dataset.source);
  }
  const columns = dataset.columns.map((column) => {
    const kind = overrides[column.name];
    return kind === undefined ? column : convertColumn(column, kind, dataset.source);
  });
  return new Dataset(columns, {
    source: dataset.source,
    numRows: dataset.numRows,
    warnings: dataset.warnings,
  });
}

function isLabels(column: Column): column is CategoricalColumn {
  return column.kind === "categorical" || column.kind === "text";
}

function isMissing(column: Column, i: number): boolean {
  return column.valid !== null && column.valid[i] === 0;
}

function conversionError(
  column: Column,
  kind: FeatureKind,
  row: number,
  value: string,
  source: string,
): never {
  const what =
    kind === "boolean"
      ? "true/false, yes/no, y/n, t/f or 1/0"
      : kind === "datetime"
        ? "an ISO 8601 date or timestamp (2024-01-31, 2024-01-31T12:00:00Z)"
        : "a number";
  throw new DriftlabError(
    "INVALID_KIND",
    `${source}: column "${column.name}" cannot be ${kind}: row ${row + 1} has ${JSON.stringify(value)}, which is not ${what}. ` +
      `Fix or remove such values, or keep the column's inferred kind (${column.kind}).`,
    { subject: column.name },
  );
}

function labelsOf(column: Column): { codes: Int32Array; dictionary: string[] } {
  if (isLabels(column)) {
    return { codes: column.codes, dictionary: [...column.dictionary] };
  }
  const dictionary = new StringDictionary();
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    if (isMissing(column, i)) {
      codes[i] = -1;
      continue;
    }
    let label: string;
    if (column.kind === "boolean") label = column.values[i] === 1 ? "true" : "false";
    else if (column.kind === "datetime") label = new Date(column.values[i]).toISOString();
    else label = String(column.values[i]);
    codes[i] = dictionary.code(label);
  }
  return { codes, dictionary: dictionary.values };
}

function firstRowWithCode(codes: Int32Array, code: number): number {
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) return i;
  return -1;
}

/** Parses each dictionary label once; throws on the first row whose label fails. */
function parseLabels(
  column: CategoricalColumn,
  kind: FeatureKind,
  parse: (label: string) => number,
  source: string,
): Float64Array {
  const parsedLabels = new Float64Array(column.dictionary.length);
  const bad = new Uint8Array(column.dictionary.length);
  for (let k = 0; k < column.dictionary.length; k++) {
    parsedLabels[k] = parse(column.dictionary[k]);
    if (!parsed.ok) bad[k] = 1;
  }
  const values = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const code = column.codes[i];
    if (code < 0) {
      values[i] = kind === "datetime" ? NaN : 0;
      continue;
    }
    if (bad[code] === 1)
      conversionError(column, kind, firstRowWithCode(column.codes, code), column.dictionary[code], source);
    values[i] = parsedLabels[code];
  }
  return values;
}

function validFromCodes(codes: Int32Array): Uint8Array | null {
  let missing = false;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0) {
      missing = true;
      break;
    }
  }
  if (!missing) return null;
  const valid = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) valid[i] = codes[i] >= 0 ? 1 : 0;
  return valid;
}

/** True when every present value is an integer. */
export function allIntegers(values: Float64Array, valid: Uint8Array | null): boolean {
  for (let i = 0; i < values.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    if (!Number.isInteger(values[i])) return false;
  }
  return true;
}

function convertColumn(column: Column, kind: FeatureKind, source: string): Column {
  if (column.kind === kind) return column;
  const { name, length } = column;
  switch (kind) {
    case "categorical":
    case "text": {
      const { codes, dictionary } = labelsOf(column);
      const converted: CategoricalColumn = {
        name,
        length,
        kind,
        codes,
        dictionary,
        valid: validFromCodes(codes),
      };
      return converted;
    }
    case "numeric": {
      if (isLabels(column)) {
        const values = parseLabels(column, kind, parseNumberText, source);
        const valid = validFromCodes(column.codes);
        const converted: NumericColumn = {
          name,
          length,
          kind,
          values,
          valid,
          integer: allIntegers(values, valid),
        };
        return converted;
      }
      const values = Float64Array.from(column.values);
      const converted: NumericColumn = {
        name,
        length,
        kind,
        values,
        valid: column.valid,
        integer: allIntegers(values, column.valid),
      };
      return converted;
    }
    case "datetime": {
      if (isLabels(column)) {
        const values = parseLabels(column, kind, parseDatetimeText, source);
        const converted: DatetimeColumn = { name, length, kind, values, valid: validFromCodes(column.codes) };
        return converted;
      }
      if (column.kind === "boolean")
        return conversionError(column, kind, 0, String(column.values[0] === 1), source);
      const values = Float64Array.from(column.values);
      for (let i = 0; i < length; i++) if (isMissing(column, i)) values[i] = NaN;
      const converted: DatetimeColumn = { name, length, kind, values, valid: column.valid };
      return converted;
    }
    case "boolean": {
      const values = new Uint8Array(length);
      if (isLabels(column)) {
        const labelValues = parseLabels(column, kind, parseBooleanWord, source);
        for (let i = 0; i < length; i++) values[i] = labelValues[i];
        const converted: BooleanColumn = { name, length, kind, values, valid: validFromCodes(column.codes) };
        return converted;
      }
      for (let i = 0; i < length; i++) {
        if (isMissing(column, i)) continue;
        const v = column.values[i];
        if (v !== 0 && v !== 1) {
          conversionError(
            column,
            kind,
            i,
            column.kind === "datetime" ? new Date(v).toISOString() : String(v),
            source,
          );
        }
        values[i] = v;
      }
      const converted: BooleanColumn = { name, length, kind, values, valid: column.valid };
      return converted;
    }
  }
}
