import { DriftlabError } from "../errors.js";
import { duckdbDialect } from "./dialect.js";
import { SqlSource } from "./sql-source.js";
import type { SqlEngine, SqlRow } from "./types.js";

/** The package DuckDB sources need (an optional dependency of driftlab). */
export const DUCKDB_PACKAGE = "@duckdb/node-api";

/** What driftlab uses of a `@duckdb/node-api` connection (structural, so that its types are not needed to compile). */
export interface DuckDBConnectionLike {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
  closeSync?(): void;
  disconnectSync?(): void;
}

/** What driftlab uses of a `@duckdb/node-api` instance. */
export interface DuckDBInstanceLike {
  connect(): Promise<DuckDBConnectionLike>;
  closeSync?(): void;
}

interface DuckDBModule {
  DuckDBInstance: { create(path?: string, options?: Record<string, string>): Promise<DuckDBInstanceLike> };
}

/** @internal Loads @duckdb/node-api; MISSING_DEPENDENCY naming the package and the install command when absent. */
export async function loadDuckDB(
  load: () => Promise<unknown> = () => import(DUCKDB_PACKAGE),
): Promise<DuckDBModule> {
  try {
    return (await load()) as DuckDBModule;
  } catch (error) {
    throw new DriftlabError(
      "MISSING_DEPENDENCY",
      `DuckDB sources need the optional package ${DUCKDB_PACKAGE}, which is not installed. Install it: npm install ${DUCKDB_PACKAGE}`,
      { subject: DUCKDB_PACKAGE, cause: error },
    );
  }
}

/** Options of the DuckDB engine driftlab opens itself. */
export interface DuckDBOptions {
  /** Threads DuckDB may use. Default: DuckDB's (all cores). */
  threads?: number;
  /** DuckDB's memory_limit, e.g. "512MB". Default: DuckDB's (80% of RAM). Larger work spills to disk. */
  memoryLimit?: string;
}

/** A DuckDB engine over a connection: the {@link SqlEngine} of `duckdb()` and `sql()`. */
export class DuckDBEngine implements SqlEngine {
  readonly name = "duckdb";
  readonly dialect = duckdbDialect;
  #connection: Promise<DuckDBConnectionLike>;
  #owned: DuckDBInstanceLike | undefined;
  readonly #label: string;

  /** @internal Use {@link duckdb} or {@link sql}. */
  constructor(connection: Promise<DuckDBConnectionLike>, label: string, owned?: DuckDBInstanceLike) {
    this.#connection = connection;
    // The failure (e.g. MISSING_DEPENDENCY) is reported by the first query, not as an unhandled rejection.
    connection.catch(() => undefined);
    this.#label = label;
    this.#owned = owned;
  }

  /** An engine on a new in-memory DuckDB (closed with the source). */
  static open(label: string, options: DuckDBOptions = {}): DuckDBEngine {
    const settings: Record<string, string> = {};
    if (options.threads !== undefined) settings.threads = String(options.threads);
    if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
    const holder: { engine?: DuckDBEngine } = {};
    const engine = new DuckDBEngine(
      (async () => {
        const { DuckDBInstance } = await loadDuckDB();
        const instance = await DuckDBInstance.create(":memory:", settings);
        holder.engine!.#owned = instance;
        return instance.connect();
      })(),
      label,
    );
    holder.engine = engine;
    return engine;
  }

  /** An engine on a DuckDB instance or connection the caller opened (and closes). */
  static over(db: DuckDBInstanceLike | DuckDBConnectionLike, label: string): DuckDBEngine {
    const connection = "runAndReadAll" in db ? Promise.resolve(db) : (db as DuckDBInstanceLike).connect();
    return new DuckDBEngine(connection, label);
  }

  async query(sql: string): Promise<SqlRow[]> {
    const connection = await this.#connection;
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as SqlRow[];
    } catch (error) {
      throw duckdbFailure(error, this.#label);
    }
  }

  async describe(relation: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.query(`DESCRIBE SELECT * FROM ${relation}`);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  async close(): Promise<void> {
    if (this.#owned === undefined) return;
    const connection = await this.#connection.catch(() => undefined);
    (connection?.closeSync ?? connection?.disconnectSync)?.call(connection);
    this.#owned.closeSync?.();
    this.#owned = undefined;
  }
}

/** A DuckDB error as a DriftlabError: FILE_NOT_FOUND for missing files, else SOURCE_FAILED with DuckDB's words. */
function duckdbFailure(error: unknown, label: string): DriftlabError {
  if (error instanceof DriftlabError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/No files found|does not exist|Cannot open file/i.test(message)) {
    return new DriftlabError(
      "FILE_NOT_FOUND",
      `${label}: DuckDB found no file: ${firstLine(message)}. Check the path or glob (relative paths are from the working directory).`,
      { subject: label, cause: error },
    );
  }
  return new DriftlabError(
    "SOURCE_FAILED",
    `${label}: DuckDB failed: ${firstLine(message)}. Check the query, the where condition and the file.`,
    { subject: label, cause: error },
  );
}

function firstLine(message: string): string {
  const line = message.split("\n").find((l) => l.trim() !== "") ?? message;
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}

/** Options of {@link duckdb}. */
export interface DuckDBSourceOptions extends DuckDBOptions {
  /** An SQL condition on the rows, e.g. `"delay > 0"` (the CLI's `?where=`). Default: every row. */
  where?: string;
  /** For a DuckDB database file (.duckdb, .db): the table to read, e.g. "events" or "main.events". */
  table?: string;
}

/** The DuckDB table function that reads `path` by its extension, or undefined for a database file. */
function reader(path: string): string | undefined {
  const lower = path.toLowerCase().replace(/\.(gz|zst)$/, "");
  const quoted = duckdbDialect.string(path);
  if (lower.endsWith(".parquet") || lower.endsWith(".pq")) return `read_parquet(${quoted})`;
  if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt"))
    return `read_csv(${quoted})`;
  if (lower.endsWith(".json") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
    return `read_json_auto(${quoted})`;
  }
  return undefined;
}

/**
 * A source over Parquet, CSV or JSON files — one path or a glob (`"logs/2026-*.parquet"`) — or a table of a DuckDB
 * database file (`{ table }`), computed by an embedded DuckDB (the optional package @duckdb/node-api; without it,
 * MISSING_DEPENDENCY). Rows stay in DuckDB, which streams files larger than memory. Close it with `close()`.
 *
 * @example await profile(duckdb("flights/*.parquet", { where: "delay > 0" }))
 */
export function duckdb(pathOrGlob: string, options: DuckDBSourceOptions = {}): SqlSource {
  if (typeof pathOrGlob !== "string" || pathOrGlob.trim() === "") {
    throw new DriftlabError(
      "INVALID_OPTION",
      'duckdb() needs a path or glob, e.g. duckdb("data/*.parquet").',
      { subject: "path" },
    );
  }
  let relation = reader(pathOrGlob);
  const label = `duckdb:${pathOrGlob}`;
  const engine = DuckDBEngine.open(label, options);
  if (relation === undefined) {
    if (options.table === undefined) {
      throw new DriftlabError(
        "UNKNOWN_FORMAT",
        `${label}: not a Parquet, CSV or JSON file by its extension. For a DuckDB database file give the table: duckdb(path, { table: "events" }).`,
        { subject: pathOrGlob },
      );
    }
    const attached = engine.query(`ATTACH ${duckdbDialect.string(pathOrGlob)} AS driftlab_db (READ_ONLY)`);
    relation = `driftlab_db.${options.table
      .split(".")
      .map((part) => duckdbDialect.identifier(part))
      .join(".")}`;
    const query = engine.query.bind(engine);
    // Every query waits for the ATTACH.
    Object.defineProperty(engine, "query", {
      value: async (sql: string) => {
        await attached;
        return query(sql);
      },
    });
  }
  const where = options.where?.trim() === "" ? undefined : options.where;
  return new SqlSource({
    engine,
    relation,
    where,
    description: `${label}${options.table === undefined ? "" : `#${options.table}`}${where === undefined ? "" : `?where=${where}`}`,
    ownsEngine: true,
  });
}

/**
 * A source over the result of a SELECT on a DuckDB instance or connection you opened (`@duckdb/node-api`), e.g.
 * over its tables: `sql(db, "SELECT * FROM events WHERE day = 1")`. Also takes any {@link SqlEngine}. The source
 * does not close `db`.
 *
 * @example await drift(sql(db, "SELECT * FROM t WHERE month = 1"), sql(db, "SELECT * FROM t WHERE month = 6"))
 */
export function sql(
  db: DuckDBInstanceLike | DuckDBConnectionLike | SqlEngine,
  query: string,
  options: { where?: string } = {},
): SqlSource {
  if (typeof query !== "string" || !/^\s*(SELECT|WITH|FROM|VALUES|\()/i.test(query)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `sql() needs a SELECT query, got ${JSON.stringify(String(query).slice(0, 80))}. Example: sql(db, "SELECT * FROM events").`,
      { subject: "query" },
    );
  }
  const text = query.trim().replace(/;\s*$/, "");
  const isEngine = "dialect" in db && "describe" in db;
  const engine: SqlEngine = isEngine
    ? (db as SqlEngine)
    : DuckDBEngine.over(db as DuckDBInstanceLike | DuckDBConnectionLike, `duckdb: ${text}`);
  return new SqlSource({
    engine,
    relation: `(${text}) AS driftlab_query`,
    where: options.where,
    description: `${engine.name}: ${text}${options.where === undefined ? "" : ` WHERE ${options.where}`}`,
  });
}
