/**
 * `driftlab render`: executes notebooks through driftlab's kernel (our own client, no Python) and writes them as
 * standalone HTML pages with an index page, or as executed .ipynb files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { marked } from "marked";
import { cspMetaElement, fileHref } from "../report/csp.js";
import { escapeHtml } from "../report/html.js";
import { DriftlabError } from "../errors.js";
import { KernelClient, kernelEntryPoint, KernelTimeoutError } from "./client.js";
import { readNotebook, sourceOf, type Cell, type Notebook, type Output } from "./format.js";
import { DEFAULT_MIN_COUNT, type PrivacyOptions } from "../report/privacy.js";
import { notebookToHTML } from "./html.js";
import { shareableNotebook } from "./privacy.js";
import { sanitizeHTML } from "./sanitize.js";

/** A cell raised an error while the notebook ran (and errors were not allowed). */
export class CellExecutionError extends Error {
  override readonly name = "CellExecutionError";

  constructor(
    /** The notebook's path. */
    readonly notebook: string,
    /** The cell's number, counting every cell from 1 as Jupyter shows them. */
    readonly cellNumber: number,
    readonly ename: string,
    readonly evalue: string,
    readonly traceback: string[],
  ) {
    super(
      `${notebook}: cell ${cellNumber} failed: ${ename}: ${evalue}\n` +
        `(fix the cell, or pass --allow-errors to render the notebook with the error in it)`,
    );
  }
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** The kernel's working folder. Default: the notebook's folder when `path` is given, else the current folder. */
  cwd?: string;
  /** The notebook's path, used in messages and for the default `cwd`. Default "notebook". */
  path?: string;
  /** Keep running after a cell error (the error is saved in the cell's outputs). Default false. */
  allowErrors?: boolean;
  /** Longest run of one cell, in milliseconds; the cell is interrupted and the run fails after it. Default 600 000. */
  cellTimeoutMs?: number;
  /** Called after each code cell (progress). */
  onCell?: (cellNumber: number, cellCount: number, elapsedMs: number) => void;
}

/**
 * Runs every code cell of `notebook` in a new driftlab kernel, in order, and returns an executed copy: outputs and
 * execution counts replaced, as Jupyter saves them. Throws {@link CellExecutionError} on the first failing cell
 * unless `allowErrors`. The kernel is always shut down.
 */
export async function executeNotebook(notebook: Notebook, options: ExecuteOptions = {}): Promise<Notebook> {
  const path = options.path ?? "notebook";
  const cwd = options.cwd ?? (options.path === undefined ? process.cwd() : dirname(resolve(options.path)));
  const executed = structuredClone(notebook);
  if (!existsSync(kernelEntryPoint())) {
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `driftlab's kernel is not built (${kernelEntryPoint()} is missing): run \`npm run build\`.`,
    );
  }
  const timeoutMs = options.cellTimeoutMs ?? 600_000;
  const kernel = await KernelClient.start({ cwd });
  try {
    await kernel.ready(60_000);
    for (const [index, cell] of executed.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const started = Date.now();
      const source = sourceOf(cell);
      let run: Awaited<ReturnType<KernelClient["runCell"]>>;
      try {
        run =
          source.trim() === ""
            ? { status: "ok", executionCount: null, outputs: [] }
            : await kernel.runCell(source, timeoutMs);
      } catch (error) {
        if (!(error instanceof KernelTimeoutError)) throw error;
        const seconds = `${timeoutMs / 1000} s`;
        throw new CellExecutionError(
          path,
          index + 1,
          "TimeoutError",
          `the cell ran longer than ${seconds}`,
          [],
        );
      }
      cell.outputs = run.outputs;
      cell.execution_count = run.executionCount;
      options.onCell?.(index + 1, executed.cells.length, Date.now() - started);
      if (run.status === "error" && options.allowErrors !== true) {
        const error = run.error ?? { ename: "Error", evalue: "", traceback: [] };
        throw new CellExecutionError(path, index + 1, error.ename, error.evalue, error.traceback);
      }
    }
  } finally {
    await kernel.close();
  }
  executed.metadata = {
    ...executed.metadata,
    kernelspec: executed.metadata.kernelspec ?? {
      name: "driftlab",
      display_name: "TypeScript (driftlab)",
      language: "typescript",
    },
    language_info: {
      name: "typescript",
      file_extension: ".ts",
      mimetype: "text/typescript",
      ...(executed.metadata.language_info as Record<string, unknown> | undefined),
    },
  };
  return executed;
}

/** Jupyter's JSON MIME types (`application/json`, `*+json`) stay JSON; other strings are saved as lists of lines. */
function isJsonMime(mime: string): boolean {
  return mime === "application/json" || mime.endsWith("+json");
}

function lines(text: string | string[]): string[] {
  return Array.isArray(text) ? text : text.split(/(?<=\n)/).filter((line) => line !== "");
}

function savedOutput(output: Output): Output {
  if (output.output_type === "stream") return { ...output, text: lines(output.text) };
  if (output.output_type === "error") return output;
  const data = Object.fromEntries(
    Object.entries(output.data).map(([mime, value]) => [
      mime,
      !isJsonMime(mime) && typeof value === "string" ? lines(value) : value,
    ]),
  );
  if (output.output_type === "display_data") {
    return { output_type: "display_data", data, metadata: output.metadata ?? {} };
  }
  return { ...output, data, metadata: output.metadata ?? {} };
}

/** The notebook as Jupyter writes it (nbformat 4, sources and texts as lists of lines, one-space indent). */
export function notebookToJSON(notebook: Notebook): string {
  const cells = notebook.cells.map((cell): Cell => {
    const saved: Cell = { ...cell, source: lines(cell.source), metadata: cell.metadata ?? {} };
    if (cell.cell_type === "code") {
      saved.outputs = (cell.outputs ?? []).map(savedOutput);
      saved.execution_count = cell.execution_count ?? null;
    }
    return saved;
  });
  return JSON.stringify({ ...notebook, cells }, null, 1) + "\n";
}

/**
 * A notebook's title (its first `#` heading, as text) and a one-line description (the first paragraph after it, as
 * sanitized HTML).
 */
export function notebookSummary(notebook: Notebook): { title?: string; description?: string } {
  let title: string | undefined;
  let description: string | undefined;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    for (const token of marked.lexer(sourceOf(cell))) {
      if (token.type === "heading" && title === undefined && token.depth === 1) title = token.text;
      else if (token.type === "paragraph" && description === undefined) {
        description = sanitizeHTML(
          marked.parseInline(token.text.replace(/\s*\n\s*/g, " "), { async: false }),
        );
      }
      if (title !== undefined && description !== undefined) return { title, description };
    }
  }
  return { title, description };
}

/** One entry of the index page. */
export interface IndexEntry {
  /** A URL relative to the index (use {@link fileHref} for a file name); unsafe schemes are replaced by "#". */
  href: string;
  title: string;
  /** HTML (inline). */
  description?: string;
}

/** Options of {@link indexPage}. */
export interface IndexPageOptions {
  /** Default "Notebooks". */
  title?: string;
  /** An introduction paragraph (HTML). */
  intro?: string;
  /** Further links under a heading of their own, e.g. report pages. */
  more?: { heading: string; entries: IndexEntry[] };
}

const INDEX_STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0}
main{max-width:860px;margin:0 auto;padding:32px}h1{font-size:28px}h2{font-size:18px;margin-top:32px}
ul{list-style:none;padding:0}li{margin:0 0 18px}li>a{font-size:17px;font-weight:600;color:#0969da;text-decoration:none}
li>a:hover{text-decoration:underline}li p{margin:4px 0 0;color:#59636e;line-height:1.5}
code{background:#f6f8fa;padding:1px 4px;border-radius:4px;font-size:90%}`;

/** A link target that cannot run script: a relative or http(s) URL, else "#". */
function safeHref(href: string): string {
  return /^(?:https?:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i.test(href.trim()) ? href : "#";
}

function entryList(entries: IndexEntry[]): string {
  return `<ul>${entries
    .map(
      (e) =>
        `<li><a href="${escapeHtml(safeHref(e.href))}">${escapeHtml(e.title)}</a>${
          e.description === undefined ? "" : `<p>${sanitizeHTML(e.description)}</p>`
        }</li>`,
    )
    .join("\n")}</ul>`;
}

/** The index page: a list of the rendered notebooks with their descriptions. */
export function indexPage(entries: IndexEntry[], options: IndexPageOptions = {}): string {
  const title = options.title ?? "Notebooks";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${cspMetaElement()}
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${INDEX_STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${options.intro === undefined ? "" : `<p>${sanitizeHTML(options.intro)}</p>`}
${entryList(entries)}
${options.more === undefined || options.more.entries.length === 0 ? "" : `<h2>${escapeHtml(options.more.heading)}</h2>${entryList(options.more.entries)}`}
</main></body></html>
`;
}

/**
 * The page renderer script built by `npm run build` (dist/page/renderer.js), or undefined when it was not built
 * (pages then show static reports).
 */
export function pageRendererScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, "..", "page", "renderer.js"),
    join(here, "..", "..", "dist", "page", "renderer.js"),
  ]) {
    if (existsSync(candidate)) return readFileSync(candidate, "utf8");
  }
  return undefined;
}

/** Options of {@link renderNotebooks}. */
export interface RenderOptions {
  /** Output folder, created if needed. Default "site". */
  outDir?: string;
  /** Run the notebooks first (each in a new kernel whose cwd is the notebook's folder). Default false. */
  execute?: boolean;
  /** "html": one page per notebook and index.html; "ipynb": the (executed) notebooks. Default "html". */
  format?: "html" | "ipynb";
  /** Keep going after a cell error. Default false. */
  allowErrors?: boolean;
  /** Longest run of one cell, in milliseconds. Default 600 000. */
  cellTimeoutMs?: number;
  /**
   * The privacy of the written pages and notebooks (docs/privacy.md): every saved driftlab report is protected with
   * `shareableReport` (categories, values and slices with fewer than `minCount` = 10 members left out, `sensitive`
   * columns hashed or redacted) and its static HTML, text and chart are made again from the protected JSON.
   * Default `{}` (on, k = 10); `false` writes the reports as saved.
   */
  privacy?: PrivacyOptions | false;
  /** Index page title and intro. */
  index?: IndexPageOptions;
  /** Progress and notices. Default: nothing. */
  log?: (line: string) => void;
}

/** What {@link renderNotebooks} wrote. */
export interface RenderResult {
  /** The written files, one per notebook, in the order given. */
  files: { notebook: string; output: string; title: string; description?: string; ms: number }[];
  /** The index page (format "html" only). */
  index?: string;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}-${i}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Renders notebooks: reads each (a missing file or a non-notebook throws a DriftlabError), executes it when asked, and
 * writes it into `outDir` as a standalone page (driftlab widgets and Vega-Lite charts interactive offline; vega and the
 * widget code inlined once per page) plus `index.html`, or as an executed .ipynb.
 */
export async function renderNotebooks(
  paths: readonly string[],
  options: RenderOptions = {},
): Promise<RenderResult> {
  const outDir = options.outDir ?? "site";
  const format = options.format ?? "html";
  const log = options.log ?? (() => undefined);
  // Check every input before running anything: a typo in the last path should not cost a long run.
  const notebooks = paths.map((path) => ({ path, notebook: readNotebook(path) }));
  const rendererScript = format === "html" ? pageRendererScript() : undefined;
  if (format === "html" && rendererScript === undefined) {
    log(
      "driftlab render: dist/page/renderer.js is missing (run `npm run build`); pages show static reports.",
    );
  }
  mkdirSync(outDir, { recursive: true });
  const taken = new Set<string>(["index"]);
  const result: RenderResult = { files: [] };
  for (const { path, notebook } of notebooks) {
    const started = Date.now();
    const name = uniqueName(basename(path).replace(/\.ipynb$/i, ""), taken);
    const done = options.execute
      ? await executeNotebook(notebook, {
          path,
          allowErrors: options.allowErrors,
          cellTimeoutMs: options.cellTimeoutMs,
          onCell: (n, count, ms) => log(`${path}: cell ${n}/${count} ran in ${(ms / 1000).toFixed(1)} s`),
        })
      : notebook;
    const privacy = options.privacy ?? {};
    let shared = done;
    if (privacy !== false) {
      const protectedCopy = await shareableNotebook(done, privacy);
      shared = protectedCopy.notebook;
      const { suppressed, redactedColumns, dropped } = protectedCopy.summary;
      const parts = [
        suppressed > 0
          ? `${suppressed} categories, values or slices with fewer than ${privacy.minCount ?? DEFAULT_MIN_COUNT} members left out`
          : "",
        redactedColumns.length > 0
          ? `values of ${redactedColumns.join(", ")} ${privacy.sensitiveValues === "redact" ? "redacted" : "hashed"}`
          : "",
        dropped > 0 ? `${dropped} unreadable report output(s) replaced by a note` : "",
      ].filter((p) => p !== "");
      if (parts.length > 0) log(`${path}: privacy: ${parts.join("; ")} (--min-count, --no-privacy)`);
    }
    const { title, description } = notebookSummary(shared);
    const output = join(outDir, `${name}.${format}`);
    writeFileSync(
      output,
      format === "ipynb"
        ? notebookToJSON(shared)
        : notebookToHTML(shared, {
            rendererScript,
            navigation: [{ href: "./index.html", label: "← All notebooks" }],
          }),
    );
    const ms = Date.now() - started;
    log(`${path} → ${output} (${(ms / 1000).toFixed(1)} s)`);
    result.files.push({ notebook: path, output, title: title ?? name, description, ms });
  }
  if (format === "html") {
    result.index = join(outDir, "index.html");
    const entries = result.files.map((f) => ({
      href: fileHref(basename(f.output)),
      title: f.title,
      description: f.description,
    }));
    writeFileSync(result.index, indexPage(entries, options.index));
  }
  return result;
}
