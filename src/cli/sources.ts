import type { Dataset } from "../data/column.js";
import type { ReadOptions } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import type { Source } from "../stats/source.js";

/**
 * A URL scheme the CLI accepts wherever it takes a file (profile, drift, skew, validate, fairness): an argument that
 * starts with `prefix` is opened as a {@link Source} instead of read as a file.
 */
export interface SourceScheme {
  /** What the argument starts with: "duckdb:", "clickhouse://". */
  prefix: string;
  /** The syntax, for help and errors: "duckdb:PATH_OR_GLOB[?where=SQL]". */
  syntax: string;
  /**
   * Opens the source (without querying yet). Throws INVALID_OPTION naming the URL and the fix when it is malformed;
   * {@link splitSourceUrl} splits the body from the `?name=value` parameters. The engine's module is loaded here,
   * so that a command given files loads none.
   */
  open(url: string): Promise<Source>;
}

/** A source URL split into its body (before `?`) and its parameters (`where`, `table`, …). */
export interface URLParameters {
  body: string;
  params: Map<string, string>;
}

const schemes: SourceScheme[] = [];

/** Registers a scheme (an engine's module calls this once; later registrations of a prefix replace earlier ones). */
export function registerSourceScheme(scheme: SourceScheme): void {
  const i = schemes.findIndex((s) => s.prefix === scheme.prefix);
  if (i >= 0) schemes[i] = scheme;
  else schemes.push(scheme);
}

/** The registered schemes' syntaxes, for usage texts. */
export function sourceSyntaxes(): string[] {
  return schemes.map((s) => s.syntax);
}

/** The scheme an argument uses, or undefined for a file path. */
export function schemeOf(argument: string): SourceScheme | undefined {
  return schemes.find((s) => argument.startsWith(s.prefix));
}

/** True when the argument is a source URL of a registered scheme. */
export function isSourceUrl(argument: string): boolean {
  return schemeOf(argument) !== undefined;
}

/** Percent-decoding where it is valid (`%3D` → `=`); SQL such as `LIKE 'a%'` is kept as typed. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits `PREFIX BODY[?name=value&name=value]`: the parameters start at the first `?` that is followed by a known
 * name and `=`, and `&` separates them only before a known name (so a where condition may contain `&` and `?`).
 */
export function splitSourceUrl(
  url: string,
  prefix: string,
  names: readonly string[],
  syntax: string,
): URLParameters {
  const rest = url.slice(prefix.length);
  const namePattern = names.map((n) => n.replace(/[^a-z0-9_]/gi, "")).join("|");
  const start = rest.search(new RegExp(`\\?(?=(${namePattern})=)`));
  const body = start < 0 ? rest : rest.slice(0, start);
  const params = new Map<string, string>();
  if (start >= 0) {
    const query = rest.slice(start + 1);
    for (const part of query.split(new RegExp(`&(?=(?:${namePattern})=)`))) {
      const eq = part.indexOf("=");
      const name = part.slice(0, eq);
      if (params.has(name)) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `${url}: parameter "${name}" is given twice. Syntax: ${syntax}`,
          { subject: url },
        );
      }
      params.set(name, decode(part.slice(eq + 1)));
    }
  } else if (rest.includes("?")) {
    const unknown = rest.slice(rest.indexOf("?") + 1).split("=")[0];
    throw new DriftlabError(
      "INVALID_OPTION",
      `${url}: unknown parameter "${unknown}". Parameters are ${names.join(", ")}; syntax: ${syntax}`,
      { subject: url },
    );
  }
  if (body.trim() === "") {
    throw new DriftlabError("INVALID_OPTION", `${url}: nothing after "${prefix}". Syntax: ${syntax}`, {
      subject: url,
    });
  }
  return { body: decode(body), params };
}

/** Opens a source URL (INVALID_OPTION naming the URL, the registered syntaxes and the fix when none matches). */
export async function openSource(url: string): Promise<Source> {
  const scheme = schemeOf(url);
  if (scheme === undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${url} is not a source URL. Sources: ${sourceSyntaxes().join(", ")}; anything else is read as a file.`,
      { subject: url },
    );
  }
  return scheme.open(url);
}

/**
 * What a command takes where it takes a file: a source URL (opened, not yet queried) or a file (read). The sources
 * opened go into `opened`, so that the command closes them when done ({@link closeAll}).
 */
export async function readInput(
  argument: string,
  readOptions: ReadOptions,
  opened: Source[],
): Promise<Dataset | Source> {
  if (isSourceUrl(argument)) {
    const source = await openSource(argument);
    opened.push(source);
    return source;
  }
  // Loaded here: a command that only parses its arguments (or fails on them) loads no reader.
  const { read } = await import("../data/read.js");
  return read(argument, readOptions);
}

/**
 * A command's inputs (files read, source URLs opened; all at once), handed to `use`; the sources are closed when it
 * is done, whatever happens.
 */
export async function withInputs<T>(
  paths: readonly string[],
  readOptions: ReadOptions,
  use: (inputs: (Dataset | Source)[]) => Promise<T>,
): Promise<T> {
  const opened: Source[] = [];
  try {
    return await use(await Promise.all(paths.map((path) => readInput(path, readOptions, opened))));
  } finally {
    await closeAll(opened);
  }
}

/** Closes the sources a command opened (errors while closing are ignored: the report is already out). */
export async function closeAll(opened: readonly Source[]): Promise<void> {
  await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
}

/** The line the usage texts show under "Sources". */
export function sourcesUsage(): string {
  return `Wherever a file is taken, a source is computed in its engine instead: ${sourceSyntaxes().join(", ")}.`;
}

const DUCKDB_SYNTAX =
  "duckdb:PATH_OR_GLOB[?where=SQL] (a DuckDB database file: duckdb:FILE.duckdb?table=T[&where=SQL])";

registerSourceScheme({
  prefix: "duckdb:",
  syntax: DUCKDB_SYNTAX,
  async open(url) {
    const { body, params } = splitSourceUrl(url, "duckdb:", ["where", "table"], DUCKDB_SYNTAX);
    const { duckdb } = await import("../sources/duckdb.js");
    return duckdb(body, { where: params.get("where"), table: params.get("table") });
  },
});

// Engines register their schemes below (one line each), e.g. registerSourceScheme(clickhouseScheme).
registerSourceScheme({
  prefix: "clickhouse://",
  syntax: "clickhouse://HOST:HTTP_PORT/DATABASE.TABLE[?where=SQL]",
  async open(url) {
    const { clickhouse, clickhouseOptionsFromUrl } = await import("../sources/clickhouse.js");
    return clickhouse(clickhouseOptionsFromUrl(url));
  },
});
