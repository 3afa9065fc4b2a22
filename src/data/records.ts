import { DriftlabError } from "../errors.js";
import { type Column, Dataset } from "./column.js";
import { StringDictionary } from "./dictionary.js";
import { allIntegers, stringKind } from "./kinds.js";
import { parseBooleanText, parseDatetimeText, parseNumberText, parsed } from "./parse.js";

/** A typed array of numbers that {@link fromColumns} reads directly as a numeric column. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A JS value that is missing: `null`, `undefined` or the empty string (NaN is a number, not missing). */
function isMissingValue(value: unknown, nanIsMissing: boolean): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (nanIsMissing && typeof value === "number" && value !== value)
  );
}

function label(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      // Nested too deep for JSON.stringify's stack, or cyclic: the first levels, then "…".
      return boundedJson(value, MAX_LABEL_DEPTH);
    }
  }
  return String(value);
}

/** Levels of a nested object kept in its category label when JSON.stringify cannot write it whole. */
const MAX_LABEL_DEPTH = 32;

function boundedJson(value: unknown, depth: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value);
  if (depth === 0) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) return `[${value.map((v) => boundedJson(v, depth - 1)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${boundedJson(v, depth - 1)}`).join(",")}}`;
}

function everyString(
  values: ArrayLike<unknown>,
  nanIsMissing: boolean,
  parse: (text: string) => number,
): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "string" || isMissingValue(value, nanIsMissing)) continue;
    parse(value);
    if (!parsed.ok) return false;
  }
  return true;
}

function validity(values: ArrayLike<unknown>, nanIsMissing: boolean): Uint8Array | null {
  let valid: Uint8Array | null = null;
  for (let i = 0; i < values.length; i++) {
    if (isMissingValue(values[i], nanIsMissing)) {
      if (valid === null) valid = new Uint8Array(values.length).fill(1);
      valid[i] = 0;
    }
  }
  return valid;
}

/** Options of the in-memory adapters. */
export interface ValueOptions {
  /** Treat the number NaN as missing (pandas/danfo semantics). Default `false`: NaN is a value. */
  nanIsMissing?: boolean;
  /** Read strings as text only: no parsing of numeric, boolean or date strings. Default `false`. */
  stringsAsIs?: boolean;
}

/**
 * One column from an array of JS values. Missing: null, undefined, "" (and NaN with `nanIsMissing`). Rules over the
 * present values:
 * - numbers, bigints and numeric strings ("1.5", "1e3") → numeric;
 * - booleans and the strings "true"/"false" (any case) → boolean;
 * - Dates and ISO 8601 strings → datetime (naive timestamps are UTC);
 * - anything else, including a mix of the above → categorical (or text) of the values' string forms
 *   (`String(x)`, ISO strings for Dates, JSON for objects and arrays).
 */
export function columnFromValues(
  name: string,
  values: ArrayLike<unknown>,
  options: ValueOptions = {},
): Column {
  const nanIsMissing = options.nanIsMissing ?? false;
  const length = values.length;
  let numbers = 0;
  let booleans = 0;
  let dates = 0;
  let strings = 0;
  let others = 0;
  let present = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (isMissingValue(value, nanIsMissing)) continue;
    present++;
    switch (typeof value) {
      case "number":
      case "bigint":
        numbers++;
        break;
      case "boolean":
        booleans++;
        break;
      case "string":
        strings++;
        break;
      default:
        if (value instanceof Date) dates++;
        else others++;
    }
  }
  const valid = validity(values, nanIsMissing);
  const parseStrings = !(options.stringsAsIs ?? false);
  if (present > 0 && others === 0) {
    if (numbers + strings === present && (strings === 0 || parseStrings)) {
      if (strings === 0 || everyString(values, nanIsMissing, parseNumberText)) {
        const out = new Float64Array(length);
        for (let i = 0; i < length; i++) {
          const value = values[i];
          if (valid !== null && valid[i] === 0) out[i] = NaN;
          else if (typeof value === "number") out[i] = value;
          else if (typeof value === "bigint") out[i] = Number(value);
          else out[i] = parseNumberText(value as string);
        }
        return { kind: "numeric", name, length, valid, values: out, integer: allIntegers(out, valid) };
      }
    }
    if (booleans + strings === present && (strings === 0 || parseStrings)) {
      if (strings === 0 || everyString(values, nanIsMissing, parseBooleanText)) {
        const out = new Uint8Array(length);
        for (let i = 0; i < length; i++) {
          if (valid !== null && valid[i] === 0) continue;
          const value = values[i];
          out[i] = typeof value === "boolean" ? (value ? 1 : 0) : parseBooleanText(value as string);
        }
        return { kind: "boolean", name, length, valid, values: out };
      }
    }
    if (dates + strings === present && (strings === 0 || parseStrings)) {
      if (strings === 0 || everyString(values, nanIsMissing, parseDatetimeText)) {
        const out = new Float64Array(length);
        let datetimeValid = valid;
        for (let i = 0; i < length; i++) {
          const value = values[i];
          const ms =
            datetimeValid !== null && datetimeValid[i] === 0
              ? NaN
              : value instanceof Date
                ? value.getTime()
                : parseDatetimeText(value as string);
          out[i] = ms;
          if (ms !== ms && (datetimeValid === null || datetimeValid[i] === 1)) {
            // An invalid Date object: missing.
            datetimeValid ??= new Uint8Array(length).fill(1);
            datetimeValid[i] = 0;
          }
        }
        return { kind: "datetime", name, length, valid: datetimeValid, values: out };
      }
    }
  }
  const dictionary = new StringDictionary();
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    codes[i] = valid !== null && valid[i] === 0 ? -1 : dictionary.code(label(values[i]));
  }
  const kind = stringKind(codes, dictionary.values);
  return {
    kind,
    name,
    length,
    valid: present === length ? null : (valid ?? null),
    codes,
    dictionary: dictionary.values,
  };
}

function numericFromTypedArray(name: string, array: NumericArray): Column {
  const length = array.length;
  const values = new Float64Array(length);
  if (array instanceof BigInt64Array || array instanceof BigUint64Array) {
    for (let i = 0; i < length; i++) values[i] = Number(array[i]);
  } else {
    values.set(array);
  }
  const integer =
    !(array instanceof Float64Array || array instanceof Float32Array) || allIntegers(values, null);
  return { kind: "numeric", name, length, valid: null, values, integer };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "no prototype"})`;
  return `a ${typeof value}`;
}

/**
 * A Dataset from columns: `{ name: array | typed array }`. Typed arrays become numeric columns (copied; BigInt64 values
 * above 2^53 lose precision); plain arrays follow {@link columnFromValues}. All columns must be equally long.
 */
export function fromColumns(
  columns: Readonly<Record<string, ArrayLike<unknown> | NumericArray>>,
  options: ValueOptions & { source?: string } = {},
): Dataset {
  const source = options.source ?? "columns";
  const names = Object.keys(columns);
  if (names.length === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${source}: no columns. Pass an object like { age: [31, 45], city: ["Oslo", "Rome"] }.`,
    );
  }
  const built = names.map((name) => {
    const values = columns[name];
    if (ArrayBuffer.isView(values) && !(values instanceof DataView))
      return numericFromTypedArray(name, values as NumericArray);
    if (!Array.isArray(values)) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `${source}: column "${name}" is ${describe(values)}; each column must be an array or a typed array of values.`,
        { subject: name },
      );
    }
    return columnFromValues(name, values, options);
  });
  return new Dataset(built, { source });
}

/**
 * Builds columns from records given one at a time (JSON arrays, NDJSON lines, arrays of objects). Keys are the union
 * over all records in first-seen order; a key absent from a record is missing there.
 */
export class RecordsBuilder {
  readonly #columns = new Map<string, unknown[]>();
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  add(record: Readonly<Record<string, unknown>>): void {
    const row = this.#rows;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      let column = this.#columns.get(key);
      if (column === undefined) {
        column = new Array<unknown>(row).fill(undefined);
        this.#columns.set(key, column);
      }
      column[row] = record[key];
    }
    this.#rows = row + 1;
  }

  finish(source: string, options: ValueOptions = {}): Dataset {
    const rows = this.#rows;
    const columns: Column[] = [];
    for (const [name, values] of this.#columns) {
      if (values.length < rows) {
        const filled = values.length;
        values.length = rows;
        values.fill(undefined, filled);
      }
      columns.push(columnFromValues(name, values, options));
    }
    if (columns.length === 0) {
      throw new DriftlabError(
        "EMPTY_TABLE",
        `${source}: no records${rows > 0 ? " with any field" : ""}, so no columns. A dataset needs at least one column.`,
        { subject: source },
      );
    }
    return new Dataset(columns, { source, numRows: rows });
  }
}

/** True for a plain object record (not null, not an array, not a Date or typed array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date)
  );
}

/**
 * A Dataset from an array of records (objects). Keys: the union over all records, in first-seen order.
 * Column kinds follow {@link columnFromValues}. An empty array has no columns: EMPTY_TABLE.
 */
export function fromRecords(
  records: readonly unknown[],
  options: ValueOptions & { source?: string } = {},
): Dataset {
  const source = options.source ?? "records";
  const builder = new RecordsBuilder();
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (!isRecord(record)) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `${source}: record ${i} is ${describe(record)}; every element must be an object like { age: 31, city: "Oslo" }.`,
      );
    }
    builder.add(record);
  }
  return builder.finish(source, options);
}

export { describe as describeValue };
