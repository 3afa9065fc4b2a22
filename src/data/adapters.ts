import { DriftlabError } from "../errors.js";
import { Dataset } from "./column.js";
import { type ArrowTableLike, fromArrow, isArrowTable } from "./arrow.js";
import { type DanfoFrameLike, fromDanfo, isDanfoFrame } from "./danfo.js";
import { type KindOverrides, withKinds } from "./kinds.js";
import { type NumericArray, describeValue, fromColumns, fromRecords, isRecord } from "./records.js";

/** Options every input accepts. */
export interface DatasetOptions {
  /** Kind per column instead of the inferred one (see withKinds for the conversions). */
  kinds?: KindOverrides;
  /** Keep only these columns, in this order. Default: all. */
  columns?: readonly string[];
  /** Name of the data in messages and reports. Default: the file path, or "records", "columns", ... */
  source?: string;
}

/** Anything {@link toDataset} accepts. */
export type DatasetInput =
  | Dataset
  | readonly Readonly<Record<string, unknown>>[]
  | Readonly<Record<string, ArrayLike<unknown> | NumericArray>>
  | ArrowTableLike
  | DanfoFrameLike;

/** Applies the `columns` and `kinds` options. */
export function applyOptions(dataset: Dataset, options: DatasetOptions): Dataset {
  let out = dataset;
  if (options.columns !== undefined) out = out.select(options.columns);
  if (options.kinds !== undefined && Object.keys(options.kinds).length > 0)
    out = withKinds(out, options.kinds);
  return out;
}

function isColumnObject(value: unknown): value is Record<string, ArrayLike<unknown>> {
  if (!isRecord(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  const values = Object.values(value);
  return (
    values.length > 0 &&
    values.every((v) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))
  );
}

/**
 * Any in-memory input as a Dataset:
 * - a Dataset (returned as is, apart from `columns`/`kinds`);
 * - an array of records (`[{ age: 31, city: "Oslo" }, ...]`, see fromRecords);
 * - an object of columns (`{ age: [31, 45], city: ["Oslo", "Rome"] }` or typed arrays, see fromColumns);
 * - an apache-arrow Table (see fromArrow);
 * - a danfo.js DataFrame (see fromDanfo).
 * Anything else throws UNSUPPORTED_INPUT. Files: use `read()`.
 */
export function toDataset(input: DatasetInput, options: DatasetOptions = {}): Dataset {
  const value: unknown = input;
  let dataset: Dataset;
  if (value instanceof Dataset) {
    dataset = value;
  } else if (Array.isArray(value)) {
    dataset = fromRecords(value, { source: options.source });
  } else if (isArrowTable(value)) {
    dataset = fromArrow(value, { source: options.source });
  } else if (isDanfoFrame(value)) {
    dataset = fromDanfo(value, { source: options.source });
  } else if (isColumnObject(value)) {
    dataset = fromColumns(value, { source: options.source });
  } else {
    const hint =
      typeof value === "string"
        ? ` To read a file, use \`await read(${JSON.stringify(value)})\`.`
        : value instanceof Promise
          ? " It is a Promise: did you forget `await`?"
          : "";
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      `Cannot make a dataset from ${describeValue(value)}. Pass an array of records ([{ age: 31 }, ...]), ` +
        `an object of columns ({ age: [31, 45] }), an apache-arrow Table, a danfo.js DataFrame or a Dataset.${hint}`,
    );
  }
  return applyOptions(dataset, options);
}
