/**
 * Every error driftlab raises on purpose. `code` is stable and documented in docs/errors.md;
 * the message names the input (file, column, line) and says what to do about it.
 */
export type DriftlabErrorCode =
  | "FILE_NOT_FOUND"
  | "UNKNOWN_FORMAT"
  | "MALFORMED_CSV"
  | "MALFORMED_JSON"
  | "MALFORMED_PARQUET"
  /** A reader ran out of a resource (the 4 GB WebAssembly memory of the Parquet reader): the input may be fine. */
  | "RESOURCE_LIMIT"
  /** An optional package an input needs is not installed (the message names it and the install command). */
  | "MISSING_DEPENDENCY"
  /** A source's engine (DuckDB, ClickHouse) refused or failed a query: the message names the source and the engine's error. */
  | "SOURCE_FAILED"
  | "MALFORMED_ARROW"
  | "INVALID_UTF8"
  /** The input has nothing to analyse: no rows, no columns, an empty sample or no values in a column. */
  | "EMPTY_TABLE"
  | "DUPLICATE_COLUMN"
  | "MISSING_COLUMN"
  | "UNSUPPORTED_INPUT"
  | "INVALID_KIND"
  | "INVALID_OPTION"
  | "INVALID_SKETCH"
  | "INCOMPATIBLE_MERGE"
  | "INVALID_REPORT"
  | "INVALID_SCHEMA"
  | "TYPE_MISMATCH"
  /** @deprecated Not raised any more: empty input is EMPTY_TABLE everywhere. Kept so old code compiles. */
  | "NO_DATA"
  | "UNKNOWN_ENVIRONMENT"
  /** The CLI could not write an output file or folder (--html, -o). */
  | "WRITE_FAILED"
  /** An output would exceed what JavaScript can hold (one string of about 512 MB). */
  | "TOO_LARGE"
  /** An error driftlab did not expect: a bug (the CLI shows its stack with --debug). */
  | "INTERNAL_ERROR"
  | "NO_PRESENTER";

export class DriftlabError extends Error {
  readonly code: DriftlabErrorCode;
  /** The column, file or option the error is about, when there is one. */
  readonly subject?: string;

  constructor(code: DriftlabErrorCode, message: string, options: { subject?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DriftlabError";
    this.code = code;
    this.subject = options.subject;
  }
}
