/**
 * The worker thread of the parallel CSV reader (csv-parallel.ts): counts quotes in a piece of the file, or reads a
 * byte range that starts and ends at record boundaries into column arrays, which it sends back (transferred).
 */
import { open } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { countByte, countByteInRange, recordStartAfter, scanFileRange } from "./chunks.js";
import { CsvReader, type ColumnPart, type CsvOptions } from "./csv.js";

/** What every task of one read shares. */
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
  | {
      type: "parse";
      start: number;
      end: number;
      strings?: string[];
      findStart?: boolean;
      findEnd?: boolean;
      size?: number;
    };

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

export type CsvTask = CsvTaskInput & { id: number };

const data = workerData as CsvWorkerData;

async function run(task: CsvTask): Promise<void> {
  const handle = await open(data.path, "r");
  try {
    if (task.type === "count") {
      const quotes = await countByteInRange(handle, data.quote, task.start, task.end, data.chunkSize);
      parentPort!.postMessage({ id: task.id, quotes });
      return;
    }
    const size = task.size ?? Infinity;
    const start =
      task.findStart === true
        ? await recordStartAfter(handle, task.start, false, size, data.quote)
        : task.start;
    const end = Math.max(
      start,
      task.findEnd === true ? await recordStartAfter(handle, task.end, false, size, data.quote) : task.end,
    );
    const reader = new CsvReader(data.source, data.options, data.delimiter);
    reader.totalBytes = end - start;
    reader.presetHeader(data.names, task.strings === undefined ? undefined : new Set(task.strings));
    let quotes = 0;
    let counted = 0;
    await scanFileRange(handle, start, end, data.chunkSize, (buffer, filled, final) => {
      // Bytes [0, counted) of the buffer were counted with the previous chunk (an unfinished record kept).
      quotes += countByte(buffer, data.quote, counted, filled);
      const consumed = reader.scan(buffer, 0, filled, final);
      counted = filled - consumed;
      return consumed;
    });
    const parts = reader.parts(true);
    const transfer: ArrayBuffer[] = [];
    for (const part of parts) {
      for (const array of [part.valid, part.numbers, part.flags, part.codes]) {
        if (array !== null) transfer.push(array.buffer as ArrayBuffer);
      }
    }
    const answer: CsvRangeAnswer = { rows: reader.rows, parts, start, end, quotes };
    parentPort!.postMessage({ id: task.id, ...answer }, transfer);
  } finally {
    await handle.close();
  }
}

parentPort!.on("message", (task: CsvTask) => {
  run(task).catch((error: unknown) => {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  });
});
