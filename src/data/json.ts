import { scanChunks } from "./chunks.js";
import type { FileHandle } from "node:fs/promises";
import { DriftlabError } from "../errors.js";
import type { Dataset } from "./column.js";
import { fromColumns, isRecord, RecordsBuilder, describeValue } from "./records.js";

/** V8's largest string is ~512 MiB: larger JSON documents cannot be parsed whole. */
const MAX_JSON_BYTES = (1 << 29) - 24;

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < position && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function decodeUtf8(bytes: Uint8Array, source: string, lineOffset: number): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Find the line of the first invalid byte.
    let line = lineOffset;
    let lineStart = 0;
    for (let k = 0; k <= bytes.length; k++) {
      if (k === bytes.length || bytes[k] === 10) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(lineStart, k));
        } catch {
          break;
        }
        line++;
        lineStart = k + 1;
      }
    }
    throw new DriftlabError(
      "INVALID_UTF8",
      `${source}: line ${line}: bytes that are not valid UTF-8. JSON must be UTF-8; re-encode the file (e.g. iconv -f latin1 -t utf-8).`,
      { subject: source },
    );
  }
}

/**
 * Reads a JSON document: an array of records (`[{"a": 1}, ...]`) or an object of columns (`{"a": [1, 2]}`).
 * Values follow the rules of fromRecords/fromColumns.
 */
export function readJsonBytes(bytes: Uint8Array, source: string): Dataset {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new DriftlabError(
      "MALFORMED_JSON",
      `${source}: ${bytes.length} bytes is more than one JSON document can hold in JavaScript (~512 MB). ` +
        `Convert it to NDJSON (one record per line; \`jq -c '.[]'\`), Parquet or CSV, which are read in chunks.`,
      { subject: source },
    );
  }
  const text = decodeUtf8(bytes, source, 1);
  if (text.trim() === "") {
    throw new DriftlabError("EMPTY_TABLE", `${source}: the file is empty. Expected an array of records.`, {
      subject: source,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const where =
      match === null
        ? ""
        : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(text, Number(match[1])));
    throw new DriftlabError(
      "MALFORMED_JSON",
      `${source}: invalid JSON${where} (${message}). Fix the file; if it has one record per line, read it with { format: "ndjson" }.`,
      { subject: source, cause: error },
    );
  }
  if (Array.isArray(document)) {
    const builder = new RecordsBuilder();
    for (let i = 0; i < document.length; i++) {
      const record: unknown = document[i];
      if (!isRecord(record)) {
        throw new DriftlabError(
          "MALFORMED_JSON",
          `${source}: element ${i} of the top-level array is ${describeValue(record)}; expected an object (one record per element).`,
          { subject: source },
        );
      }
      builder.add(record);
    }
    if (document.length === 0) {
      throw new DriftlabError(
        "EMPTY_TABLE",
        `${source}: the array of records is empty, so there are no columns.`,
        {
          subject: source,
        },
      );
    }
    return builder.finish(source);
  }
  if (isRecord(document) && Object.values(document).every((v) => Array.isArray(v))) {
    return fromColumns(document as Record<string, unknown[]>, { source });
  }
  throw new DriftlabError(
    "MALFORMED_JSON",
    `${source}: the top level is ${describeValue(document)}; expected an array of records ([{"a": 1}, ...]) ` +
      `or an object of columns ({"a": [1, 2]}).`,
    { subject: source },
  );
}

/** Reads NDJSON (JSON Lines): one JSON object per line; blank lines are skipped. Chunked: any file size. */
export class NdjsonReader {
  readonly #builder = new RecordsBuilder();
  #line = 1;

  constructor(readonly source: string) {}

  /** Reads the complete lines of bytes[0, end); returns where the first incomplete line starts. */
  scan(bytes: Uint8Array, end: number, final: boolean): number {
    let last = end;
    if (!final) {
      last = bytes.lastIndexOf(10, end - 1);
      if (last < 0) return 0;
      last++;
    }
    const text = decodeUtf8(bytes.subarray(0, last), this.source, this.#line);
    let start = this.#line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (start < text.length) {
      let stop = text.indexOf("\n", start);
      if (stop < 0) stop = text.length;
      const lineText = text.slice(start, stop);
      if (lineText.trim() !== "") this.#record(lineText);
      this.#line++;
      start = stop + 1;
    }
    return last;
  }

  #record(text: string): void {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DriftlabError(
        "MALFORMED_JSON",
        `${this.source}: line ${this.#line} is not valid JSON (${message}). NDJSON needs one complete JSON object per line.`,
        { subject: this.source, cause: error },
      );
    }
    if (!isRecord(record)) {
      throw new DriftlabError(
        "MALFORMED_JSON",
        `${this.source}: line ${this.#line} is ${describeValue(record)}; NDJSON needs one JSON object per line.`,
        { subject: this.source },
      );
    }
    this.#builder.add(record);
  }

  finish(): Dataset {
    if (this.#builder.rows === 0) {
      throw new DriftlabError("EMPTY_TABLE", `${this.source}: no records (the file is empty or blank).`, {
        subject: this.source,
      });
    }
    return this.#builder.finish(this.source);
  }
}

export function readNdjsonBytes(bytes: Uint8Array, source: string): Dataset {
  const reader = new NdjsonReader(source);
  reader.scan(bytes, bytes.length, true);
  return reader.finish();
}

export async function readNdjsonFile(
  handle: FileHandle,
  source: string,
  chunkSize: number,
): Promise<Dataset> {
  const reader = new NdjsonReader(source);
  await scanChunks(handle, chunkSize, (buffer, end, final) => reader.scan(buffer, end, final));
  return reader.finish();
}
