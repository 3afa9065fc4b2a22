import { DriftlabError } from "../errors.js";
import { clickhouseDialect } from "./clickhouse-dialect.js";
import type { Profile, SourceProfileOptions } from "../stats/profile.js";
import { SqlSource } from "./sql-source.js";
import type { SqlEngine, SqlRow, SqlValue } from "./types.js";

/** The npm package the engine talks to ClickHouse through (an optional dependency of driftlab). */
export const CLICKHOUSE_CLIENT_PACKAGE = "@clickhouse/client";

/**
 * Default quantile-summary buckets of a ClickHouse source (`SourceProfileOptions.summaryBuckets`; the shared
 * builder's default is 2048). ClickHouse groups by a small integer key cheaply, but the builder's refinement
 * rounds are one `CASE` with a branch per heavy bucket, and ClickHouse 18.16 evaluates every branch of it (its
 * `multiIf` does not short-circuit): on flights-3m on a busy machine a refinement query took 82 s, the whole
 * profile 100 s; with 16384 buckets no bucket needed refining and the profile took 6.4 s, with a smaller bound.
 */
export const CLICKHOUSE_SUMMARY_BUCKETS = 16_384;

/** Default per-query timeout of {@link clickhouseEngine}: 10 minutes (the client's own default is 30 s). */
export const CLICKHOUSE_TIMEOUT_MS = 600_000;

/** How to reach a ClickHouse server over HTTP. */
export interface ClickHouseConnectionOptions {
  /** The server's HTTP(S) endpoint, e.g. `"http://127.0.0.1:8123"` (ClickHouse's HTTP port, 8123 by default). */
  url: string;
  /** User name. Default: the one in `url`, else ClickHouse's `default` user. */
  username?: string;
  /** Password. Default: the one in `url`, else empty. */
  password?: string;
  /** Per-query timeout in milliseconds. Default {@link CLICKHOUSE_TIMEOUT_MS} (10 minutes). */
  timeoutMs?: number;
}

/** A ClickHouse table as a source: {@link clickhouse}'s options. */
export interface ClickHouseSourceOptions extends ClickHouseConnectionOptions {
  /**
   * `"database.table"`, or `"table"` in the `default` database: letters, digits and `_` (checked, then quoted). For a
   * cluster, name the `Distributed` table: every analysis then runs on all shards.
   */
  table: string;
  /**
   * An SQL condition on the rows, in ClickHouse's SQL, e.g. `"toMonth(ts) = 1"`. It is the user's SQL by design and
   * is sent as written (docs/security.md): give it only from people who may query the table anyway.
   */
  where?: string;
  /** How reports name the source. Default: `clickhouse://HOST:PORT/DATABASE.TABLE[?where=…]` (no credentials). */
  description?: string;
}

/** The parts of `@clickhouse/client` the engine uses (typed here so driftlab builds without the package). */
interface ClickHouseClientLike {
  query(params: {
    query: string;
    format: "JSON";
    clickhouse_settings?: Record<string, unknown>;
  }): Promise<{ json(): Promise<unknown> }>;
  close(): Promise<void>;
}

interface ClickHouseModuleLike {
  createClient(config: {
    url: string;
    username?: string;
    password?: string;
    request_timeout?: number;
    log?: { level?: number };
  }): ClickHouseClientLike;
  ClickHouseLogLevel?: { OFF: number };
}

interface JsonResponse {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits and checks `"database.table"` / `"table"`; INVALID_OPTION names the rule. */
export function clickhouseTableName(table: string): { database: string; table: string } {
  const parts = typeof table === "string" ? table.split(".") : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((part) => NAME.test(part))) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `ClickHouse table ${JSON.stringify(table)}: give "DATABASE.TABLE" or "TABLE" (database "default"), each part ` +
        `letters, digits and _ and not starting with a digit.`,
      { subject: "table" },
    );
  }
  return parts.length === 2
    ? { database: parts[0], table: parts[1] }
    : { database: "default", table: parts[0] };
}

/** Checks the endpoint and splits credentials off it: the URL without them, and them. */
function parseEndpoint(url: string): { endpoint: URL; username?: string; password?: string } {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new DriftlabError(
      "INVALID_OPTION",
      `ClickHouse url ${JSON.stringify(url)} is not a URL. Give the HTTP endpoint, e.g. "http://127.0.0.1:8123".`,
      { subject: "url" },
    );
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `ClickHouse url ${JSON.stringify(url)}: driftlab talks to ClickHouse over HTTP(S); give "http://HOST:8123" ` +
        `(the HTTP port, not the native TCP port 9000).`,
      { subject: "url" },
    );
  }
  const username = endpoint.username === "" ? undefined : decodeURIComponent(endpoint.username);
  const password = endpoint.password === "" ? undefined : decodeURIComponent(endpoint.password);
  endpoint.username = "";
  endpoint.password = "";
  return { endpoint, username, password };
}

async function loadClient(): Promise<ClickHouseModuleLike> {
  // A variable specifier: the package is optional, so neither tsc nor a bundler may require it.
  const specifier = CLICKHOUSE_CLIENT_PACKAGE;
  try {
    return (await import(specifier)) as ClickHouseModuleLike;
  } catch (error) {
    throw new DriftlabError(
      "MISSING_DEPENDENCY",
      `ClickHouse sources need the optional package ${CLICKHOUSE_CLIENT_PACKAGE}, which is not installed. ` +
        `Install it: npm install ${CLICKHOUSE_CLIENT_PACKAGE}`,
      { subject: CLICKHOUSE_CLIENT_PACKAGE, cause: error },
    );
  }
}

/** Reads a ClickHouse error's "Code: N, e.displayText() = DB::Exception: …" into a sentence and its code. */
function serverMessage(error: unknown): { code?: number; text: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const code = /Code:\s*(\d+)/.exec(raw);
  const text = raw
    .replace(/^Code:\s*\d+,\s*/, "")
    .replace(/^e\.displayText\(\)\s*=\s*/, "")
    .replace(/,\s*e\.what\(\)\s*=\s*DB::Exception\s*$/, "")
    .trim()
    .replace(/\.+$/, "");
  return { code: code === null ? undefined : Number(code[1]), text };
}

/** Numbers of a JSON result as JavaScript numbers: floats may be "nan"/"inf" strings, 64-bit integers strings. */
function convertValue(type: string, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  const base = type.replace(/^(Nullable|LowCardinality)\((.*)\)$/, "$2");
  if (typeof value === "string") {
    if (/^Float(32|64)$/.test(base)) {
      const lowered = value.toLowerCase();
      if (lowered === "nan" || lowered === "-nan") return NaN;
      if (lowered === "inf" || lowered === "+inf") return Infinity;
      if (lowered === "-inf") return -Infinity;
      return Number(value);
    }
    if (/^U?Int(64|128|256)$/.test(base)) {
      const big = BigInt(value);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big;
    }
    if (/^Decimal/.test(base)) return Number(value);
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  // Arrays and tuples are not asked for by the builder; pass them on as text rather than guess.
  return JSON.stringify(value);
}

/**
 * A ClickHouse server as an {@link SqlEngine} for the shared SQL profile builder: queries go over HTTP through
 * `@clickhouse/client` (an optional dependency, loaded on the first query), results come back as JSON with
 * `output_format_json_quote_denormals` on so that NaN and ±Infinity survive. Works with ClickHouse 18.16 (Debian's)
 * and current releases: the client's query parameters do not work on 18.16, so the dialect writes escaped literals.
 */
export function clickhouseEngine(options: ClickHouseConnectionOptions): SqlEngine {
  const { endpoint, username, password } = parseEndpoint(options.url);
  const where = endpoint.origin;
  let client: Promise<ClickHouseClientLike> | undefined;
  const connect = (): Promise<ClickHouseClientLike> => {
    client ??= loadClient().then((module) =>
      module.createClient({
        url: endpoint.toString().replace(/\/$/, ""),
        username: options.username ?? username,
        password: options.password ?? password,
        request_timeout: options.timeoutMs ?? CLICKHOUSE_TIMEOUT_MS,
        // The engine reports failures itself (as DriftlabErrors); the client's own logging would print them twice.
        log: { level: module.ClickHouseLogLevel?.OFF ?? 127 },
      }),
    );
    return client;
  };

  async function run(sql: string): Promise<JsonResponse> {
    const connection = await connect();
    try {
      const result = await connection.query({
        query: sql,
        format: "JSON",
        clickhouse_settings: { output_format_json_quote_denormals: 1 },
      });
      return (await result.json()) as JsonResponse;
    } catch (error) {
      throw queryFailure(error, sql);
    }
  }

  function queryFailure(error: unknown, sql: string): DriftlabError {
    const { code, text } = serverMessage(error);
    const errno = (error as { code?: unknown } | null)?.code;
    let fix = "Check the SQL (a `where` condition is sent as written) and the server's log.";
    if (
      errno === "ECONNREFUSED" ||
      errno === "ENOTFOUND" ||
      errno === "ECONNRESET" ||
      /ECONNREFUSED|ENOTFOUND/.test(text)
    ) {
      fix = `Is the server running, and is ${where} its HTTP port (8123 by default, not the native port 9000)?`;
    } else if (code === 60 || code === 81) {
      fix = "Check the database and table name (SHOW TABLES lists them).";
    } else if (code === 192 || code === 193 || code === 516) {
      fix =
        "Check the user name and password (in the URL as user:password@ or the username/password options).";
    } else if (code === 159 || /timeout/i.test(text)) {
      fix = `Raise timeoutMs (now ${options.timeoutMs ?? CLICKHOUSE_TIMEOUT_MS} ms) or narrow the rows with where.`;
    }
    const shown = sql.length > 300 ? `${sql.slice(0, 300)}…` : sql;
    return new DriftlabError("SOURCE_FAILED", `ClickHouse at ${where}: ${text}. ${fix} (query: ${shown})`, {
      subject: where,
      cause: error,
    });
  }

  return {
    name: "clickhouse",
    dialect: clickhouseDialect,
    async query(sql: string): Promise<SqlRow[]> {
      const response = await run(sql);
      const types = new Map(response.meta.map((column) => [column.name, column.type]));
      return response.data.map((row) => {
        const out: SqlRow = {};
        for (const [key, value] of Object.entries(row)) out[key] = convertValue(types.get(key) ?? "", value);
        return out;
      });
    },
    async describe(relation: string) {
      const response = await run(`DESCRIBE TABLE ${relation}`);
      return response.data.map((row) => ({ name: String(row.name), type: String(row.type) }));
    },
    async close() {
      if (client === undefined) return;
      const pending = client;
      client = undefined;
      try {
        await (await pending).close();
      } catch {
        // Nothing to free when connecting failed.
      }
    },
  };
}

/** An {@link SqlSource} whose profiles default to {@link CLICKHOUSE_SUMMARY_BUCKETS} summary buckets. */
class ClickHouseSource extends SqlSource {
  override profile(options: SourceProfileOptions = {}): Promise<Profile> {
    return super.profile({
      ...options,
      summaryBuckets: options.summaryBuckets ?? CLICKHOUSE_SUMMARY_BUCKETS,
    });
  }
}

/**
 * A ClickHouse table as a source (an {@link SqlSource}): `profile`, `drift`, `skew`, `validate` and `fairness` accept it and compute
 * in ClickHouse (SQL aggregates; only summaries come back). For a cluster, name its `Distributed` table.
 *
 * ```ts
 * const january = clickhouse({ url: "http://127.0.0.1:8123", table: "default.events", where: "toMonth(ts) = 1" });
 * const june = clickhouse({ url: "http://127.0.0.1:8123", table: "default.events", where: "toMonth(ts) = 6" });
 * const report = await drift(january, june);
 * ```
 *
 * Needs the optional dependency `@clickhouse/client` (MISSING_DEPENDENCY naming it when absent). The SQL runs on
 * ClickHouse 18.16 and current releases (docs/scale.md, "ClickHouse"). Errors: INVALID_OPTION for a bad url or table
 * name; SOURCE_FAILED (with the server's message and the fix) when a query fails.
 */
export function clickhouse(options: ClickHouseSourceOptions): SqlSource {
  const name = clickhouseTableName(options.table);
  const engine = clickhouseEngine(options);
  const { endpoint } = parseEndpoint(options.url);
  const { identifier } = clickhouseDialect;
  const where = options.where === undefined || options.where.trim() === "" ? undefined : options.where;
  const authority = endpoint.protocol === "https:" ? `${endpoint.host} (https)` : endpoint.host;
  return new ClickHouseSource({
    engine,
    relation: `${identifier(name.database)}.${identifier(name.table)}`,
    where,
    description:
      options.description ??
      `clickhouse://${authority}/${name.database}.${name.table}${where === undefined ? "" : `?where=${where}`}`,
    ownsEngine: true,
  });
}

/** The scheme of ClickHouse source URLs on the command line. */
export const CLICKHOUSE_URL_SCHEME = "clickhouse://";

/** Percent-decodes `text` when it is valid percent-encoding (a `+` stays a `+`), else returns it as written. */
function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The options of {@link clickhouse} from a CLI source URL:
 * `clickhouse://[USER[:PASSWORD]@]HOST:HTTP_PORT/DATABASE.TABLE[?where=SQL]`, e.g.
 * `clickhouse://127.0.0.1:8123/default.events?where=toMonth(ts)=1`. Everything after `?where=` is the condition
 * (percent-decoded when it is valid percent-encoding, else as written), so it may contain `=`, `&` and `+`.
 * Errors: INVALID_OPTION naming the part that is wrong and the expected form.
 */
export function clickhouseOptionsFromUrl(text: string): ClickHouseSourceOptions {
  const form = "clickhouse://HOST:HTTP_PORT/DATABASE.TABLE[?where=SQL]";
  const match = /^clickhouse:\/\/(?:([^@/?#]*)@)?([^/?#@]+)\/([^?#]*)(?:\?(.*))?$/s.exec(text);
  if (match === null) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${JSON.stringify(text)} is not a ClickHouse source URL. Write ${form}, e.g. ` +
        `clickhouse://127.0.0.1:8123/default.events?where=toMonth(ts)=1`,
      { subject: text },
    );
  }
  const [, userinfo, hostPort, table, query] = match;
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/.test(hostPort)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${JSON.stringify(text)}: give the host and the HTTP port ("127.0.0.1:8123"), not ${JSON.stringify(hostPort)}. ` +
        `Form: ${form}`,
      { subject: text },
    );
  }
  let where: string | undefined;
  if (query !== undefined && query !== "") {
    if (!query.startsWith("where=")) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `${JSON.stringify(text)}: the only parameter a ClickHouse source URL takes is ?where=SQL, not ` +
          `${JSON.stringify(query.split("=")[0])}. Form: ${form}`,
        { subject: text },
      );
    }
    where = decodeLoosely(query.slice("where=".length));
  }
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(":");
    username = decodeLoosely(colon < 0 ? userinfo : userinfo.slice(0, colon));
    password = colon < 0 ? undefined : decodeLoosely(userinfo.slice(colon + 1));
  }
  clickhouseTableName(decodeLoosely(table));
  return {
    url: `http://${hostPort}`,
    table: decodeLoosely(table),
    where,
    username,
    password,
  };
}
