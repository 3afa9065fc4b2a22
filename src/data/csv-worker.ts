/**
 * The worker thread of the parallel CSV reader (csv-parallel.ts): counts quotes in a piece of the file, or reads a
 * byte range that starts and ends at record boundaries into column arrays, which it sends back (transferred).
 */
import { open } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { countByteInRange, scanFileRange } from "./chunks.js";
import { CsvReader, type CsvOptions } from "./csv.js";

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

/** A task without its id: count the quote bytes of a piece, or parse a range (only `strings` columns, as strings). */
export type CsvTaskInput =
  | { type: "count"; start: number; end: number }
  | { type: "parse"; start: number; end: number; strings?: string[] };

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
    const reader = new CsvReader(data.source, data.options, data.delimiter);
    reader.totalBytes = task.end - task.start;
    reader.presetHeader(data.names, task.strings === undefined ? undefined : new Set(task.strings));
    await scanFileRange(handle, task.start, task.end, data.chunkSize, (buffer, end, final) =>
      reader.scan(buffer, 0, end, final),
    );
    const parts = reader.parts();
    const transfer: ArrayBuffer[] = [];
    for (const part of parts) {
      for (const array of [part.valid, part.numbers, part.flags, part.codes]) {
        if (array !== null) transfer.push(array.buffer as ArrayBuffer);
      }
    }
    parentPort!.postMessage({ id: task.id, rows: reader.rows, parts }, transfer);
  } finally {
    await handle.close();
  }
}

parentPort!.on("message", (task: CsvTask) => {
  run(task).catch((error: unknown) => {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  });
});
