import { DriftlabError } from "../errors.js";
import type { Profile } from "../stats/profile.js";
import type { Source, SourceColumn, SourceProfileOptions } from "../stats/source.js";
// Loads the analyses over sources (drift, validate, …), so that any source made here can be analysed.
import "./analyses.js";
import { sqlGroupCounts, sqlHistogram, sqlProfile, sqlSample } from "./sql-profile.js";
import type { SqlTable } from "./types.js";

/**
 * A {@link Source} over a table of an SQL engine: every engine (DuckDB, ClickHouse, …) is an {@link SqlEngine}
 * turned into sources by this. The table's rows never come into Node: profiles, histograms, group counts and
 * bounded samples are computed by SQL (src/sources/sql-profile.ts).
 */
export class SqlSource implements Source {
  readonly driftlabSource = true as const;
  readonly description: string;
  readonly engine: string;
  /** @internal The table (engine, relation, where) the queries run on. */
  readonly table: SqlTable;
  #columns: Promise<SourceColumn[]> | undefined;

  constructor(table: SqlTable) {
    this.table = table;
    this.engine = table.engine.name;
    this.description =
      table.description ??
      `${table.engine.name}:${table.relation}${table.where === undefined ? "" : `?where=${table.where}`}`;
  }

  columns(): Promise<SourceColumn[]> {
    this.#columns ??= this.table.engine
      .describe(this.table.relation)
      .then((cols) =>
        cols.map((c) => ({ name: c.name, type: c.type, kind: this.table.engine.dialect.kindOf(c.type) })),
      );
    return this.#columns;
  }

  async profile(options: SourceProfileOptions = {}): Promise<Profile> {
    return sqlProfile(this.table, this.description, await this.columns(), options);
  }

  async histogram(column: string, edges: readonly number[]): Promise<number[]> {
    return sqlHistogram(this.table, await this.#column(column), edges);
  }

  async groupCounts(columns: readonly string[]): Promise<{ values: (string | null)[]; count: number }[]> {
    for (const c of columns) await this.#column(c);
    return sqlGroupCounts(this.table, columns);
  }

  async sample(
    columns: readonly string[],
    rows: number,
    seed: number,
    by?: readonly string[],
  ): Promise<Record<string, unknown>[]> {
    for (const c of [...columns, ...(by ?? [])]) await this.#column(c);
    return sqlSample(this.table, columns, rows, seed, by);
  }

  /** The column named `name`; MISSING_COLUMN naming the source and its columns. */
  async #column(name: string): Promise<SourceColumn> {
    const columns = await this.columns();
    const found = columns.find((c) => c.name === name);
    if (found === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `${this.description} has no column "${name}". Columns are: ${columns.map((c) => `"${c.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return found;
  }

  async close(): Promise<void> {
    if (this.table.ownsEngine === true) await this.table.engine.close();
  }

  toString(): string {
    return this.description;
  }
}

/** A {@link Source} over `table` (an engine, a FROM item, an optional where): see {@link SqlSource}. */
export function sqlSource(table: SqlTable): SqlSource {
  return new SqlSource(table);
}
