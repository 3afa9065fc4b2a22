/**
 * CSV/TSV over worker threads: the file is cut into byte ranges at record boundaries and each range is parsed by a
 * worker into column arrays, which are joined in file order. A range writes its numbers and codes straight into the
 * joined column's buffer (shared memory sized for the whole file, at a place sized from the first lines' length);
 * the join then only moves each range's rows down to where they belong, on the workers (a range that outgrew its
 * place is copied instead). The cuts are quote-aware: a first guess takes every cut as outside quotes and checks it
 * by the parity of the quote bytes before each range; when it fails, workers count the quote bytes of their piece
 * first, so that a range starts after the first line feed outside quotes. The result is the same dataset as the one-thread reader gives (the same inference
 * rules: a column whose ranges disagree on the type is read again as strings, as a mismatch is on one thread).
 * Any error in a worker (a malformed line, invalid UTF-8, a value against a kind override) makes the read start
 * again on one thread, which reports it with its line number.
 */
import type { FileHandle } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { Column, FeatureKind } from "./column.js";
import {
  assembleDataset,
  CSV_MODES,
  CsvReader,
  finishColumn,
  readCsvFile,
  type ColumnPart,
  type ColumnRegion,
  type CsvOptions,
} from "./csv.js";
import { recordStartAfter } from "./chunks.js";
import type { CsvRangeAnswer, CsvTaskInput, CsvWorkerData, JoinCopy, RegionMove } from "./csv-tasks.js";
import { compiledWorker, WorkerPool } from "./worker-pool.js";
import type { Dataset } from "./column.js";

/** Files smaller than this are read on the calling thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 8 << 20;
/** At most this many bytes per range, so that no worker holds more than its share of a very large file. */
const MAX_RANGE_BYTES = 1 << 30;
const HEADER_PROBE = 1 << 16;
/**
 * Bytes a worker reads at a time unless `chunkSize` says otherwise: small enough that a chunk is parsed while it is
 * still in the core's cache (two threads share the memory bandwidth; 32 MiB chunks were measurably slower).
 */
const WORKER_CHUNK_BYTES = 1 << 20;
const LF = 0x0a;

/** The compiled worker: next to this module, or (when running from the TypeScript sources) in dist/. */
function workerUrl(): URL | undefined {
  return compiledWorker(import.meta.url, "./csv-worker.js", "data/csv-worker.js");
}

/** Worker threads to use: the option, or the machine's available parallelism. */
export function csvWorkerCount(options: CsvOptions): number {
  const asked = options.workers;
  if (asked === undefined) return availableParallelism();
  return Math.max(1, Math.floor(asked));
}

/** Reads the header record (or, without a header, only learns the width); returns where the body starts. */
async function readHeader(
  handle: FileHandle,
  size: number,
  reader: CsvReader,
): Promise<{ bodyStart: number; lineFeed: boolean; bytesPerLine: number } | undefined> {
  let length = Math.min(size, HEADER_PROBE);
  for (;;) {
    const buffer = new Uint8Array(length);
    await handle.read(buffer, 0, length, 0);
    const end = reader.scanHeader(buffer, length, length >= size);
    if (end >= 0) {
      // Bytes per line of the body seen so far (NaN without a line feed): to size the ranges' regions.
      let lines = 0;
      for (let i = end; i < length; i++) if (buffer[i] === LF) lines++;
      const bytesPerLine = lines === 0 ? NaN : (length - end) / lines;
      return { bodyStart: end, lineFeed: end > 0 && buffer[end - 1] === LF, bytesPerLine };
    }
    if (length >= size) return undefined;
    length = Math.min(size, length * 4);
  }
}

/** What runs the reader's tasks: its own pool, or a lent one (which gets each task with the read's context). */
interface CsvRunner {
  run<T>(task: CsvTaskInput): Promise<T>;
}

/** Whether the ranges of a first guess tile the body and each starts after an even number of quote bytes. */
function guessHeld(results: readonly CsvRangeAnswer[], bodyStart: number, size: number): boolean {
  let parity = 0;
  let expected = bodyStart;
  for (const r of results) {
    if (r.start !== expected || parity !== 0) return false;
    parity = (parity + r.quotes) & 1;
    expected = r.end;
  }
  return expected === size;
}

/** Record-aligned ranges from the quote bytes counted in each piece (the parity before each cut). */
async function quoteAwareRanges(
  pool: CsvRunner,
  handle: FileHandle,
  cuts: readonly number[],
  bodyStart: number,
  size: number,
  quote: number,
): Promise<(readonly [number, number])[]> {
  const pieces = cuts.length - 1;
  const quotes = await Promise.all(
    cuts
      .slice(0, -1)
      .map((cut, k) => pool.run<{ quotes: number }>({ type: "count", start: cut, end: cuts[k + 1] })),
  );
  const starts = [bodyStart];
  let parity = 0;
  for (let k = 1; k < pieces; k++) {
    parity = (parity + quotes[k - 1].quotes) & 1;
    starts.push(await recordStartAfter(handle, cuts[k], parity === 1, size, quote));
  }
  starts.push(size);
  return starts.slice(0, -1).map((s, k) => [s, Math.max(s, starts[k + 1])] as const);
}

/**
 * Joins the parts of one column from consecutive ranges. The arrays are not copied here: the copies (numbers,
 * validity, codes mapped into the joined dictionary) are handed to `copy` at once, for the pool's threads to make
 * (see {@link joinCopy}), and the column is complete when they are made. The first range's numbers are the joined
 * column's when its buffer has room for every row (it was sized for the whole file): then only the other ranges
 * are copied. Validity is left out when no value is missing.
 */
function joinParts(
  parts: readonly ColumnPart[],
  counts: readonly number[],
  rows: number,
  copy: (copy: JoinCopy) => void,
): ColumnPart {
  const modes = new Set(parts.map((p) => p.mode).filter((m) => m !== CSV_MODES.UNKNOWN));
  const mode = modes.size === 0 ? CSV_MODES.UNKNOWN : [...modes][0];
  const nulls = parts.reduce((total, part) => total + part.nulls, 0);
  const known = (part: ColumnPart) => part.mode !== CSV_MODES.UNKNOWN;
  const lengths = [...counts];
  const valid = joinedValidity(parts, counts, rows, nulls, copy);
  let numbers: Float64Array | null = null;
  let flags: Uint8Array | null = null;
  let codes: Int32Array | null = null;
  let dictionary: string[] | null = null;
  if (mode === CSV_MODES.NUMERIC || mode === CSV_MODES.DATETIME) {
    numbers = sharedArray(Float64Array, rows);
    copy({
      into: numbers,
      parts: parts.map((part) => (known(part) ? part.numbers : null)),
      lengths,
      fills: parts.map(() => NaN),
    });
  } else if (mode === CSV_MODES.BOOLEAN) {
    flags = new Uint8Array(rows);
    let offset = 0;
    parts.forEach((part, r) => {
      if (known(part)) flags!.set(part.flags!.subarray(0, counts[r]), offset);
      offset += counts[r];
    });
  } else if (mode === CSV_MODES.STRING) {
    // The joined dictionary in order of first appearance (range by range), and each range's codes mapped into it.
    codes = new Int32Array(new SharedArrayBuffer(rows * 4));
    dictionary = [];
    const remaps = joinedDictionary(parts, dictionary);
    copy({
      into: codes,
      parts: parts.map((part) => (known(part) ? part.codes : null)),
      lengths,
      fills: parts.map(() => -1),
      remaps,
    });
  }
  const integer = parts.every((p) => p.integer);
  const min = Math.min(...parts.map((p) => p.min));
  const max = Math.max(...parts.map((p) => p.max));
  return { mode, nulls, valid, numbers, flags, codes, dictionary, integer, min, max, inRegion: false };
}

/**
 * The joined column's validity, copied by `copy`: a range's own where it has missing values, all 0 where it has
 * nothing but, all 1 without any. Empty without missing values (then it is never read, finishColumn).
 */
function joinedValidity(
  parts: readonly ColumnPart[],
  counts: readonly number[],
  rows: number,
  nulls: number,
  copy: (copy: JoinCopy) => void,
): Uint8Array {
  if (nulls === 0) return new Uint8Array(0);
  const valid = sharedArray(Uint8Array, rows);
  const known = (part: ColumnPart) => part.mode !== CSV_MODES.UNKNOWN;
  copy({
    into: valid,
    parts: parts.map((part) => (known(part) && part.nulls > 0 ? part.valid : null)),
    lengths: [...counts],
    fills: parts.map((part) => (known(part) ? 1 : 0)),
  });
  return valid;
}

/**
 * The joined dictionary (into `dictionary`, in order of first appearance, range by range) and each range's map of
 * its codes into it: null where that map changes nothing (the first range's, always).
 */
function joinedDictionary(parts: readonly ColumnPart[], dictionary: string[]): (Int32Array | null)[] {
  const global = new Map<string, number>();
  return parts.map((part) => {
    const local = part.mode === CSV_MODES.UNKNOWN ? [] : part.dictionary!;
    const remap = new Int32Array(local.length);
    let same = true;
    for (let c = 0; c < local.length; c++) {
      let code = global.get(local[c]);
      if (code === undefined) {
        code = dictionary.length;
        global.set(local[c], code);
        dictionary.push(local[c]);
      }
      remap[c] = code;
      if (code !== c) same = false;
    }
    return same ? null : remap;
  });
}

/**
 * The regions of a parallel read: per column, a buffer in shared memory for the whole file (address space only; the
 * pages are touched as rows are written), in which range k writes its rows from `offsets[k]` on, up to
 * `capacities[k]` of them (its share of the file at the first lines' bytes per line, and some). The joined column is
 * then made in place ({@link joinInPlace}); a range that outgrows its region reads into arrays of its own.
 */
interface Regions {
  buffers: (SharedArrayBuffer | null)[];
  offsets: number[];
  capacities: number[];
  total: number;
}

function planRegions(
  settings: readonly { skip: boolean }[],
  ranges: readonly (readonly [number, number])[],
  bytesPerLine: number,
): Regions | undefined {
  if (!(bytesPerLine > 0)) return undefined;
  const capacities = ranges.map(([from, to]) => Math.ceil(((to - from) / bytesPerLine) * 1.1) + 1024);
  const offsets: number[] = [];
  let total = 0;
  for (const capacity of capacities) {
    offsets.push(total);
    total += capacity;
  }
  const buffers = settings.map((s) => (s.skip ? null : new SharedArrayBuffer(total * 8)));
  return { buffers, offsets, capacities, total };
}

/** The regions of range `k`, per column (what its parse task gets). */
function regionsOf(regions: Regions, k: number): (ColumnRegion | null)[] {
  return regions.buffers.map((buffer) =>
    buffer === null ? null : { buffer, offset: regions.offsets[k], capacity: regions.capacities[k] },
  );
}

/**
 * The column `k` joined where its ranges wrote it (their regions of `regions.buffers[k]`): each range's rows moved
 * down to where they belong, codes mapped on the way, by `move` (one of the pool's threads); undefined when some
 * range did not write there (it outgrew its region, or the column has another kind of values), then the column is
 * joined by copies ({@link joinParts}).
 */
function joinInPlace(
  parts: readonly ColumnPart[],
  counts: readonly number[],
  rows: number,
  regions: Regions,
  k: number,
  copy: (copy: JoinCopy) => void,
  move: (move: RegionMove) => void,
): ColumnPart | undefined {
  const buffer = regions.buffers[k];
  const known = parts.filter((p) => p.mode !== CSV_MODES.UNKNOWN);
  const mode = known[0]?.mode;
  if (buffer === null || mode === undefined || known.some((p) => p.mode !== mode || !p.inRegion))
    return undefined;
  if (mode !== CSV_MODES.NUMERIC && mode !== CSV_MODES.DATETIME && mode !== CSV_MODES.STRING)
    return undefined;
  let to = 0;
  for (let r = 0; r < parts.length; r++) {
    if (to > regions.offsets[r]) return undefined; // an all-missing range longer than its region
    to += counts[r];
  }
  if (rows > regions.total) return undefined;
  const strings = mode === CSV_MODES.STRING;
  const dictionary: string[] = [];
  const remaps = strings ? joinedDictionary(parts, dictionary) : parts.map(() => null);
  const blocks: RegionMove["blocks"] = [];
  to = 0;
  parts.forEach((part, r) => {
    const unknown = part.mode === CSV_MODES.UNKNOWN;
    const from = regions.offsets[r];
    const remap = unknown ? null : remaps[r];
    if (unknown || from !== to || remap !== null) {
      blocks.push({ from, to, length: counts[r], remap, fill: unknown ? (strings ? -1 : NaN) : null });
    }
    to += counts[r];
  });
  const view = strings
    ? new Int32Array(buffer, 0, regions.total)
    : new Float64Array(buffer, 0, regions.total);
  if (blocks.length > 0) move({ view, blocks });
  // The numbers or codes are in place once the move is made.
  const nulls = parts.reduce((total, part) => total + part.nulls, 0);
  const valid = joinedValidity(parts, counts, rows, nulls, copy);
  return {
    mode,
    nulls,
    valid,
    numbers: strings ? null : new Float64Array(buffer, 0, rows),
    flags: null,
    codes: strings ? new Int32Array(buffer, 0, rows) : null,
    dictionary: strings ? dictionary : null,
    integer: parts.every((p) => p.integer),
    min: Math.min(...parts.map((p) => p.min)),
    max: Math.max(...parts.map((p) => p.max)),
    inRegion: true,
  };
}

/**
 * A zeroed array in shared memory: joined numeric columns live there, so that the profile's column kernels can run
 * on worker threads without copying them (src/stats/parallel.ts).
 */
function sharedArray<T extends Uint8Array | Float64Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/**
 * Reads a CSV/TSV file with `workers` threads (see the module comment). Falls back to the one-thread reader for
 * small files, files without line feeds (old Mac line ends), when the compiled worker is missing, and on any error.
 */
export async function readCsvFileParallel(
  handle: FileHandle,
  path: string,
  source: string,
  options: CsvOptions,
  delimiter: string,
  minBytes = PARALLEL_MIN_BYTES,
  trace: (event: string) => void = () => {},
): Promise<Dataset> {
  const size = (await handle.stat()).size;
  const lent = options.pool;
  const workers = lent?.size ?? csvWorkerCount(options);
  const url = lent === undefined ? workerUrl() : undefined;
  if (workers <= 1 || size < minBytes || (lent === undefined && url === undefined)) {
    trace(url === undefined ? "one thread: no compiled worker (npm run build)" : "one thread");
    return readCsvFile(handle, source, options, delimiter);
  }
  const header = new CsvReader(source, options, delimiter);
  const start = await readHeader(handle, size, header);
  if (start === undefined || !start.lineFeed) {
    trace("one thread: no line feed after the header");
    return readCsvFile(handle, source, options, delimiter);
  }
  const quote = (options.quote ?? '"').charCodeAt(0);
  const chunkSize = Math.max(1 << 16, options.chunkSize ?? WORKER_CHUNK_BYTES);
  const names = [...header.names];
  const settings = header.columnSettings;
  const { workers: _workers, pool: _pool, ...plainOptions } = options;
  const context: CsvWorkerData = { path, source, options: plainOptions, delimiter, names, quote, chunkSize };
  // A lent pool gets the read's context with every task; the reader's own workers have it as their data.
  const pool: CsvRunner =
    lent === undefined
      ? new WorkerPool<CsvTaskInput>(url!, workers, context)
      : { run: <T>(task: CsvTaskInput) => lent.run<T>({ ...task, context }) };
  try {
    const body = size - start.bodyStart;
    const pieces = Math.max(workers, Math.ceil(body / MAX_RANGE_BYTES));
    const cuts = Array.from({ length: pieces + 1 }, (_, k) =>
      k === pieces ? size : start.bodyStart + Math.floor((body * k) / pieces),
    );
    // First guess: every cut is outside quotes (true for any file without quoted line breaks). Each worker starts
    // after the first line feed past its cut and counts the quote bytes of its range; the guess held if and only if
    // the quotes before every range start are even in number (module comment). Else: count first, then cut.
    let ranges = cuts.slice(0, -1).map((cut, k) => [k === 0 ? start.bodyStart : cut, cuts[k + 1]] as const);
    // Each range writes its numbers and codes where the joined column will be (planRegions).
    let regions = planRegions(settings, ranges, start.bytesPerLine);
    // A wrong guess may also make a range fail to parse (a quoted line break read as a record end).
    const guessed = await Promise.all(
      ranges.map(([from, to], k) =>
        pool.run<CsvRangeAnswer>({
          type: "parse",
          start: from,
          end: to,
          findStart: k > 0,
          findEnd: k < pieces - 1,
          size,
          regions: regions === undefined ? undefined : regionsOf(regions, k),
        }),
      ),
    ).catch(() => undefined);
    let results: CsvRangeAnswer[];
    if (guessed !== undefined && guessHeld(guessed, start.bodyStart, size)) results = guessed;
    else {
      regions = undefined;
      trace("cuts inside quotes: counting quotes first");
      ranges = await quoteAwareRanges(pool, handle, cuts, start.bodyStart, size, quote);
      results = await Promise.all(
        ranges.map(([from, to]) => pool.run<CsvRangeAnswer>({ type: "parse", start: from, end: to })),
      );
    }
    ranges = results.map((r) => [r.start, r.end] as const);
    const counts = results.map((r) => r.rows);
    const rows = counts.reduce((a, b) => a + b, 0);
    // Columns whose ranges disagree on the type (or met a mismatch) are read again as strings.
    const mixed = settings
      .filter((setting, k) => {
        if (setting.skip) return false;
        const modes = new Set(results.map((r) => r.parts[k].mode).filter((m) => m !== CSV_MODES.UNKNOWN));
        return modes.has(CSV_MODES.FALLBACK) || modes.size > 1;
      })
      .map((setting) => setting.name);
    let second: CsvRangeAnswer[] | undefined;
    if (mixed.length > 0) {
      second = await Promise.all(
        ranges.map(([from, to]) =>
          pool.run<CsvRangeAnswer>({ type: "parse", start: from, end: to, strings: mixed }),
        ),
      );
    }
    const copies: Promise<unknown>[] = [];
    const copy = (c: JoinCopy) => copies.push(pool.run({ type: "join", copies: [c] }));
    const move = (m: RegionMove) => copies.push(pool.run({ type: "move", moves: [m] }));
    const parts: ColumnPart[] = [];
    const forced: (FeatureKind | undefined)[] = [];
    const joined: string[] = [];
    settings.forEach((setting, k) => {
      if (setting.skip) return;
      const again = mixed.includes(setting.name);
      const ranged = (again ? second! : results).map((r) => r.parts[k]);
      const inPlace =
        regions === undefined || again
          ? undefined
          : joinInPlace(ranged, counts, rows, regions, k, copy, move);
      parts.push(inPlace ?? joinParts(ranged, counts, rows, copy));
      joined.push(setting.name);
      forced.push(setting.forced);
    });
    await Promise.all(copies);
    const columns: Column[] = parts.map((part, k) => finishColumn(joined[k], forced[k], rows, part));
    trace(`${workers} workers, ${ranges.length} ranges, ${mixed.length} columns read again as strings`);
    return assembleDataset(columns, forced, source, rows, [...header.warnings]);
  } catch (error) {
    trace(`one thread after a worker error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (pool instanceof WorkerPool) await pool.close();
  }
  return readCsvFile(handle, source, options, delimiter);
}
