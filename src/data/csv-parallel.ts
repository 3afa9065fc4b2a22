/**
 * CSV/TSV over worker threads: the file is cut into byte ranges at record boundaries and each range is parsed by a
 * worker into column arrays, which are joined in file order. The cuts are quote-aware: workers first count the
 * quote bytes of their piece, so the parity of quotes before each cut is known, and a range starts after the first
 * line feed outside quotes. The result is the same dataset as the one-thread reader gives (the same inference
 * rules: a column whose ranges disagree on the type is read again as strings, as a mismatch is on one thread).
 * Any error in a worker (a malformed line, invalid UTF-8, a value against a kind override) makes the read start
 * again on one thread, which reports it with its line number.
 */
import { existsSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Column, FeatureKind } from "./column.js";
import {
  assembleDataset,
  CSV_MODES,
  CsvReader,
  finishColumn,
  readCsvFile,
  type ColumnPart,
  type CsvOptions,
} from "./csv.js";
import type { CsvTask, CsvTaskInput, CsvWorkerData } from "./csv-worker.js";
import type { Dataset } from "./column.js";

/** Files smaller than this are read on the calling thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 8 << 20;
/** At most this many bytes per range, so that no worker holds more than its share of a very large file. */
const MAX_RANGE_BYTES = 1 << 30;
const HEADER_PROBE = 1 << 16;
const LF = 0x0a;

/** The compiled worker: next to this module, or (when running from the TypeScript sources) in dist/. */
function workerUrl(): URL | undefined {
  const own = new URL("./csv-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(own))) return own;
  const built = new URL("../../dist/data/csv-worker.js", import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

/** Worker threads to use: the option, or the machine's available parallelism. */
export function csvWorkerCount(options: CsvOptions): number {
  const asked = options.workers;
  if (asked === undefined) return availableParallelism();
  return Math.max(1, Math.floor(asked));
}

interface RangeResult {
  rows: number;
  parts: ColumnPart[];
}

class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: { task: CsvTask; resolve: (value: unknown) => void; reject: (error: Error) => void }[] =
    [];
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 0;

  constructor(url: URL, count: number, data: CsvWorkerData) {
    for (let k = 0; k < count; k++) {
      const worker = new Worker(url, { workerData: data });
      worker.on("message", (message: { id: number; error?: string }) => {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message);
        this.#release(worker);
      });
      worker.on("error", (error) => {
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  run<T>(task: CsvTaskInput): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const full = { ...task, id: this.#next++ } as CsvTask;
      this.#queue.push({ task: full, resolve: resolve as (value: unknown) => void, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const { task, resolve, reject } = this.#queue.shift()!;
      this.#pending.set(task.id, { resolve, reject });
      worker.postMessage(task);
    }
  }

  #release(worker: Worker): void {
    this.#idle.push(worker);
    this.#dispatch();
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** Reads the header record (or, without a header, only learns the width); returns where the body starts. */
async function readHeader(
  handle: FileHandle,
  size: number,
  reader: CsvReader,
): Promise<{ bodyStart: number; lineFeed: boolean } | undefined> {
  let length = Math.min(size, HEADER_PROBE);
  for (;;) {
    const buffer = new Uint8Array(length);
    await handle.read(buffer, 0, length, 0);
    const end = reader.scanHeader(buffer, length, length >= size);
    if (end >= 0) {
      return { bodyStart: end, lineFeed: end > 0 && buffer[end - 1] === LF };
    }
    if (length >= size) return undefined;
    length = Math.min(size, length * 4);
  }
}

/** The first record start at or after `position` given whether `position` is inside quotes. */
async function recordStartAfter(
  handle: FileHandle,
  position: number,
  inQuotes: boolean,
  size: number,
  quote: number,
): Promise<number> {
  const buffer = new Uint8Array(HEADER_PROBE);
  let quoted = inQuotes;
  // A cut just after a line feed outside quotes is a record start already.
  if (!quoted && position > 0) {
    const before = new Uint8Array(1);
    await handle.read(before, 0, 1, position - 1);
    if (before[0] === LF) return position;
  }
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
    if (bytesRead === 0) break;
    for (let k = 0; k < bytesRead; k++) {
      const c = buffer[k];
      if (c === quote) quoted = !quoted;
      else if (c === LF && !quoted) return position + k + 1;
    }
    position += bytesRead;
  }
  return size;
}

/** Joins the parts of one column from consecutive ranges. */
function joinParts(parts: readonly ColumnPart[], counts: readonly number[], rows: number): ColumnPart {
  const modes = new Set(parts.map((p) => p.mode).filter((m) => m !== CSV_MODES.UNKNOWN));
  const mode = modes.size === 0 ? CSV_MODES.UNKNOWN : [...modes][0];
  const valid = new Uint8Array(rows);
  let nulls = 0;
  let numbers: Float64Array | null = null;
  let flags: Uint8Array | null = null;
  let codes: Int32Array | null = null;
  let dictionary: string[] | null = null;
  if (mode === CSV_MODES.NUMERIC || mode === CSV_MODES.DATETIME) numbers = new Float64Array(rows);
  else if (mode === CSV_MODES.BOOLEAN) flags = new Uint8Array(rows);
  else if (mode === CSV_MODES.STRING) {
    codes = new Int32Array(rows);
    dictionary = [];
  }
  const global = new Map<string, number>();
  let offset = 0;
  parts.forEach((part, r) => {
    const n = counts[r];
    nulls += part.nulls;
    if (part.mode === CSV_MODES.UNKNOWN) {
      // Every value of this range is missing (counted in part.nulls).
      if (numbers !== null) numbers.fill(NaN, offset, offset + n);
      if (codes !== null) codes.fill(-1, offset, offset + n);
    } else {
      valid.set(part.valid, offset);
      if (numbers !== null) numbers.set(part.numbers!, offset);
      if (flags !== null) flags.set(part.flags!, offset);
      if (codes !== null) {
        const local = part.dictionary!;
        const remap = new Int32Array(local.length);
        for (let c = 0; c < local.length; c++) {
          let code = global.get(local[c]);
          if (code === undefined) {
            code = dictionary!.length;
            global.set(local[c], code);
            dictionary!.push(local[c]);
          }
          remap[c] = code;
        }
        const source = part.codes!;
        for (let i = 0; i < n; i++) {
          const c = source[i];
          codes[offset + i] = c < 0 ? -1 : remap[c];
        }
      }
    }
    offset += n;
  });
  return { mode, nulls, valid, numbers, flags, codes, dictionary };
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
  const workers = csvWorkerCount(options);
  const url = workerUrl();
  if (workers <= 1 || size < minBytes || url === undefined) {
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
  const chunkSize = Math.max(1 << 16, options.chunkSize ?? 32 << 20);
  const names = [...header.names];
  const settings = header.columnSettings;
  const { workers: _workers, ...plainOptions } = options;
  const pool = new WorkerPool(url, workers, {
    path,
    source,
    options: plainOptions,
    delimiter,
    names,
    quote,
    chunkSize,
  });
  try {
    const body = size - start.bodyStart;
    const pieces = Math.max(workers, Math.ceil(body / MAX_RANGE_BYTES));
    const cuts = Array.from({ length: pieces + 1 }, (_, k) =>
      k === pieces ? size : start.bodyStart + Math.floor((body * k) / pieces),
    );
    const quotes = await Promise.all(
      cuts
        .slice(0, -1)
        .map((cut, k) => pool.run<{ quotes: number }>({ type: "count", start: cut, end: cuts[k + 1] })),
    );
    const starts = [start.bodyStart];
    let parity = 0;
    for (let k = 1; k < pieces; k++) {
      parity = (parity + quotes[k - 1].quotes) & 1;
      starts.push(await recordStartAfter(handle, cuts[k], parity === 1, size, quote));
    }
    starts.push(size);
    const ranges = starts.slice(0, -1).map((s, k) => [s, Math.max(s, starts[k + 1])] as const);
    const results = await Promise.all(
      ranges.map(([from, to]) => pool.run<RangeResult>({ type: "parse", start: from, end: to })),
    );
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
    let second: RangeResult[] | undefined;
    if (mixed.length > 0) {
      second = await Promise.all(
        ranges.map(([from, to]) =>
          pool.run<RangeResult>({ type: "parse", start: from, end: to, strings: mixed }),
        ),
      );
    }
    const columns: Column[] = [];
    const forced: (FeatureKind | undefined)[] = [];
    settings.forEach((setting, k) => {
      if (setting.skip) return;
      const from = mixed.includes(setting.name) ? second! : results;
      const part = joinParts(
        from.map((r) => r.parts[k]),
        counts,
        rows,
      );
      columns.push(finishColumn(setting.name, setting.forced, rows, part));
      forced.push(setting.forced);
    });
    trace(`${workers} workers, ${ranges.length} ranges, ${mixed.length} columns read again as strings`);
    return assembleDataset(columns, forced, source, rows, [...header.warnings]);
  } catch (error) {
    trace(`one thread after a worker error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pool.close();
  }
  return readCsvFile(handle, source, options, delimiter);
}
