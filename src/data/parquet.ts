import { tableFromIPC } from "apache-arrow";
import { readParquet, wasmMemory } from "parquet-wasm";
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
    throw parquetFailure(error, source);
  }
  return fromArrow(table, { source });
}

/** WebAssembly memory of 32-bit wasm tops out at 4 GiB; a failure with this much in use is the limit, not the file. */
const WASM_MEMORY_NEAR_LIMIT = 3.5 * 2 ** 30;

/**
 * The DriftlabError for a parquet-wasm failure: RESOURCE_LIMIT when the reader's WebAssembly memory is (nearly)
 * exhausted or the error says so (the file may be fine: stream it by row groups), else MALFORMED_PARQUET.
 */
export function parquetFailure(error: unknown, source: string): DriftlabError {
  const message = error instanceof Error ? error.message : String(error);
  let memory = 0;
  try {
    memory = wasmMemory().buffer.byteLength;
  } catch {
    // The module may not be instantiated yet; then memory was not the problem.
  }
  if (
    memory >= WASM_MEMORY_NEAR_LIMIT ||
    /out of memory|memory access out of bounds|allocation/i.test(message)
  ) {
    return new DriftlabError(
      "RESOURCE_LIMIT",
      `${source}: the Parquet reader ran out of memory (${(memory / 2 ** 30).toFixed(1)} GiB of its 4 GiB WebAssembly ` +
        `memory in use; ${message}). The file is probably fine but too large to read whole: profile it in batches ` +
        `(profile(readBatches(path)); the CLI does this for large files, or pass --stream).`,
      { subject: source, cause: error },
    );
  }
  return new DriftlabError(
    "MALFORMED_PARQUET",
    `${source}: not a readable Parquet file (${message}). ` +
      `Check that the file is complete and really Parquet, or pass the right \`format\`.`,
    { subject: source, cause: error },
  );
}
