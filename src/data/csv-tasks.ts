/**
 * The tasks of the parallel CSV reader (csv-parallel.ts), run on a worker thread: count the quotes in a piece of the
 * file, read a byte range that starts and ends at record boundaries into column arrays and send them back (numbers,
 * codes, flags and validity in shared memory, the rest copied), or copy such parts into the joined columns. The
 * reader's own workers run them (csv-worker.ts), and so do the profile's (src/stats/state-worker.ts), which the CLI
 * starts once for both reading and profiling.
 *
 * The answers are posted without a transfer list. Transferring an ArrayBuffer detaches it, and the first detached
 * buffer of a thread makes V8 throw away all of that thread's optimized code that reads typed arrays (it was compiled
 * on the promise that no buffer is ever detached): a worker that transferred its range's arrays (even empty ones)
 * built its columns' states, or read a next range, with everything compiled again (issue 15). Large arrays are in
 * shared memory; the rest is small and copied.
 */
import { closeSync, openSync } from "node:fs";
import { countByte, countByteInRange, descriptorSource, recordStartAfter, scanFileRange } from "./chunks.js";
import { CsvReader, type ColumnPart, type ColumnRegion, type CsvOptions } from "./csv.js";

/** What every task of one read shares (the worker's data, or sent with each task to a lent pool). */
export interface CsvWorkerData {
  path: string;
  source: string;
  options: CsvOptions;
  delimiter: string;
  names: string[];
  quote: number;
  chunkSize: number;
}

/**
 * A task without its id: count the quote bytes of a piece, or parse a range (only `strings` columns, as strings).
 * With `findStart` / `findEnd`, `start` / `end` are cuts anywhere in the file and the range runs from the first
 * record start after each (found as if the cut were outside quotes); the answer then says where the range really was
 * and how many quote bytes it holds, so that the caller can check that guess (csv-parallel.ts).
 */
export type CsvTaskInput =
  | { type: "count"; start: number; end: number }
  | { type: "join"; copies: JoinCopy[] }
  | {
      type: "parse";
      start: number;
      end: number;
      strings?: string[];
      findStart?: boolean;
      findEnd?: boolean;
      size?: number;
      /** Per column, where its numbers or codes go (the joined column's buffer, csv-parallel.ts). */
      regions?: (ColumnRegion | null)[];
    }
  | { type: "move"; moves: RegionMove[] };

/**
 * The joined column made in place: each range's rows moved from where its region began (`from`) to where its rows
 * begin in the column (`to` ≤ `from`; earlier ranges first, so that nothing is overwritten before it moved), codes
 * mapped into the joined dictionary's on the way (`remap`, null when they are the same), or `length` missing values
 * written (`fill`, a range where the column had no value).
 */
export interface RegionMove {
  view: Float64Array | Int32Array;
  blocks: { from: number; to: number; length: number; remap: Int32Array | null; fill: number | null }[];
}

/** Makes a {@link RegionMove}. */
export function moveRegion({ view, blocks }: RegionMove): void {
  for (const { from, to, length, remap, fill } of blocks) {
    if (fill !== null) view.fill(fill, to, to + length);
    else if (remap !== null) {
      const codes = view as Int32Array;
      for (let i = 0; i < length; i++) {
        const c = codes[from + i];
        codes[to + i] = c < 0 ? -1 : remap[c];
      }
    } else if (from !== to) view.copyWithin(to, from, from + length);
  }
}

/**
 * One column array of the joined dataset, in shared memory, from the ranges' parts in file order (views of shared
 * memory too): a part that is null stands for `lengths[k]` values of `fills[k]` (a range where the column was all
 * missing, or the validity of a range without missing values).
 */
export interface JoinCopy {
  into: Float64Array | Uint8Array | Int32Array;
  parts: (Float64Array | Uint8Array | Int32Array | null)[];
  lengths: number[];
  fills: number[];
  /**
   * Codes: each part's codes mapped through its table into the joined dictionary's (-1, missing, stays -1); null for
   * a part whose codes are the joined ones already.
   */
  remaps?: (Int32Array | null)[];
}

/** Copies the parts of a {@link JoinCopy} into place. */
export function joinCopy({ into, parts, lengths, fills, remaps }: JoinCopy): void {
  let offset = 0;
  parts.forEach((part, k) => {
    const remap = remaps?.[k] ?? null;
    if (part === null) into.fill(fills[k], offset, offset + lengths[k]);
    else if (remap !== null) remapCodes(part as Int32Array, remap, into as Int32Array, offset, lengths[k]);
    else into.set(part.subarray(0, lengths[k]), offset);
    offset += lengths[k];
  });
}

/** target[offset + i] = remap[source[i]] for the first n codes (-1, missing, stays -1). */
function remapCodes(
  source: Int32Array,
  remap: Int32Array,
  target: Int32Array,
  offset: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    const c = source[i];
    target[offset + i] = c < 0 ? -1 : remap[c];
  }
}

/** A worker's answer to a parse task. */
export interface CsvRangeAnswer {
  rows: number;
  parts: ColumnPart[];
  /** The range parsed, after `findStart` / `findEnd`. */
  start: number;
  end: number;
  /** Quote bytes in [start, end). */
  quotes: number;
}

/** A CSV task as a worker gets it: with `context` when the pool was lent by a caller and has no CSV worker data. */
export type CsvTask = CsvTaskInput & { id: number; context?: CsvWorkerData };

/** The kinds of task {@link runCsvTask} runs. */
export const CSV_TASKS: ReadonlySet<string> = new Set(["count", "parse", "join", "move"]);

/** Runs a task; resolves to the answer (without the id), to be posted without a transfer list. */
export async function runCsvTask(task: CsvTaskInput, data: CsvWorkerData): Promise<object> {
  if (task.type === "join") {
    for (const copy of task.copies) joinCopy(copy);
    return {};
  }
  if (task.type === "move") {
    for (const move of task.moves) moveRegion(move);
    return {};
  }
  // Read synchronously: these tasks run on worker threads (see descriptorSource).
  const fd = openSync(data.path, "r");
  const file = descriptorSource(fd);
  try {
    if (task.type === "count") {
      const quotes = await countByteInRange(file, data.quote, task.start, task.end, data.chunkSize);
      return { quotes };
    }
    const size = task.size ?? Infinity;
    const start =
      task.findStart === true
        ? await recordStartAfter(file, task.start, false, size, data.quote)
        : task.start;
    const end = Math.max(
      start,
      task.findEnd === true ? await recordStartAfter(file, task.end, false, size, data.quote) : task.end,
    );
    const reader = new CsvReader(data.source, data.options, data.delimiter);
    reader.totalBytes = end - start;
    reader.shared = true;
    reader.presetHeader(
      data.names,
      task.strings === undefined ? undefined : new Set(task.strings),
      task.regions,
    );
    let quotes = 0;
    let counted = 0;
    await scanFileRange(file, start, end, data.chunkSize, (buffer, filled, final) => {
      // Bytes [0, counted) of the buffer were counted with the previous chunk (an unfinished record kept).
      quotes += countByte(buffer, data.quote, counted, filled);
      const consumed = reader.scan(buffer, 0, filled, final);
      counted = filled - consumed;
      return consumed;
    });
    const parts = reader.parts(true);
    const answer: CsvRangeAnswer = { rows: reader.rows, parts, start, end, quotes };
    return answer;
  } finally {
    closeSync(fd);
  }
}
