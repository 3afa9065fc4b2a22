import { DriftlabError } from "../errors.js";
import { type Column, Dataset } from "./column.js";
import { ByteDictionary, StringDictionary } from "./dictionary.js";
import { stringKind } from "./kinds.js";
import { renameDuplicates } from "./names.js";

/**
 * The parts of apache-arrow's Table, Vector, Data and DataType that driftlab reads. Duck-typed, so tables from any
 * copy or version of apache-arrow (>= 9) work.
 */
export interface ArrowTypeLike {
  readonly typeId: number;
  readonly bitWidth?: number;
  readonly isSigned?: boolean;
  readonly precision?: number;
  readonly unit?: number;
  readonly scale?: number;
  toString(): string;
}

export interface ArrowDataLike {
  readonly type: ArrowTypeLike;
  readonly length: number;
  readonly offset: number;
  readonly nullCount: number;
  /** Bit-packed validity (bit `offset + i`); typed `unknown` to accept every apache-arrow version's typing. */
  readonly nullBitmap?: unknown;
  /** The values buffer: a typed array (bytes for strings, bit-packed for booleans, indices for dictionaries). */
  readonly values: unknown;
  /** Offsets into `values` for strings (Int32Array, or BigInt64Array for large strings). */
  readonly valueOffsets?: unknown;
  readonly dictionary?: ArrowVectorLike | null;
}

export interface ArrowVectorLike {
  readonly type: ArrowTypeLike;
  readonly length: number;
  readonly data: readonly ArrowDataLike[];
  get(index: number): unknown;
}

export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type: ArrowTypeLike }[] };
  getChildAt(index: number): ArrowVectorLike | null;
}

/** True when `value` looks like an apache-arrow Table. */
export function isArrowTable(value: unknown): value is ArrowTableLike {
  if (typeof value !== "object" || value === null) return false;
  const table = value as Partial<ArrowTableLike>;
  return (
    typeof table.numRows === "number" &&
    typeof table.getChildAt === "function" &&
    Array.isArray((table.schema as { fields?: unknown } | undefined)?.fields)
  );
}

// apache-arrow's Type enum (stable across versions).
const NULL = 1;
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const BOOL = 6;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;
const DICTIONARY = -1;

const TWO_POW_32 = 4294967296;

function bitmapOf(chunk: ArrowDataLike): Uint8Array | null {
  const bitmap = chunk.nullBitmap;
  return bitmap instanceof Uint8Array && bitmap.length > 0 ? bitmap : null;
}

/** Validity of a column from the chunks' null bitmaps (bit `offset + i`), or null when nothing is missing. */
function validityOf(chunks: readonly ArrowDataLike[], length: number): Uint8Array | null {
  let anyNull = false;
  for (const chunk of chunks) if (chunk.nullCount > 0 && bitmapOf(chunk) !== null) anyNull = true;
  if (!anyNull) return null;
  const valid = new Uint8Array(length).fill(1);
  let position = 0;
  for (const chunk of chunks) {
    const bitmap = bitmapOf(chunk);
    if (chunk.nullCount > 0 && bitmap !== null) {
      const offset = chunk.offset;
      for (let j = 0; j < chunk.length; j++) {
        const bit = offset + j;
        valid[position + j] = (bitmap[bit >> 3] >> (bit & 7)) & 1;
      }
    }
    position += chunk.length;
  }
  return valid;
}

/** Half-precision bits to a number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Writes `length` values of a chunk into out[position...], times `scale`. 64-bit integers are read as two 32-bit
 * halves (hi * 2^32 + lo, one rounding: exact up to 2^53, then the nearest double) — much faster than BigInt.
 * Returns true when some 64-bit value was beyond ±2^53 (precision lost).
 */
function writeNumbers(
  values: ArrayBufferView,
  length: number,
  out: Float64Array,
  position: number,
  scale: number,
  unsigned64: boolean,
): boolean {
  let inexact = false;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const halves = new Int32Array(values.buffer, values.byteOffset, length * 2);
    for (let j = 0; j < length; j++) {
      const lo = halves[2 * j] >>> 0;
      const hi = unsigned64 ? halves[2 * j + 1] >>> 0 : halves[2 * j + 1];
      const value = hi * TWO_POW_32 + lo;
      if (hi >= 0x200000 || hi < -0x200000) inexact = true;
      out[position + j] = value * scale;
    }
    return inexact;
  }
  const typed = values as unknown as Float64Array;
  if (scale === 1) {
    out.set(typed.subarray(0, length), position);
  } else {
    for (let j = 0; j < length; j++) out[position + j] = typed[j] * scale;
  }
  return false;
}

/** A 128-bit (or 256-bit) little-endian two's complement decimal as a number (nearest double), divided by 10^scale. */
function writeDecimals(
  values: ArrayBufferView,
  length: number,
  bitWidth: number,
  scale: number,
  out: Float64Array,
  position: number,
): void {
  const perValue = bitWidth / 32;
  const words = new Uint32Array(values.buffer, values.byteOffset, length * perValue);
  const divisor = 10 ** scale;
  for (let j = 0; j < length; j++) {
    const base = j * perValue;
    const negative = (words[base + perValue - 1] & 0x80000000) !== 0;
    let magnitude = 0;
    for (let w = perValue - 1; w >= 0; w--) {
      const word = negative ? ~words[base + w] >>> 0 : words[base + w];
      magnitude = magnitude * TWO_POW_32 + word;
    }
    // Two's complement: -(~x + 1).
    out[position + j] = (negative ? -(magnitude + 1) : magnitude) / divisor;
  }
}

function offsetsOf(chunk: ArrowDataLike): Int32Array {
  const offsets = chunk.valueOffsets as ArrayBufferView;
  if (offsets instanceof Int32Array) return offsets;
  // 64-bit offsets (LargeUtf8): the low halves, as offsets within one chunk stay below 2^31.
  const halves = new Int32Array(offsets.buffer, offsets.byteOffset, (chunk.length + 1) * 2);
  const out = new Int32Array(chunk.length + 1);
  for (let j = 0; j <= chunk.length; j++) out[j] = halves[2 * j];
  return out;
}

/** Strings of a small vector (an Arrow dictionary), read by `get`. */
function vectorStrings(vector: ArrowVectorLike): string[] {
  if (vector.type.typeId === UTF8 || vector.type.typeId === LARGE_UTF8) {
    const { codes, dictionary } = utf8Codes(vector.data, vector.length, null);
    return Array.from(codes, (code) => (code < 0 ? "" : dictionary[code]));
  }
  const out: string[] = [];
  for (let k = 0; k < vector.length; k++) out.push(String(vector.get(k)));
  return out;
}

function utf8Codes(
  chunks: readonly ArrowDataLike[],
  length: number,
  valid: Uint8Array | null,
): { codes: Int32Array; dictionary: string[] } {
  const dictionary = new ByteDictionary();
  const codes = new Int32Array(length);
  let position = 0;
  for (const chunk of chunks) {
    const bytes = chunk.values as Uint8Array;
    const offsets = offsetsOf(chunk);
    const n = chunk.length;
    if (valid === null) {
      let start = offsets[0];
      for (let j = 0; j < n; j++) {
        const end = offsets[j + 1];
        codes[position + j] = dictionary.code(bytes, start, end);
        start = end;
      }
    } else {
      for (let j = 0; j < n; j++) {
        codes[position + j] =
          valid[position + j] === 0 ? -1 : dictionary.code(bytes, offsets[j], offsets[j + 1]);
      }
    }
    position += n;
  }
  return { codes, dictionary: dictionary.strings({ encoding: "utf8", invalidUtf8: "replace" }) };
}

function dictionaryCodes(
  chunks: readonly ArrowDataLike[],
  length: number,
  valid: Uint8Array | null,
): { codes: Int32Array; dictionary: string[] } {
  const global = new StringDictionary();
  const remaps = new Map<ArrowVectorLike, Int32Array>();
  const codes = new Int32Array(length);
  let position = 0;
  for (const chunk of chunks) {
    const local = chunk.dictionary!;
    let remap = remaps.get(local);
    if (remap === undefined) {
      remap = Int32Array.from(vectorStrings(local), (value) => global.code(value));
      remaps.set(local, remap);
    }
    const n = chunk.length;
    const indices = chunk.values;
    if (indices instanceof BigInt64Array || indices instanceof BigUint64Array) {
      const scratch = new Float64Array(n);
      writeNumbers(indices, n, scratch, 0, 1, indices instanceof BigUint64Array);
      for (let j = 0; j < n; j++)
        codes[position + j] = valid !== null && valid[position + j] === 0 ? -1 : remap[scratch[j]];
    } else {
      const index = indices as unknown as Int32Array;
      for (let j = 0; j < n; j++)
        codes[position + j] = valid !== null && valid[position + j] === 0 ? -1 : remap[index[j]];
    }
    position += n;
  }
  // Keep only the dictionary values some row uses, in first-use order.
  const used = new Int32Array(global.values.length).fill(-1);
  const dictionary: string[] = [];
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (code < 0) continue;
    let mapped = used[code];
    if (mapped < 0) {
      mapped = used[code] = dictionary.length;
      dictionary.push(global.values[code]);
    }
    codes[i] = mapped;
  }
  return { codes, dictionary };
}

const TIME_UNIT_TO_MS = [1000, 1, 1e-3, 1e-6];

/**
 * One Arrow column (all its chunks) as a driftlab column, or a reason why it is not supported.
 * Reads the buffers directly (`data.values`, `valueOffsets`, `nullBitmap`, dictionary indices), never `get(i)`.
 */
export function columnFromArrow(name: string, vector: ArrowVectorLike): Column | string {
  const type = vector.type;
  const chunks = vector.data;
  const length = vector.length;
  const valid = validityOf(chunks, length);
  switch (type.typeId) {
    case INT:
    case FLOAT:
    case DECIMAL: {
      const values = new Float64Array(length);
      let position = 0;
      let inexact = false;
      for (const chunk of chunks) {
        if (type.typeId === FLOAT && type.precision === 0) {
          const halves = chunk.values as unknown as Uint16Array;
          for (let j = 0; j < chunk.length; j++) values[position + j] = halfToNumber(halves[j]);
        } else if (type.typeId === DECIMAL) {
          writeDecimals(
            chunk.values as ArrayBufferView,
            chunk.length,
            type.bitWidth ?? 128,
            type.scale ?? 0,
            values,
            position,
          );
        } else {
          inexact =
            writeNumbers(
              chunk.values as ArrayBufferView,
              chunk.length,
              values,
              position,
              1,
              type.isSigned === false,
            ) || inexact;
        }
        position += chunk.length;
      }
      if (valid !== null) for (let i = 0; i < length; i++) if (valid[i] === 0) values[i] = NaN;
      const column: Column = { kind: "numeric", name, length, valid, values, integer: type.typeId === INT };
      return inexact ? Object.assign(column, { inexact: true }) : column;
    }
    case BOOL: {
      const values = new Uint8Array(length);
      let position = 0;
      for (const chunk of chunks) {
        const bits = chunk.values as Uint8Array;
        const offset = chunk.offset;
        for (let j = 0; j < chunk.length; j++) {
          const bit = offset + j;
          values[position + j] = (bits[bit >> 3] >> (bit & 7)) & 1;
        }
        position += chunk.length;
      }
      if (valid !== null) for (let i = 0; i < length; i++) values[i] &= valid[i];
      return { kind: "boolean", name, length, valid, values };
    }
    case DATE:
    case TIMESTAMP: {
      // Date: unit 0 = days (int32), 1 = milliseconds (int64). Timestamp: unit 0..3 = s, ms, µs, ns (int64).
      const scale = type.typeId === DATE ? (type.unit === 0 ? 86400000 : 1) : TIME_UNIT_TO_MS[type.unit ?? 1];
      const values = new Float64Array(length);
      let position = 0;
      for (const chunk of chunks) {
        writeNumbers(chunk.values as ArrayBufferView, chunk.length, values, position, scale, false);
        position += chunk.length;
      }
      if (valid !== null) for (let i = 0; i < length; i++) if (valid[i] === 0) values[i] = NaN;
      return { kind: "datetime", name, length, valid, values };
    }
    case UTF8:
    case LARGE_UTF8: {
      const { codes, dictionary } = utf8Codes(chunks, length, valid);
      return { kind: stringKind(codes, dictionary), name, length, valid, codes, dictionary };
    }
    case DICTIONARY: {
      const { codes, dictionary } = dictionaryCodes(chunks, length, valid);
      return { kind: stringKind(codes, dictionary), name, length, valid, codes, dictionary };
    }
    case NULL:
      return {
        kind: "categorical",
        name,
        length,
        valid: new Uint8Array(length),
        codes: new Int32Array(length).fill(-1),
        dictionary: [],
      };
    default:
      return String(type);
  }
}

/**
 * A Dataset from an Arrow Table (apache-arrow), reading column buffers directly.
 * - Int8..Int64, Uint8..Uint64, Float16/32/64, Decimal → numeric (64-bit integers beyond ±2^53 are rounded to the
 *   nearest double; a warning says so).
 * - Bool → boolean. Date32/Date64 and Timestamp (s, ms, µs, ns; any time zone, as instants) → datetime in ms.
 * - Utf8, LargeUtf8, Dictionary → categorical or text (codes built by hashing bytes; each distinct string decoded once).
 * - Null → an all-missing categorical column.
 * - Other types (Binary, Time, Duration, Interval, List, Struct, Map, Union, views) are skipped with a warning.
 */
export function fromArrow(table: ArrowTableLike, options: { source?: string } = {}): Dataset {
  const source = options.source ?? "Arrow table";
  const columns: Column[] = [];
  const warnings: string[] = [];
  const fields = table.schema.fields;
  if (fields.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${source}: the Arrow table has no columns.`, { subject: source });
  }
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k];
    const vector = table.getChildAt(k);
    if (vector === null) continue;
    const column = columnFromArrow(field.name, vector);
    if (typeof column === "string") {
      warnings.push(
        `${source}: column "${field.name}" has Arrow type ${column}, which driftlab does not analyse; it was skipped. ` +
          `Cast it to a number, string or timestamp to include it.`,
      );
      continue;
    }
    if ((column as { inexact?: boolean }).inexact === true) {
      delete (column as { inexact?: boolean }).inexact;
      warnings.push(
        `${source}: column "${field.name}" has 64-bit integers beyond ±2^53; they were rounded to the nearest double.`,
      );
    }
    columns.push(column);
  }
  const names = renameDuplicates(
    columns.map((c) => c.name),
    source,
    warnings,
  );
  const renamed = columns.map((column, k) =>
    column.name === names[k] ? column : { ...column, name: names[k] },
  );
  return new Dataset(renamed, { source, numRows: table.numRows, warnings });
}
