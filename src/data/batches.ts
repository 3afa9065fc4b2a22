import { openAsBlob } from "node:fs";
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { DriftlabError } from "../errors.js";
import { type DatasetInput, toDataset } from "./adapters.js";
import type { Dataset, FeatureKind } from "./column.js";
import { readCsvBytes } from "./csv.js";
import { readNdjsonBytes } from "./json.js";
import { FORMAT_EXTENSIONS, type FileFormat, type ReadOptions } from "./read.js";

/** A stream of record batches: each item is one batch (a Dataset, an Arrow table, an array of records, ...). */
export type BatchSource = AsyncIterable<DatasetInput> | Iterable<DatasetInput>;

/** Options of {@link readBatches}. */
export interface BatchReadOptions extends ReadOptions {
  /**
   * Bytes of CSV/TSV/NDJSON text per batch (cut at a record boundary). Default 64 MiB. Parquet batches are row
   * groups and Arrow IPC batches are the stream's record batches, whatever this says.
   */
  batchBytes?: number;
}

const DEFAULT_BATCH_BYTES = 64 << 20;

/** Rows per Arrow record batch when decoding a Parquet row group (as the in-memory reader). */
const PARQUET_BATCH_SIZE = 1 << 17;

/**
 * Reads a file as a stream of Datasets, one batch at a time, so memory is bounded by one batch rather than by the
 * file: Parquet one row group at a time (parquet-wasm reading the file through a Blob, never the whole file), CSV/TSV
 * and NDJSON in chunks of `batchBytes` cut at record boundaries (quoted newlines respected), Arrow IPC streams and
 * files record batch by record batch. Every batch gets the kinds inferred on the first batch (or `options.kinds`),
 * so batches profile and merge as one dataset. JSON documents (not NDJSON) cannot stream: UNSUPPORTED_INPUT.
 *
 * Errors as {@link read}; a Parquet row group that exhausts the WebAssembly memory is RESOURCE_LIMIT, not
 * MALFORMED_PARQUET.
 *
 * @example for await (const batch of readBatches("big.parquet")) console.log(batch.numRows);
 */
export async function* readBatches(path: string, options: BatchReadOptions = {}): AsyncGenerator<Dataset> {
  const format = options.format ?? formatOf(path);
  const resolved = resolve(path);
  const source = options.source ?? path;
  try {
    await stat(resolved);
  } catch (error) {
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `No file at ${resolved}. Check the path and that the file exists.`,
      {
        subject: path,
        cause: error,
      },
    );
  }
  let kinds: Record<string, FeatureKind> | undefined = options.kinds;
  const typed = (dataset: Dataset): Dataset => {
    let out = options.columns === undefined ? dataset : dataset.select(options.columns);
    if (kinds === undefined) kinds = Object.fromEntries(out.columns.map((c) => [c.name, c.kind]));
    else out = toDataset(out, { kinds: kindsPresentIn(out, kinds) });
    return out;
  };
  switch (format) {
    case "parquet":
      for await (const batch of parquetRowGroups(resolved, source)) yield typed(batch);
      return;
    case "arrow":
      for await (const batch of arrowBatches(resolved, source)) yield typed(batch);
      return;
    case "csv":
    case "tsv":
    case "ndjson":
      for await (const batch of textBatches(resolved, source, format, options)) yield typed(batch);
      return;
    case "json":
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `${source}: a JSON document cannot be read in batches. Convert it to NDJSON (one record per line) or read() it whole.`,
        { subject: path },
      );
  }
}

/**
 * Groups a stream of single records into batches of `size` records (default 65,536), for `profile()` over a stream
 * of records.
 */
export async function* recordBatches(
  records: AsyncIterable<Readonly<Record<string, unknown>>> | Iterable<Readonly<Record<string, unknown>>>,
  size = 65_536,
): AsyncGenerator<Readonly<Record<string, unknown>>[]> {
  if (!Number.isInteger(size) || size < 1) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `recordBatches size must be a positive integer, got ${String(size)}.`,
      {
        subject: "size",
      },
    );
  }
  let batch: Readonly<Record<string, unknown>>[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function formatOf(path: string): FileFormat {
  const dot = path.lastIndexOf(".");
  const format = dot < 0 ? undefined : FORMAT_EXTENSIONS[path.slice(dot).toLowerCase()];
  if (format === undefined) {
    throw new DriftlabError(
      "UNKNOWN_FORMAT",
      `${path}: cannot tell the format from the extension. Pass it: readBatches(path, { format: "parquet" }).`,
      { subject: path },
    );
  }
  return format;
}

function kindsPresentIn(dataset: Dataset, kinds: Record<string, FeatureKind>): Record<string, FeatureKind> {
  const names = new Set(dataset.columnNames);
  return Object.fromEntries(Object.entries(kinds).filter(([name]) => names.has(name)));
}

async function* parquetRowGroups(path: string, source: string): AsyncGenerator<Dataset> {
  const [{ ParquetFile }, { tableFromIPC }, { fromArrow }, { parquetFailure }] = await Promise.all([
    import("parquet-wasm"),
    import("apache-arrow"),
    import("./arrow.js"),
    import("./parquet.js"),
  ]);
  let file: Awaited<ReturnType<typeof ParquetFile.fromFile>>;
  try {
    file = await ParquetFile.fromFile(await openAsBlob(path));
  } catch (error) {
    throw parquetFailure(error, source);
  }
  const groups = file.metadata().numRowGroups();
  for (let group = 0; group < groups; group++) {
    let table;
    try {
      const wasmTable = await file.read({ rowGroups: [group], batchSize: PARQUET_BATCH_SIZE });
      table = tableFromIPC(wasmTable.intoIPCStream());
    } catch (error) {
      throw parquetFailure(error, `${source} (row group ${group + 1} of ${groups})`);
    }
    yield fromArrow(table, { source });
  }
  file.free();
}

async function* arrowBatches(path: string, source: string): AsyncGenerator<Dataset> {
  const [{ createReadStream }, { RecordBatchReader, Table }, { fromArrow }] = await Promise.all([
    import("node:fs"),
    import("apache-arrow"),
    import("./arrow.js"),
  ]);
  let any = false;
  try {
    const reader = await RecordBatchReader.from(createReadStream(path));
    for await (const batch of reader) {
      any = true;
      yield fromArrow(new Table(batch), { source });
    }
  } catch (error) {
    if (error instanceof DriftlabError) throw error;
    throw new DriftlabError(
      "MALFORMED_ARROW",
      `${source}: not a readable Arrow IPC file or stream (${error instanceof Error ? error.message : String(error)}). ` +
        `Check that the file is complete and in Arrow IPC format.`,
      { subject: source, cause: error },
    );
  }
  if (!any) {
    throw new DriftlabError("EMPTY_TABLE", `${source}: the Arrow stream has no record batch.`, {
      subject: source,
    });
  }
}

/**
 * End (exclusive) of the last complete record in buffer[0, end), which starts at a record boundary: just after the
 * last newline outside quotes; 0 when there is none.
 */
/**
 * Scans buffer[from, end) for newlines outside quotes, starting in the quote state `quoted`: the end of the last
 * complete record found (0 when none) and the quote state at `end`.
 */
function lastRecordEnd(
  buffer: Uint8Array,
  from: number,
  end: number,
  quote: number | undefined,
  quoted: boolean,
): { cut: number; quoted: boolean } {
  let last = -1;
  for (let i = from; i < end; i++) {
    const byte = buffer[i];
    if (byte === quote) quoted = !quoted;
    else if (byte === 10 && !quoted) last = i;
  }
  return { cut: last + 1, quoted };
}

async function* textBatches(
  path: string,
  source: string,
  format: "csv" | "tsv" | "ndjson",
  options: BatchReadOptions,
): AsyncGenerator<Dataset> {
  const batchBytes = Math.max(256, options.batchBytes ?? DEFAULT_BATCH_BYTES);
  const quote = format === "ndjson" ? undefined : (options.quote ?? '"').charCodeAt(0);
  const withHeader = format !== "ndjson" && options.header !== false;
  const delimiter = options.delimiter ?? (format === "tsv" ? "\t" : ",");
  const csvOptions = { ...options, kinds: undefined, columns: undefined, workers: undefined };
  const ready: Dataset[] = [];
  // CSV batches are parsed in place (the reader copies what it keeps, as with readCsvFile's reused chunk buffer);
  // the header line stays at the start of the buffer for every batch, so no batch is copied to prepend it. One
  // record longer than the buffer grows it by half, not double: a 300 MB field needs a 324 MiB buffer, not 512.
  const parse = (bytes: Uint8Array): void => {
    if (format === "ndjson") ready.push(readNdjsonBytes(bytes.slice(), source));
    else ready.push(readCsvBytes(bytes, source, csvOptions, delimiter));
  };
  const handle = await open(path, "r");
  try {
    let buffer = new Uint8Array(batchBytes);
    /** Bytes at the start of the buffer kept for every batch: the header line (CSV/TSV with a header). */
    let keep = 0;
    let headerFound = !withHeader;
    let pending = 0;
    /** buffer[keep, scanned) holds no complete record; `quoted`: the quote state at `scanned`. */
    let scanned = 0;
    let quoted = false;
    let position = 0;
    let rows = 0;
    for (;;) {
      if (pending === buffer.length) {
        const grown = new Uint8Array(Math.ceil(buffer.length * 1.5));
        grown.set(buffer);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, pending, buffer.length - pending, position);
      position += bytesRead;
      const end = pending + bytesRead;
      const final = bytesRead === 0;
      if (!headerFound) {
        const newline = buffer.subarray(0, end).indexOf(10);
        if (newline < 0 && !final) {
          pending = end;
          continue;
        }
        keep = newline < 0 ? end : newline + 1;
        headerFound = true;
        scanned = keep;
      }
      let cut: number;
      if (final) cut = end;
      else {
        const found = lastRecordEnd(buffer, scanned, end, quote, quoted);
        quoted = found.quoted;
        cut = found.cut;
      }
      if (cut > keep) {
        parse(buffer.subarray(0, cut));
        for (const dataset of ready.splice(0)) {
          rows += dataset.numRows;
          yield dataset;
        }
      }
      if (final) break;
      if (cut > keep) {
        buffer.copyWithin(keep, cut, end);
        pending = keep + end - cut;
        // The tail after the cut was scanned: the state at `end` holds for its end.
        scanned = pending;
      } else {
        pending = end;
        scanned = end;
      }
    }
    if (rows === 0) throw new DriftlabError("EMPTY_TABLE", `${source} has no rows.`, { subject: source });
  } finally {
    await handle.close();
  }
}
