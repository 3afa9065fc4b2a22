import { tableFromIPC } from "apache-arrow";
import { DriftlabError } from "../errors.js";
import type { Dataset } from "./column.js";
import { type ArrowTableLike, fromArrow } from "./arrow.js";

/** Reads Arrow IPC bytes, file ("Feather v2") or stream format. */
export function readArrowBytes(bytes: Uint8Array, source: string): Dataset {
  let table: ArrowTableLike;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new DriftlabError(
      "MALFORMED_ARROW",
      `${source}: not a readable Arrow IPC file or stream (${error instanceof Error ? error.message : String(error)}). ` +
        `Check that the file is complete and in Arrow IPC format, or pass the right \`format\`.`,
      { subject: source, cause: error },
    );
  }
  if (table.schema.fields.length === 0) {
    throw new DriftlabError(
      "MALFORMED_ARROW",
      `${source}: no Arrow schema found in ${bytes.length} bytes. Check that the file is in Arrow IPC format.`,
      { subject: source },
    );
  }
  return fromArrow(table, { source });
}
