import { DriftlabError } from "../errors.js";

/** The kind of a feature (src/format/profile.ts documents them). */
export type { FeatureKind } from "../format/profile.js";
export { FEATURE_KINDS } from "../format/profile.js";

interface ColumnBase {
  readonly name: string;
  /** Number of rows. */
  readonly length: number;
  /**
   * Validity per row: 1 = present, 0 = missing (null). `null` means every row is present.
   * Missing is distinct from NaN: a numeric NaN is present and counted as NaN.
   */
  readonly valid: Uint8Array | null;
}

export interface NumericColumn extends ColumnBase {
  readonly kind: "numeric";
  readonly values: Float64Array;
  /** True when the source type was an integer type (or every value parsed was an integer). */
  readonly integer: boolean;
}

export interface BooleanColumn extends ColumnBase {
  readonly kind: "boolean";
  /** 0 or 1 per row (0 where missing). */
  readonly values: Uint8Array;
}

export interface DatetimeColumn extends ColumnBase {
  readonly kind: "datetime";
  /** Milliseconds since the Unix epoch, UTC (NaN where missing). */
  readonly values: Float64Array;
}

export interface CategoricalColumn extends ColumnBase {
  readonly kind: "categorical" | "text";
  /** Index into `dictionary` per row; -1 where missing. `valid` mirrors `codes >= 0`. */
  readonly codes: Int32Array;
  /** Distinct labels; `dictionary[codes[i]]` is the value of row i. */
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | BooleanColumn | DatetimeColumn | CategoricalColumn;

/** True when row `i` of `column` is present (not null). */
export function isPresent(column: Column, i: number): boolean {
  return column.valid === null || column.valid[i] === 1;
}

/** Number of missing (null) rows. */
export function missingCount(column: Column): number {
  const valid = column.valid;
  if (valid === null) return 0;
  let present = 0;
  for (let i = 0; i < valid.length; i++) present += valid[i];
  return column.length - present;
}

/**
 * A table: named, equally long columns. The one model every input is converted to.
 * Build one with `read()`, `fromRecords()`, `fromColumns()`, `fromArrow()` or `fromDanfo()`.
 */
export class Dataset {
  readonly columns: readonly Column[];
  readonly numRows: number;
  /** Where the data came from (a file path, "records", ...), used in error messages. */
  readonly source: string;
  /**
   * Things the reader changed or chose on the user's behalf (a renamed duplicate column, a skipped unsupported
   * column, ...), one sentence each. Empty when there was nothing to say.
   */
  readonly warnings: readonly string[];
  readonly #byName: Map<string, Column>;

  constructor(
    columns: readonly Column[],
    options: { source?: string; numRows?: number; warnings?: readonly string[] } = {},
  ) {
    this.source = options.source ?? "data";
    this.warnings = options.warnings ?? [];
    const byName = new Map<string, Column>();
    for (const column of columns) {
      if (byName.has(column.name)) {
        throw new DriftlabError(
          "DUPLICATE_COLUMN",
          `${this.source}: column "${column.name}" appears twice. Rename one of them (column names must be unique).`,
          { subject: column.name },
        );
      }
      byName.set(column.name, column);
    }
    const numRows = options.numRows ?? (columns.length > 0 ? columns[0].length : 0);
    for (const column of columns) {
      if (column.length !== numRows) {
        throw new DriftlabError(
          "UNSUPPORTED_INPUT",
          `${this.source}: column "${column.name}" has ${column.length} rows, expected ${numRows}. All columns must be equally long.`,
          { subject: column.name },
        );
      }
    }
    this.columns = columns;
    this.numRows = numRows;
    this.#byName = byName;
  }

  get columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The column called `name`; throws MISSING_COLUMN listing the columns that exist. */
  column(name: string): Column {
    const column = this.#byName.get(name);
    if (column === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `${this.source}: no column "${name}". Columns are: ${this.columnNames.map((n) => `"${n}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return column;
  }

  /** A dataset with only the rows whose index is in `rows` (in that order). */
  take(rows: Int32Array | Uint32Array | readonly number[]): Dataset {
    return new Dataset(
      this.columns.map((c) => takeColumn(c, rows)),
      { source: this.source, numRows: rows.length, warnings: this.warnings },
    );
  }

  /** A dataset with only the named columns. */
  select(names: readonly string[]): Dataset {
    return new Dataset(
      names.map((n) => this.column(n)),
      { source: this.source, numRows: this.numRows, warnings: this.warnings },
    );
  }

  /**
   * The rows whose value of a numeric or datetime column lies in [from, to) (numbers, or Dates / ISO strings for
   * datetimes); missing values are left out. E.g. `flights.between("date", "2001-06-01", "2001-07-01")`.
   */
  between(name: string, from: number | Date | string, to: number | Date | string): Dataset {
    const column = this.column(name);
    if (column.kind !== "numeric" && column.kind !== "datetime") {
      throw new DriftlabError(
        "TYPE_MISMATCH",
        `${this.source}: between() needs a numeric or datetime column; "${name}" is ${column.kind}.`,
        { subject: name },
      );
    }
    const bound = (x: number | Date | string, which: string): number => {
      const value =
        typeof x === "number"
          ? x
          : typeof x === "string"
            ? Date.parse(x.length === 10 ? `${x}T00:00:00Z` : x)
            : x.getTime();
      if (Number.isNaN(value)) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `between(): ${which} bound ${String(x)} is not a number or a date.`,
          {
            subject: name,
          },
        );
      }
      return value;
    };
    const lo = bound(from, "lower");
    const hi = bound(to, "upper");
    const values = column.values;
    const valid = column.valid;
    const rows: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (valid !== null && valid[i] === 0) continue;
      if (values[i] >= lo && values[i] < hi) rows.push(i);
    }
    return this.take(Int32Array.from(rows));
  }
}

function takeValid(valid: Uint8Array | null, rows: ArrayLike<number>): Uint8Array | null {
  if (valid === null) return null;
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = valid[rows[i]];
  return out;
}

/** The rows `rows` of one column, as a new column of the same kind. */
export function takeColumn(column: Column, rows: ArrayLike<number>): Column {
  const valid = takeValid(column.valid, rows);
  const length = rows.length;
  switch (column.kind) {
    case "numeric":
    case "datetime": {
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) values[i] = column.values[rows[i]];
      return { ...column, length, valid, values };
    }
    case "boolean": {
      const values = new Uint8Array(length);
      for (let i = 0; i < length; i++) values[i] = column.values[rows[i]];
      return { ...column, length, valid, values };
    }
    case "categorical":
    case "text": {
      const codes = new Int32Array(length);
      for (let i = 0; i < length; i++) codes[i] = column.codes[rows[i]];
      return { ...column, length, valid, codes };
    }
  }
}

/** The value of row `i` as a plain JS value (null when missing). Not for hot loops. */
export function valueAt(column: Column, i: number): number | string | boolean | Date | null {
  if (!isPresent(column, i)) return null;
  switch (column.kind) {
    case "numeric":
      return column.values[i];
    case "datetime":
      return new Date(column.values[i]);
    case "boolean":
      return column.values[i] === 1;
    case "categorical":
    case "text":
      return column.dictionary[column.codes[i]];
  }
}
