import { DriftlabError } from "../errors.js";
import { type Column, Dataset } from "./column.js";
import { columnFromValues } from "./records.js";

/**
 * The parts of a danfo.js DataFrame (danfojs or danfojs-node, 1.x) that driftlab reads. Duck-typed: driftlab does not
 * depend on danfo.
 */
export interface DanfoFrameLike {
  readonly columns: readonly string[];
  readonly dtypes: readonly string[];
  /** Rows, each an array of values (a 1-D array for a one-column frame). */
  readonly values: readonly unknown[];
  column?(name: string): { readonly values: ArrayLike<unknown> };
}

/** True when `value` looks like a danfo.js DataFrame. */
export function isDanfoFrame(value: unknown): value is DanfoFrameLike {
  if (typeof value !== "object" || value === null) return false;
  const frame = value as Partial<DanfoFrameLike>;
  return Array.isArray(frame.columns) && Array.isArray(frame.dtypes) && Array.isArray(frame.values);
}

function columnValues(frame: DanfoFrameLike, name: string, index: number): ArrayLike<unknown> {
  if (typeof frame.column === "function") return frame.column(name).values;
  return frame.values.map((row) => (Array.isArray(row) ? (row as unknown[])[index] : row));
}

/**
 * A Dataset from a danfo.js DataFrame. Follows danfo's dtypes: `float32`/`int32` → numeric, `boolean` → boolean,
 * `string` → categorical or text (strings are not parsed), `datetime` → datetime; other dtypes are inferred from the
 * values. As in danfo (and pandas), null, undefined and NaN are missing.
 */
export function fromDanfo(frame: DanfoFrameLike, options: { source?: string } = {}): Dataset {
  const source = options.source ?? "danfo DataFrame";
  const names = frame.columns;
  if (names.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${source}: the DataFrame has no columns.`, { subject: source });
  }
  const columns: Column[] = names.map((name, index) =>
    columnFromValues(name, columnValues(frame, name, index), {
      nanIsMissing: true,
      stringsAsIs: frame.dtypes[index] === "string",
    }),
  );
  return new Dataset(columns, { source, numRows: frame.values.length });
}
