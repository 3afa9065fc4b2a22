import { open, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DriftlabError } from "../errors.js";
import type { Dataset } from "./column.js";
import { type CsvOptions, readCsvBytes } from "./csv.js";
import { readCsvFileParallel } from "./csv-parallel.js";
import { type DatasetOptions, applyOptions } from "./adapters.js";
import { readJsonBytes, readNdjsonBytes, readNdjsonFile } from "./json.js";

/** File formats `read()` understands. */
export type FileFormat = "csv" | "tsv" | "json" | "ndjson" | "parquet" | "arrow";

export const FILE_FORMATS: readonly FileFormat[] = ["csv", "tsv", "json", "ndjson", "parquet", "arrow"];

/** File name extensions and their formats. */
export const FORMAT_EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".parquet": "parquet",
  ".pq": "parquet",
  ".arrow": "arrow",
  ".arrows": "arrow",
  ".feather": "arrow",
  ".ipc": "arrow",
};

export interface ReadOptions extends DatasetOptions, Omit<CsvOptions, "kinds" | "columns"> {
  /** The format; default: from the file extension (see {@link FORMAT_EXTENSIONS}). Required for bytes. */
  format?: FileFormat;
}

const DEFAULT_CHUNK_SIZE = 32 << 20;

function checkFormat(format: unknown): FileFormat {
  if (!(FILE_FORMATS as readonly unknown[]).includes(format)) {
    throw new DriftlabError(
      "UNKNOWN_FORMAT",
      `Unknown format ${JSON.stringify(format)}. Supported formats: ${FILE_FORMATS.join(", ")}.`,
      { subject: "format" },
    );
  }
  return format as FileFormat;
}

function formatOfPath(path: string): FileFormat {
  const extension = extname(path).toLowerCase();
  const format = FORMAT_EXTENSIONS[extension];
  if (format === undefined) {
    const known = Object.keys(FORMAT_EXTENSIONS).join(", ");
    throw new DriftlabError(
      "UNKNOWN_FORMAT",
      `${path}: cannot tell the format from the extension ${extension === "" ? "(none)" : `"${extension}"`}. ` +
        `Known extensions: ${known}. Or pass the format: read(path, { format: "csv" }) — one of ${FILE_FORMATS.join(", ")}.`,
      { subject: path },
    );
  }
  return format;
}

function csvOptions(options: ReadOptions): CsvOptions {
  return { ...options, columns: options.columns, kinds: options.kinds };
}

/**
 * Reads a data file (or bytes) into a Dataset.
 *
 * Formats: CSV and TSV (own parser, read in chunks, any size), JSON (an array of records or an object of columns),
 * NDJSON (one record per line, chunked), Parquet (parquet-wasm) and Arrow IPC (file or stream). The format comes from
 * the extension, or `options.format` (required for bytes). Column kinds are inferred (see docs/data.md) unless given in
 * `options.kinds`. `dataset.source` is the path as given (or `options.source`).
 *
 * Errors (DriftlabError): FILE_NOT_FOUND, UNKNOWN_FORMAT, MALFORMED_CSV / MALFORMED_JSON / MALFORMED_PARQUET /
 * MALFORMED_ARROW (with file and line), INVALID_UTF8 (with line; see `encoding`, `invalidUtf8`), EMPTY_TABLE (no
 * columns at all), MISSING_COLUMN (a name in `columns`/`kinds`), INVALID_KIND.
 *
 * @example const flights = await read("flights.parquet");
 * @example const logs = await read(bytes, { format: "csv", kinds: { zip: "categorical" } });
 */
export async function read(input: string | URL | Uint8Array, options: ReadOptions = {}): Promise<Dataset> {
  if (input instanceof Uint8Array) {
    if (options.format === undefined) {
      throw new DriftlabError(
        "UNKNOWN_FORMAT",
        `read() got ${input.length} bytes without a format. Pass one: read(bytes, { format: "csv" }) — one of ${FILE_FORMATS.join(", ")}.`,
        { subject: "format" },
      );
    }
    const format = checkFormat(options.format);
    return readBytes(input, format, options.source ?? `${format} bytes`, options);
  }
  const path = input instanceof URL ? fileURLToPath(input) : input;
  if (typeof path !== "string") {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      `read() takes a file path, a file URL or bytes (Buffer/Uint8Array). For data in memory use toDataset().`,
    );
  }
  const format = options.format === undefined ? formatOfPath(path) : checkFormat(options.format);
  const resolved = resolve(path);
  const source = options.source ?? path;
  try {
    const info = await stat(resolved);
    if (info.isDirectory()) {
      throw new DriftlabError("UNSUPPORTED_INPUT", `${resolved} is a directory; read() reads one file.`, {
        subject: path,
      });
    }
  } catch (error) {
    if (error instanceof DriftlabError) throw error;
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `No file at ${resolved}` +
        (resolved === path ? "" : ` ("${path}" resolved from the working directory ${process.cwd()})`) +
        `. Check the path and that the file exists.`,
      { subject: path, cause: error },
    );
  }
  const handle = await open(resolved, "r");
  try {
    const chunkSize = Math.max(16, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    if (format === "csv" || format === "tsv") {
      const dataset = await readCsvFileParallel(
        handle,
        resolved,
        source,
        csvOptions(options),
        format === "tsv" ? "\t" : ",",
      );
      // Columns were selected and kinds applied while parsing; select again for the requested order.
      return applyOptions(dataset, { columns: options.columns });
    }
    if (format === "ndjson") return applyOptions(await readNdjsonFile(handle, source, chunkSize), options);
    const bytes = await handle.readFile();
    return await readBytes(bytes, format, source, options);
  } finally {
    await handle.close();
  }
}

async function readBytes(
  bytes: Uint8Array,
  format: FileFormat,
  source: string,
  options: ReadOptions,
): Promise<Dataset> {
  switch (format) {
    case "csv":
    case "tsv": {
      const dataset = readCsvBytes(bytes, source, csvOptions(options), format === "tsv" ? "\t" : ",");
      return applyOptions(dataset, { columns: options.columns });
    }
    case "json":
      return applyOptions(readJsonBytes(bytes, source), options);
    case "ndjson":
      return applyOptions(readNdjsonBytes(bytes, source), options);
    case "parquet": {
      // Loaded on first use: parquet-wasm instantiates a WebAssembly module.
      const { readParquetBytes } = await import("./parquet.js");
      return applyOptions(readParquetBytes(bytes, source), options);
    }
    case "arrow": {
      const { readArrowBytes } = await import("./ipc.js");
      return applyOptions(readArrowBytes(bytes, source), options);
    }
  }
}
