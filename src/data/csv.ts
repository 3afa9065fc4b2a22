import type { FileHandle } from "node:fs/promises";
import { DriftlabError } from "../errors.js";
import { type Column, type FeatureKind, Dataset } from "./column.js";
import { ByteDictionary, FNV_OFFSET, FNV_PRIME, InvalidUtf8Entry, type TextDecoding } from "./dictionary.js";
import { allIntegers, stringKind, withKinds, type KindOverrides } from "./kinds.js";
import { scanChunks } from "./chunks.js";
import { noteValueRange } from "./hints.js";
import { renameDuplicates } from "./names.js";
import {
  EXACT_POWERS_OF_TEN,
  parseBooleanBytes,
  parseDatetimeBytes,
  parseNumberBytes,
  parsed,
  scanDecimal,
  scannedDecimal,
} from "./parse.js";

/**
 * Missing-value tokens of CSV/TSV by default: a field equal to one of these (exactly, case-sensitive) is missing.
 * "NaN" is deliberately absent: in a numeric column it is the number NaN (counted apart from missing values).
 */
export const DEFAULT_NULL_VALUES: readonly string[] = [
  "",
  "NA",
  "N/A",
  "n/a",
  "null",
  "NULL",
  "#N/A",
  "<NA>",
];

/**
 * Threads lent to a read ({@link CsvOptions.pool}): they run the tasks of src/data/csv-tasks.ts, each sent with the
 * read's context (`{ ...task, context }`).
 */
export interface LentPool {
  readonly size: number;
  run<T>(task: object): Promise<T>;
}

export interface CsvOptions {
  /** Field separator, one ASCII character. Default `","` for .csv, `"\t"` for .tsv. */
  delimiter?: string;
  /** Quote character, one ASCII character. Default `'"'`. A quote inside a quoted field is written twice. */
  quote?: string;
  /** Whether the first line holds column names. Default `true`; `false` names columns column_1, column_2, ... */
  header?: boolean;
  /** Fields equal to one of these are missing. Default {@link DEFAULT_NULL_VALUES}. */
  nullValues?: readonly string[];
  /** Text encoding of the bytes. Default `"utf8"`. */
  encoding?: TextDecoding["encoding"];
  /** Bytes that are not valid UTF-8: `"error"` (default, INVALID_UTF8 with the line) or `"replace"` with U+FFFD. */
  invalidUtf8?: TextDecoding["invalidUtf8"];
  /** Read only these columns (by name, after duplicate renaming). Default: all. */
  columns?: readonly string[];
  /** Kind per column, instead of the inferred one (parsed directly as that kind). */
  kinds?: KindOverrides;
  /** Bytes read from a file at a time. Default 32 MiB. Files of any size are read in chunks of this size. */
  chunkSize?: number;
  /**
   * Worker threads that read byte ranges of a file in parallel (cut at record boundaries, quote-aware). Default: the
   * machine's available parallelism (`os.availableParallelism()`); 1 reads on the calling thread. Files below 8 MiB
   * and bytes in memory are always read on the calling thread.
   */
  workers?: number;
  /**
   * Worker threads lent by the caller for this read instead of `workers` new ones, left running after it: threads
   * that run the reader's tasks with each task's context (src/data/csv-tasks.ts), as the profile's workers do
   * (src/stats/state-worker.ts). The CLI starts one pool to read a file and then profile it.
   * @internal
   */
  pool?: LentPool;
}

const LF = 0x0a;
const CR = 0x0d;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

const UNKNOWN = 0;
const BOOLEAN = 1;
const NUMERIC = 2;
const DATETIME = 3;
const STRING = 4;
/** A typed column met a value of another type: it is read again as strings in a second pass. */
const FALLBACK = 5;
const SKIP = 6;

const INITIAL_CAPACITY = 1 << 14;
/**
 * "No limit" for row counts and capacities of the hot path: the largest small integer of V8 (2^30 − 1), so that the
 * comparisons with it stay integer comparisons (Number.MAX_SAFE_INTEGER, a double, made the optimized hot path
 * deoptimize and compile again). A range with more rows is read in several calls.
 */
const NO_LIMIT = 0x3fffffff;

/** A zeroed Float64Array, in shared memory when `shared` (a worker's part that another thread copies). */
function floats(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

/** A zeroed Int32Array, in shared memory when `shared`. */
function ints(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
}

/** A zeroed Uint8Array, in shared memory when `shared`. */
function bytesOf(length: number, shared: boolean): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

class CsvColumn {
  mode = UNKNOWN;
  capacity = 0;
  /**
   * Per row, 1 where a value is present: kept from the first missing value on (`nulls > 0`); before that it is empty
   * and every row read so far is present (no byte per value to write for the columns that have no missing value).
   */
  valid = new Uint8Array(0);
  numbers: Float64Array | null = null;
  flags: Uint8Array | null = null;
  codes: Int32Array | null = null;
  dictionary: ByteDictionary | null = null;
  nulls = 0;
  /** Whether every number read so far (NUMERIC mode) is an integer. */
  integer = true;
  /** The smallest and largest finite number read so far (NUMERIC mode). */
  min = Infinity;
  max = -Infinity;
  /**
   * Where this range's numbers or codes go in the buffer that the joined column will be (a parallel read,
   * csv-parallel.ts); null without one, and from the moment they outgrow it (then in arrays of their own).
   */
  region: ColumnRegion | null = null;

  constructor(
    readonly name: string,
    readonly forced: FeatureKind | undefined,
    readonly reader: CsvReader,
    skip: boolean,
    asStrings: boolean,
    region: ColumnRegion | null = null,
  ) {
    if (skip) this.mode = SKIP;
    else {
      if (region !== null) {
        this.region = region;
        this.capacity = region.capacity;
      }
      if (asStrings) this.#enter(STRING, 0);
    }
  }

  /** Expected rows; arrays grow to it at once (then double if the estimate was short). */
  rowsHint = 0;

  /** Makes room for row `row`. */
  ensure(row: number): void {
    if (row >= this.capacity) this.#grow(row);
  }

  #grow(row: number): void {
    // Outgrowing the region: the rows read so far move to arrays of their own (copied below).
    this.region = null;
    const capacity = Math.max(
      this.reader.firstCapacity,
      this.capacity * 2,
      row + 1,
      row < this.rowsHint ? this.rowsHint : 0,
    );
    const shared = this.reader.shared;
    if (this.nulls > 0) {
      const valid = bytesOf(capacity, shared);
      valid.set(this.valid);
      this.valid = valid;
    }
    if (this.numbers !== null) {
      const numbers = floats(capacity, shared);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    if (this.flags !== null) {
      const flags = bytesOf(capacity, shared);
      flags.set(this.flags);
      this.flags = flags;
    }
    if (this.codes !== null) {
      const codes = ints(capacity, shared);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.capacity = capacity;
  }

  #enter(mode: number, rows: number): void {
    this.mode = mode;
    // In a region (sized for this range), its capacity; else at least the reader's first capacity.
    const region = this.region;
    const capacity = region !== null ? region.capacity : Math.max(this.capacity, this.reader.firstCapacity);
    if (mode === NUMERIC || mode === DATETIME) {
      this.numbers = (
        region === null
          ? floats(capacity, this.reader.shared)
          : new Float64Array(region.buffer, region.offset * 8, region.capacity)
      ).fill(NaN, 0, rows);
    } else if (mode === BOOLEAN) this.flags = bytesOf(capacity, this.reader.shared);
    else if (mode === STRING) {
      this.codes = (
        region === null
          ? ints(capacity, this.reader.shared)
          : new Int32Array(region.buffer, region.offset * 4, region.capacity)
      ).fill(-1, 0, rows);
      this.dictionary = new ByteDictionary();
    }
    if (region === null || mode === BOOLEAN) this.region = null;
    if (this.capacity < capacity) {
      if (this.nulls > 0) {
        const valid = bytesOf(capacity, this.reader.shared);
        valid.set(this.valid);
        this.valid = valid;
      }
      this.capacity = capacity;
    }
  }

  /** The first missing value, at `row`: validity is kept from now on (the rows before are all present). */
  #keepValidity(row: number): void {
    const valid = bytesOf(this.capacity, this.reader.shared);
    valid.fill(1, 0, row);
    this.valid = valid;
  }

  addMissing(row: number): void {
    const mode = this.mode;
    if (mode >= FALLBACK) return;
    if (row >= this.capacity) this.#grow(row);
    if (this.nulls === 0) this.#keepValidity(row);
    this.nulls++;
    if (mode === NUMERIC || mode === DATETIME) this.numbers![row] = NaN;
    else if (mode === STRING) this.codes![row] = -1;
  }

  add(bytes: Uint8Array, start: number, end: number, row: number, line: number): void {
    const mode = this.mode;
    if (mode >= FALLBACK) return;
    if (row >= this.capacity) this.#grow(row);
    switch (mode) {
      case NUMERIC: {
        const value = parseNumberBytes(bytes, start, end);
        if (!parsed.ok) return this.#mismatch(bytes, start, end, line);
        this.numbers![row] = value;
        if (!Number.isInteger(value)) this.integer = false;
        if (value < this.min) this.min = value;
        if (value > this.max) this.max = value;
        break;
      }
      case STRING:
        this.codes![row] = this.dictionary!.code(bytes, start, end, line);
        break;
      case DATETIME: {
        const value = parseDatetimeBytes(bytes, start, end);
        if (!parsed.ok) return this.#mismatch(bytes, start, end, line);
        this.numbers![row] = value;
        break;
      }
      case BOOLEAN: {
        const value = parseBooleanBytes(bytes, start, end);
        if (!parsed.ok) return this.#mismatch(bytes, start, end, line);
        this.flags![row] = value;
        break;
      }
      default:
        this.#enter(this.#firstMode(bytes, start, end), row);
        return this.add(bytes, start, end, row, line);
    }
    if (this.nulls !== 0) this.valid[row] = 1;
  }

  /** The mode of a column from its first present value (or its forced kind). */
  #firstMode(bytes: Uint8Array, start: number, end: number): number {
    switch (this.forced) {
      case "numeric":
        return NUMERIC;
      case "datetime":
        return DATETIME;
      case "categorical":
      case "text":
      case "boolean":
        return STRING;
    }
    parseBooleanBytes(bytes, start, end);
    if (parsed.ok) return BOOLEAN;
    parseNumberBytes(bytes, start, end);
    if (parsed.ok) return NUMERIC;
    parseDatetimeBytes(bytes, start, end);
    if (parsed.ok) return DATETIME;
    return STRING;
  }

  #mismatch(bytes: Uint8Array, start: number, end: number, line: number): void {
    if (this.forced !== undefined) {
      const value = this.reader.decode(bytes, start, end);
      const what = this.forced === "datetime" ? "an ISO 8601 date or timestamp" : "a number";
      throw new DriftlabError(
        "INVALID_KIND",
        `${this.reader.source}: line ${line}, column "${this.name}": ${JSON.stringify(value)} is not ${what}, ` +
          `but the column was set to ${this.forced}. Fix the value, add it to \`nullValues\`, or drop the kind override.`,
        { subject: this.name },
      );
    }
    this.mode = FALLBACK;
    this.numbers = null;
    this.flags = null;
    this.valid = new Uint8Array(0);
    this.capacity = NO_LIMIT;
  }

  /**
   * The column's arrays for `rows` rows, before kind decisions (what a worker sends back for a byte range). With
   * `views`, the arrays are views of the column's buffers (no copy; for a worker that transfers them and is done),
   * else copies of the used length, unless the buffers are at most 1/8 longer than that.
   */
  part(rows: number, views = false): ColumnPart {
    let dictionary: string[] | null = null;
    if (this.mode === STRING) {
      try {
        dictionary = this.dictionary!.strings(this.reader.decoding);
      } catch (error) {
        if (error instanceof InvalidUtf8Entry) {
          throw this.reader.invalidUtf8(this.dictionary!.firstSeen(error.code), this.name);
        }
        throw error;
      }
    }
    const view = views || this.capacity - rows <= rows / 8;
    const cut = <T extends Uint8Array | Int32Array | Float64Array>(array: T | null): T | null =>
      array === null ? null : ((view ? array.subarray(0, rows) : array.slice(0, rows)) as T);
    const numbers = cut(this.numbers);
    return {
      mode: this.mode,
      nulls: this.nulls,
      valid: cut(this.valid)!,
      numbers,
      flags: cut(this.flags),
      codes: cut(this.codes),
      dictionary,
      inRegion: this.region !== null && (this.numbers !== null || this.codes !== null),
      min: this.mode === NUMERIC ? this.min : Infinity,
      max: this.mode === NUMERIC ? this.max : -Infinity,
      integer:
        this.mode === NUMERIC
          ? this.integer
          : numbers === null || allIntegers(numbers, this.nulls === 0 ? null : this.valid),
    };
  }

  finish(rows: number): Column {
    return finishColumn(this.name, this.forced, rows, this.part(rows));
  }
}

/** A column's arrays from one pass (see {@link CsvColumn.part}); modes are the reader's internal ones. */
export interface ColumnPart {
  mode: number;
  nulls: number;
  valid: Uint8Array;
  numbers: Float64Array | null;
  flags: Uint8Array | null;
  codes: Int32Array | null;
  dictionary: string[] | null;
  /** Whether every present number is an integer (true without numbers). */
  integer: boolean;
  /** The smallest and largest finite number (NUMERIC mode; else Infinity and -Infinity). */
  min: number;
  max: number;
  /** Whether the numbers or codes are where the read's {@link ColumnRegion} put them (views of its buffer). */
  inRegion: boolean;
}

/**
 * Rows [offset, offset + capacity) of a column's buffer in shared memory, given to one range of a parallel read: the
 * range writes its numbers (8 bytes per row, at byte offset × 8) or codes (4 bytes, at offset × 4) there, so that
 * the joined column is made in place (csv-parallel.ts).
 */
export interface ColumnRegion {
  buffer: SharedArrayBuffer;
  offset: number;
  capacity: number;
}

/** Reader modes, for {@link ColumnPart.mode}. */
export const CSV_MODES = { UNKNOWN, BOOLEAN, NUMERIC, DATETIME, STRING, FALLBACK, SKIP } as const;

/** The column of a finished pass: its kind from the mode (and the override), inferred categorical/text for strings. */
export function finishColumn(
  name: string,
  forced: FeatureKind | undefined,
  rows: number,
  part: ColumnPart,
): Column {
  const valid = part.nulls === 0 ? null : part.valid;
  switch (part.mode) {
    case NUMERIC: {
      const values = part.numbers!;
      noteValueRange(values, part.min, part.max);
      return { kind: "numeric", name, length: rows, valid, values, integer: part.integer };
    }
    case DATETIME:
      return { kind: "datetime", name, length: rows, valid, values: part.numbers! };
    case BOOLEAN:
      return { kind: "boolean", name, length: rows, valid, values: part.flags! };
    case STRING: {
      const codes = part.codes!;
      const dictionary = part.dictionary!;
      // part.nulls counts a missing value once or twice (a record read again), so rows - nulls is a lower bound.
      const kind =
        forced === "categorical" || forced === "text"
          ? forced
          : stringKind(codes, dictionary, rows - part.nulls);
      return { kind, name, length: rows, valid, codes, dictionary };
    }
    default: {
      // Every value is missing.
      if (forced === "numeric" || forced === "datetime") {
        const values = new Float64Array(rows).fill(NaN);
        const empty = new Uint8Array(rows);
        return forced === "numeric"
          ? { kind: "numeric", name, length: rows, valid: empty, values, integer: true }
          : { kind: "datetime", name, length: rows, valid: empty, values };
      }
      if (forced === "boolean") {
        return {
          kind: "boolean",
          name,
          length: rows,
          valid: new Uint8Array(rows),
          values: new Uint8Array(rows),
        };
      }
      const kind = forced === "text" ? "text" : "categorical";
      return {
        kind,
        name,
        length: rows,
        valid: new Uint8Array(rows),
        codes: new Int32Array(rows).fill(-1),
        dictionary: [],
      };
    }
  }
}

/** The dataset of finished columns, with forced booleans (read as strings) turned into booleans. */
export function assembleDataset(
  columns: Column[],
  forcedKinds: readonly (FeatureKind | undefined)[],
  source: string,
  rows: number,
  warnings: string[],
): Dataset {
  const forcedBooleans: Record<string, FeatureKind> = {};
  columns.forEach((column, k) => {
    if (forcedKinds[k] === "boolean") forcedBooleans[column.name] = "boolean";
  });
  const dataset = new Dataset(columns, { source, numRows: rows, warnings });
  return Object.keys(forcedBooleans).length === 0 ? dataset : withKinds(dataset, forcedBooleans);
}

function singleByte(value: string, option: string): number {
  if (value.length !== 1 || value.charCodeAt(0) > 0x7f || value === "\n" || value === "\r") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Option \`${option}\` must be one ASCII character other than a line break; got ${JSON.stringify(value)}.`,
      { subject: option },
    );
  }
  return value.charCodeAt(0);
}

/**
 * A CSV reader over chunks of bytes: finds records (RFC 4180: quoted fields, doubled quotes, embedded line breaks,
 * LF/CRLF/CR line ends) and hands each field to its column, which parses it in place. No per-row objects.
 */
export class CsvReader {
  readonly source: string;
  readonly decoding: TextDecoding;
  readonly #delimiter: number;
  readonly #quote: number;
  readonly #header: boolean;
  readonly #options: CsvOptions;
  readonly #nullTokens: Uint8Array[];
  readonly #emptyIsNull: boolean;
  readonly #tokenFirstBytes = new Uint8Array(256);
  /** 1 for the bytes that end an unquoted field: the delimiter, LF, CR. */
  readonly #stops = new Uint8Array(256);
  /** Expected number of rows (from the file size), to size column arrays once. */
  #rowsHint = 0;
  /**
   * Rows the column arrays start with: {@link INITIAL_CAPACITY}, or fewer when the input is too small to hold that
   * many rows of this width (a row of w fields takes at least w bytes), so that a wide, short file does not cost
   * INITIAL_CAPACITY rows per column.
   */
  firstCapacity = INITIAL_CAPACITY;
  /** Total bytes of the input when known, for {@link #rowsHint}. */
  totalBytes = 0;
  /**
   * Numbers, codes and validity in shared memory (a parallel reader's worker, whose parts the caller's threads copy
   * into the joined columns without a transfer).
   */
  shared = false;
  #bytesSeen = 0;
  #maxTokenLength = 0;

  #starts = new Int32Array(64);
  #ends = new Int32Array(64);
  /** Per field: 0 unquoted, 1 quoted, 2 quoted with doubled quotes inside (to unescape). */
  #quoted = new Uint8Array(64);
  #unescaped = new Uint8Array(1024);

  /** Line number (1-based) where the next record starts. */
  #line = 1;
  #rows = 0;
  #width = -1;
  #columns: CsvColumn[] = [];
  #names: string[] = [];
  #warnings: string[] = [];
  #secondPass = false;
  #atStart = true;

  constructor(source: string, options: CsvOptions, defaultDelimiter: string) {
    this.source = source;
    this.#options = options;
    this.decoding = { encoding: options.encoding ?? "utf8", invalidUtf8: options.invalidUtf8 ?? "error" };
    this.#delimiter = singleByte(options.delimiter ?? defaultDelimiter, "delimiter");
    this.#quote = singleByte(options.quote ?? '"', "quote");
    this.#stops[this.#delimiter] = 1;
    this.#stops[LF] = 1;
    this.#stops[CR] = 1;
    this.#header = options.header ?? true;
    const tokens = options.nullValues ?? DEFAULT_NULL_VALUES;
    this.#emptyIsNull = tokens.includes("");
    this.#nullTokens = tokens.filter((t) => t !== "").map((t) => new TextEncoder().encode(t));
    for (const token of this.#nullTokens) {
      this.#tokenFirstBytes[token[0]] = 1;
      this.#maxTokenLength = Math.max(this.#maxTokenLength, token.length);
    }
  }

  /** Text of a field, for messages. */
  decode(bytes: Uint8Array, start: number, end: number): string {
    const view = bytes.subarray(start, end);
    return this.decoding.encoding === "latin1"
      ? new TextDecoder("latin1").decode(view)
      : new TextDecoder("utf-8", { fatal: this.decoding.invalidUtf8 === "error" }).decode(view);
  }

  invalidUtf8(line: number, column: string | undefined): DriftlabError {
    const where = column === undefined ? "the header" : `column "${column}"`;
    return new DriftlabError(
      "INVALID_UTF8",
      `${this.source}: line ${line}, ${where}: bytes that are not valid UTF-8. If the file is Latin-1 or Windows-1252, ` +
        `read it with { encoding: "latin1" }; to read on and replace bad bytes with U+FFFD, pass { invalidUtf8: "replace" }.`,
      { subject: this.source },
    );
  }

  #malformed(line: number, what: string, fix: string): DriftlabError {
    return new DriftlabError("MALFORMED_CSV", `${this.source}: line ${line}: ${what}. ${fix}`, {
      subject: this.source,
    });
  }

  #isNullToken(bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    for (const token of this.#nullTokens) {
      if (token.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (token[k] !== bytes[start + k]) {
          same = false;
          break;
        }
      }
      if (same) return true;
    }
    return false;
  }

  #growFields(): void {
    const capacity = this.#starts.length * 2;
    const starts = new Int32Array(capacity);
    starts.set(this.#starts);
    const ends = new Int32Array(capacity);
    ends.set(this.#ends);
    const quoted = new Uint8Array(capacity);
    quoted.set(this.#quoted);
    this.#starts = starts;
    this.#ends = ends;
    this.#quoted = quoted;
  }

  /**
   * Reads the complete records of bytes[start, end). Returns where the first incomplete record starts (to be read
   * again with the next chunk appended), or `end`. With `final`, the end of the bytes ends the last record.
   */
  scan(bytes: Uint8Array, start: number, end: number, final: boolean): number {
    const delimiter = this.#delimiter;
    const quote = this.#quote;
    let i = start;
    if (this.#atStart) {
      if (end - i < 3 && !final) return i;
      if (bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
      this.#atStart = false;
    }
    const stops = this.#stops;
    let starts = this.#starts;
    let ends = this.#ends;
    let quotedFields = this.#quoted;
    // The last line feed (found once the width is known): records that end at or before it can be read by the hot
    // path without bounds checks.
    let limit = -2;
    while (i < end) {
      if (this.#width > 0) {
        if (limit === -2) limit = bytes.lastIndexOf(LF, end - 1);
        if (i <= limit) {
          // A first call of a few rows returns before the hot path is optimized, so that its way out has type
          // feedback too (else the optimized code is thrown away at its first return and compiled again).
          const stop = this.#rows < 16 ? 16 : this.#rows < 4096 ? 4096 : NO_LIMIT;
          const next = this.#plainRows(bytes, i, limit, stop);
          if (this.#rows === 4096) this.#hintRows(next - start);
          if (next !== i) {
            i = next;
            continue;
          }
        }
      }
      const recordStart = i;
      let innerLines = 0;
      let count = 0;
      for (;;) {
        if (count === starts.length) {
          this.#growFields();
          starts = this.#starts;
          ends = this.#ends;
          quotedFields = this.#quoted;
        }
        let fieldStart: number;
        let fieldEnd: number;
        let quoted = 0;
        if (i >= end) {
          if (!final) return recordStart;
          fieldStart = fieldEnd = i;
        } else if (bytes[i] === quote) {
          i++;
          fieldStart = i;
          quoted = 1;
          for (;;) {
            if (i >= end) {
              if (!final) return recordStart;
              throw this.#malformed(
                this.#line,
                "a quoted field is never closed (the file ends inside it)",
                `Close the quote, or write quotes inside a quoted field as two quotes ("").`,
              );
            }
            const c = bytes[i];
            if (c === quote) {
              if (i + 1 < end) {
                if (bytes[i + 1] === quote) {
                  quoted = 2;
                  i += 2;
                  continue;
                }
                break;
              }
              if (!final) return recordStart;
              break;
            }
            if (c === LF) innerLines++;
            i++;
          }
          fieldEnd = i;
          i++;
          if (i < end) {
            const c = bytes[i];
            if (c !== delimiter && c !== LF && c !== CR) {
              throw this.#malformed(
                this.#line + innerLines,
                `unexpected ${JSON.stringify(String.fromCharCode(c))} after the closing quote of a field`,
                `Inside a quoted field, write a quote as two quotes (""); or check the \`quote\` option.`,
              );
            }
          }
        } else {
          fieldStart = i;
          while (i < end && stops[bytes[i]] === 0) i++;
          fieldEnd = i;
        }
        starts[count] = fieldStart;
        ends[count] = fieldEnd;
        quotedFields[count] = quoted;
        count++;
        if (i >= end) {
          if (!final) return recordStart;
          break;
        }
        const c = bytes[i];
        if (c === delimiter) {
          i++;
          continue;
        }
        i++;
        if (c === CR) {
          if (i < end) {
            if (bytes[i] === LF) i++;
          } else if (!final) {
            return recordStart;
          }
        }
        break;
      }
      const line = this.#line;
      this.#line += 1 + innerLines;
      if (this.#rows === 4096) this.#hintRows(i - start);
      const blank = count === 1 && starts[0] === ends[0] && quotedFields[0] === 0;
      if (blank) continue;
      this.#record(bytes, count, line);
      if (this.#oneRecord) return i;
    }
    this.#bytesSeen += end - start;
    return end;
  }

  /** Sizes the column arrays from the bytes the first 4096 rows took. */
  #hintRows(scanned: number): void {
    if (this.#rowsHint !== 0 || this.totalBytes <= 0) return;
    this.#rowsHint = Math.ceil(
      (1.05 * this.totalBytes * this.#rows) / Math.max(1, this.#bytesSeen + scanned),
    );
    for (const column of this.#columns) column.rowsHint = this.#rowsHint;
  }

  /** The smallest capacity of the columns still being filled (rows below it need no {@link CsvColumn.ensure}). */
  #filledCapacity(): number {
    let capacity = NO_LIMIT;
    for (const column of this.#columns) {
      if (column.mode < FALLBACK && column.capacity < capacity) capacity = column.capacity;
    }
    return capacity;
  }

  /**
   * The hot path: consecutive records of unquoted fields, the expected number of them, each ending in a line break
   * at or before `limit` (the last line feed of the bytes, so no byte is read past it and no loop needs a bounds
   * check). Numbers of up to 15 digits without an exponent are parsed while they are scanned (one exact division,
   * see below), other numbers by {@link scanDecimal}; a categorical field is hashed while its end is looked for.
   * Stops before row `stopRow` and before the first record it cannot read (a quote, a blank line, a wrong field
   * count, a number in another form): the general path reads that record again from its start, which rewrites the
   * values already written to its row with the same ones. Returns where it stopped.
   */
  #plainRows(bytes: Uint8Array, i: number, limit: number, stopRow: number): number {
    const columns = this.#columns;
    const width = this.#width;
    const delimiter = this.#delimiter;
    const quote = this.#quote;
    const stops = this.#stops;
    const last = width - 1;
    let row = this.#rows;
    let line = this.#line;
    let capacity = this.#filledCapacity();
    records: while (i <= limit && row < stopRow) {
      const recordStart = i;
      const first = bytes[i];
      if (first === LF || first === CR) break;
      if (row >= capacity) {
        for (const column of columns) if (column.mode < FALLBACK) column.ensure(row);
        capacity = this.#filledCapacity();
      }
      for (let k = 0; k < width; k++) {
        const column = columns[k];
        const fieldStart = i;
        let c = bytes[i];
        if (c === quote) {
          i = recordStart;
          break records;
        }
        const mode = column.mode;
        if (mode === NUMERIC) {
          // Sign, digits, optional fraction; with at most 15 digits in all (leading zeros too) the digits are an
          // exact integer below 2^53 and their value is that integer divided by an exact power of ten: one
          // correctly rounded division, equal to Number(text) (Clinger's fast path).
          let negative = false;
          if (c === MINUS) {
            negative = true;
            c = bytes[++i];
          } else if (c === PLUS) c = bytes[++i];
          const digitsStart = i;
          let mantissa = 0;
          let digit = c - ZERO;
          while (digit >>> 0 <= 9) {
            mantissa = mantissa * 10 + digit;
            c = bytes[++i];
            digit = c - ZERO;
          }
          let digits = i - digitsStart;
          let fraction = 0;
          if (c === DOT) {
            const fractionStart = ++i;
            c = bytes[i];
            digit = c - ZERO;
            while (digit >>> 0 <= 9) {
              mantissa = mantissa * 10 + digit;
              c = bytes[++i];
              digit = c - ZERO;
            }
            fraction = i - fractionStart;
            digits += fraction;
          }
          if (digits > 0 && digits <= 15 && stops[c] === 1) {
            const value = mantissa / EXACT_POWERS_OF_TEN[fraction];
            const signed = negative ? -value : value;
            column.numbers![row] = signed;
            if (fraction !== 0 && column.integer && Math.floor(value) !== value) column.integer = false;
            if (signed < column.min) column.min = signed;
            if (signed > column.max) column.max = signed;
            if (column.nulls !== 0) column.valid[row] = 1;
          } else {
            const stop = scanDecimal(bytes, fieldStart, limit + 1, stops);
            if (stop >= 0) {
              const value = scannedDecimal[0];
              column.numbers![row] = value;
              if (!Number.isInteger(value)) column.integer = false;
              // Infinity (1e999) is not finite: the range is of finite values.
              if (value < column.min && value !== -Infinity) column.min = value;
              if (value > column.max && value !== Infinity) column.max = value;
              if (column.nulls !== 0) column.valid[row] = 1;
              i = stop;
            } else {
              i = fieldStart;
              while (stops[bytes[i]] === 0) i++;
              this.#addField(column, bytes, fieldStart, i, row, line);
            }
          }
        } else if (mode === STRING) {
          let hash = FNV_OFFSET;
          while (stops[c] === 0) {
            hash = Math.imul(hash ^ c, FNV_PRIME);
            c = bytes[++i];
          }
          const missing = this.#isMissing(bytes, fieldStart, i);
          if (missing) column.addMissing(row);
          else {
            column.codes![row] = column.dictionary!.codeOfHash(bytes, fieldStart, i, hash, line);
            if (column.nulls !== 0) column.valid[row] = 1;
          }
        } else {
          while (stops[bytes[i]] === 0) i++;
          if (mode < FALLBACK) this.#addField(column, bytes, fieldStart, i, row, line);
        }
        c = bytes[i];
        if (k < last) {
          if (c !== delimiter) {
            i = recordStart;
            break records;
          }
          i++;
        } else if (c === LF) {
          i++;
        } else if (c === CR) {
          i++;
          if (bytes[i] === LF) i++;
        } else {
          i = recordStart;
          break records;
        }
      }
      row++;
      line++;
    }
    this.#rows = row;
    this.#line = line;
    return i;
  }

  /** Whether bytes[start, end) is a missing value: empty (when "" is a null token) or one of the null tokens. */
  #isMissing(bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    return length === 0
      ? this.#emptyIsNull
      : length <= this.#maxTokenLength &&
          this.#tokenFirstBytes[bytes[start]] === 1 &&
          this.#isNullToken(bytes, start, end);
  }

  /** Hands an unquoted field to its column: missing when it is a null token, else parsed by the column. */
  #addField(
    column: CsvColumn,
    bytes: Uint8Array,
    start: number,
    end: number,
    row: number,
    line: number,
  ): void {
    if (this.#isMissing(bytes, start, end)) column.addMissing(row);
    else column.add(bytes, start, end, row, line);
  }

  #record(bytes: Uint8Array, count: number, line: number): void {
    if (this.#width < 0) {
      this.#begin(bytes, count, line);
      if (this.#header) return;
    }
    if (count !== this.#width) {
      const text = this.decodeLoose(bytes, this.#starts[0], this.#ends[count - 1]);
      throw this.#malformed(
        line,
        `${count} field${count === 1 ? "" : "s"} where the ${this.#header ? "header has" : "first line has"} ${this.#width} ` +
          `(${JSON.stringify(text.length > 80 ? text.slice(0, 80) + "…" : text)})`,
        `Check the delimiter (option \`delimiter\`, now ${JSON.stringify(String.fromCharCode(this.#delimiter))}), ` +
          `quote fields that contain it, or fix the line.`,
      );
    }
    const row = this.#rows;
    const columns = this.#columns;
    const starts = this.#starts;
    const ends = this.#ends;
    const quoted = this.#quoted;
    for (let k = 0; k < count; k++) {
      const column = columns[k];
      if (column.mode >= FALLBACK) continue;
      let start = starts[k];
      let end = ends[k];
      let source = bytes;
      if (quoted[k] === 2) {
        source = this.#unescape(bytes, start, end);
        end = this.#unescapedLength;
        start = 0;
      }
      const missing = this.#isMissing(source, start, end);
      if (missing) column.addMissing(row);
      else column.add(source, start, end, row, line);
    }
    this.#rows = row + 1;
  }

  decodeLoose(bytes: Uint8Array, start: number, end: number): string {
    return new TextDecoder(this.decoding.encoding === "latin1" ? "latin1" : "utf-8").decode(
      bytes.subarray(start, end),
    );
  }

  #unescapedLength = 0;

  #unescape(bytes: Uint8Array, start: number, end: number): Uint8Array {
    if (this.#unescaped.length < end - start) this.#unescaped = new Uint8Array(2 * (end - start));
    const out = this.#unescaped;
    const quote = this.#quote;
    let n = 0;
    for (let k = start; k < end; k++) {
      out[n++] = bytes[k];
      if (bytes[k] === quote) k++;
    }
    this.#unescapedLength = n;
    return out;
  }

  #begin(bytes: Uint8Array, count: number, line: number): void {
    this.#width = count;
    if (this.totalBytes > 0) {
      this.firstCapacity = Math.min(INITIAL_CAPACITY, Math.max(16, Math.ceil(this.totalBytes / count) + 1));
    }
    if (this.#secondPass) return;
    const names: string[] = [];
    if (this.#header) {
      for (let k = 0; k < count; k++) {
        let start = this.#starts[k];
        let end = this.#ends[k];
        let source = bytes;
        if (this.#quoted[k] === 2) {
          source = this.#unescape(bytes, start, end);
          start = 0;
          end = this.#unescapedLength;
        }
        let name: string;
        try {
          name = this.decode(source, start, end);
        } catch {
          throw this.invalidUtf8(line, undefined);
        }
        if (name === "") {
          this.#warnings.push(
            `${this.source}: column ${k + 1} has no name in the header; it was named "column_${k + 1}".`,
          );
        }
        names.push(name === "" ? `column_${k + 1}` : name);
      }
    } else {
      for (let k = 0; k < count; k++) names.push(`column_${k + 1}`);
    }
    this.#names = renameDuplicates(names, this.source, this.#warnings);
    const selected = this.#options.columns;
    const kinds = this.#options.kinds ?? {};
    for (const name of [...(selected ?? []), ...Object.keys(kinds)]) {
      if (!this.#names.includes(name)) {
        throw new DriftlabError(
          "MISSING_COLUMN",
          `${this.source}: no column "${name}" (named in the \`${selected?.includes(name) ? "columns" : "kinds"}\` option). ` +
            `Columns are: ${this.#names.map((n) => `"${n}"`).join(", ")}.`,
          { subject: name },
        );
      }
    }
    this.#columns = this.#names.map(
      (name) =>
        new CsvColumn(name, kinds[name], this, selected !== undefined && !selected.includes(name), false),
    );
  }

  /** Columns that met values of mixed types and must be read again as strings. */
  get fallbackColumns(): number {
    return this.#columns.filter((c) => c.mode === FALLBACK).length;
  }

  /** Prepares a second pass over the same bytes that reads the fallback columns as strings. */
  beginSecondPass(): void {
    this.#firstPass = this.#columns;
    this.#columns = this.#firstPass.map(
      (column) =>
        new CsvColumn(column.name, column.forced, this, column.mode !== FALLBACK, column.mode === FALLBACK),
    );
    for (const column of this.#columns) column.rowsHint = this.#rows;
    this.#secondPass = true;
    this.#line = 1;
    this.#rows = 0;
    this.#width = -1;
    this.#atStart = true;
  }

  #firstPass: CsvColumn[] | undefined;

  finish(): Dataset {
    if (this.#width < 0) {
      throw new DriftlabError(
        "EMPTY_TABLE",
        `${this.source}: the file is empty (no header, no rows). Check the path, or that the file was fully written.`,
        { subject: this.source },
      );
    }
    const rows = this.#rows;
    const columns: Column[] = [];
    const forced: (FeatureKind | undefined)[] = [];
    const firstPass = this.#firstPass ?? this.#columns;
    for (let k = 0; k < firstPass.length; k++) {
      const column = firstPass[k].mode === FALLBACK ? this.#columns[k] : firstPass[k];
      if (column.mode === SKIP) continue;
      columns.push(column.finish(rows));
      forced.push(column.forced);
    }
    return assembleDataset(columns, forced, this.source, rows, this.#warnings);
  }

  // --- For the parallel reader (csv-parallel.ts): a header read apart, byte ranges read with given names. ---

  #oneRecord = false;

  /**
   * Reads only the first record of bytes[0, end) as the header (or, with `header: false`, to learn the width).
   * Returns the offset just after it, or -1 when the bytes end inside it.
   */
  scanHeader(bytes: Uint8Array, end: number, final: boolean): number {
    this.#oneRecord = true;
    try {
      const next = this.scan(bytes, 0, end, final);
      return this.#width < 0 ? -1 : next;
    } finally {
      this.#oneRecord = false;
    }
  }

  /** Column names after duplicate renaming (after the header was read). */
  get names(): readonly string[] {
    return this.#names;
  }

  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** Kind overrides and selection per column, in file order (after the header was read). */
  get columnSettings(): { name: string; forced: FeatureKind | undefined; skip: boolean }[] {
    return this.#columns.map((c) => ({ name: c.name, forced: c.forced, skip: c.mode === SKIP }));
  }

  /**
   * Starts reading a byte range of the body: the header was read elsewhere and gave these names (after renaming).
   * With `strings`, only those columns are read, as strings (the second pass of columns of mixed types).
   */
  presetHeader(
    names: readonly string[],
    strings?: ReadonlySet<string>,
    regions?: readonly (ColumnRegion | null)[],
  ): void {
    const selected = this.#options.columns;
    const kinds = this.#options.kinds ?? {};
    this.#names = [...names];
    this.#width = names.length;
    this.#atStart = false;
    this.#columns = this.#names.map((name, k) =>
      strings === undefined
        ? new CsvColumn(
            name,
            kinds[name],
            this,
            selected !== undefined && !selected.includes(name),
            false,
            regions?.[k] ?? null,
          )
        : new CsvColumn(name, kinds[name], this, !strings.has(name), strings.has(name)),
    );
  }

  /** Rows read so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Every column's arrays (SKIP columns included, as empty parts); `views`: see {@link CsvColumn.part}. */
  parts(views = false): ColumnPart[] {
    return this.#columns.map((c) => c.part(this.#rows, views));
  }
}

const DEFAULT_CHUNK_SIZE = 32 << 20;

/** Reads CSV from bytes in memory. */
export function readCsvBytes(
  bytes: Uint8Array,
  source: string,
  options: CsvOptions,
  delimiter: string,
): Dataset {
  const reader = new CsvReader(source, options, delimiter);
  reader.totalBytes = bytes.length;
  reader.scan(bytes, 0, bytes.length, true);
  if (reader.fallbackColumns > 0) {
    reader.beginSecondPass();
    reader.scan(bytes, 0, bytes.length, true);
  }
  return reader.finish();
}

function scanFile(handle: FileHandle, reader: CsvReader, chunkSize: number): Promise<void> {
  return scanChunks(handle, chunkSize, (buffer, end, final) => reader.scan(buffer, 0, end, final));
}

/** Reads a CSV file of any size, `chunkSize` bytes at a time. */
export async function readCsvFile(
  handle: FileHandle,
  source: string,
  options: CsvOptions,
  delimiter: string,
): Promise<Dataset> {
  const chunkSize = Math.max(16, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const reader = new CsvReader(source, options, delimiter);
  reader.totalBytes = (await handle.stat()).size;
  await scanFile(handle, reader, chunkSize);
  if (reader.fallbackColumns > 0) {
    reader.beginSecondPass();
    await scanFile(handle, reader, chunkSize);
  }
  return reader.finish();
}
