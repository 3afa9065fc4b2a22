import { tableFromIPC } from "apache-arrow";
import { readParquet } from "parquet-wasm";
import { DriftlabError } from "../errors.js";
import type { Dataset } from "./column.js";
import { type ArrowTableLike, fromArrow } from "./arrow.js";

/** Rows per Arrow record batch when decoding Parquet: smaller batches are markedly slower (see research/engine.md). */
const PARQUET_BATCH_SIZE = 1 << 17;

/**
 * Reads Parquet bytes with parquet-wasm (Rust's parquet crate compiled to WebAssembly: all standard codecs), then
 * converts the Arrow table. Limit: the WebAssembly memory tops out at 4 GB, which holds roughly 10M rows x 11 columns.
 */
export function readParquetBytes(bytes: Uint8Array, source: string): Dataset {
  let table: ArrowTableLike;
  try {
    const wasmTable = readParquet(bytes, { batchSize: PARQUET_BATCH_SIZE });
    table = tableFromIPC(wasmTable.intoIPCStream());
  } catch (error) {
    throw new DriftlabError(
      "MALFORMED_PARQUET",
      `${source}: not a readable Parquet file (${error instanceof Error ? error.message : String(error)}). ` +
        `Check that the file is complete and really Parquet, or pass the right \`format\`.`,
      { subject: source, cause: error },
    );
  }
  return fromArrow(table, { source });
}
