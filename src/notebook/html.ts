import { marked } from "marked";
import { cspMetaElement } from "../report/csp.js";
import { escapeHtml } from "../report/html.js";
import { REPORT_MIME_TYPE, VEGA_LITE_MIME_TYPE } from "../report/report.js";
import { sourceOf, textOf, type Notebook, type Output } from "./format.js";
import { highlightTypeScript, stripAnsi } from "./highlight.js";
import { sanitizeHTML } from "./sanitize.js";

/** Options of {@link notebookToHTML}. */
export interface NotebookPageOptions {
  /** Page title. Default: the first markdown heading, else "Notebook". */
  title?: string;
  /**
   * The page renderer script (vega and the driftlab widget code, as one browser bundle), inlined once per page when
   * the notebook has interactive outputs. Without it, reports show their static HTML and charts their SVG fallback.
   */
  rendererScript?: string;
  /** Links shown at the top (e.g. back to the index). */
  navigation?: { href: string; label: string }[];
}

const PAGE_STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--border:#d0d7de;--code-bg:#f6f8fa;--accent:#0969da}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 32px 64px}
nav{font-size:13px;margin-bottom:12px}nav a{color:var(--accent);margin-right:12px}
.cell{margin:14px 0}
.md{line-height:1.55;font-size:15px}.md h1{font-size:26px}.md h2{font-size:20px;margin-top:28px}
.md code{background:var(--code-bg);padding:1px 4px;border-radius:4px;font-size:90%}
.md table{border-collapse:collapse}.md td,.md th{border:1px solid var(--border);padding:3px 8px}
.code{display:flex;gap:8px}.prompt{color:var(--muted);font:12px ui-monospace,monospace;min-width:52px;text-align:right;padding-top:8px}
pre.src{flex:1;margin:0;background:var(--code-bg);border:1px solid var(--border);border-radius:6px;padding:8px 12px;
font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-x:auto}
pre.src .k{color:#cf222e}pre.src .s{color:#0a3069}pre.src .c{color:#6e7781;font-style:italic}pre.src .n{color:#0550ae}
.outputs{margin:6px 0 0 60px;overflow-x:auto}
.outputs pre{margin:4px 0;font:12.5px/1.4 ui-monospace,monospace;white-space:pre-wrap}
.stderr{background:#fff8c5}.error{background:#ffebe9;color:#82071e;padding:6px 8px;border-radius:4px}
.outputs img{max-width:100%}
.privacy-note{margin:6px 0 2px;font-size:12.5px;color:var(--muted)}
`;

function firstHeading(nb: Notebook): string | undefined {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const match = /^#\s+(.+)$/m.exec(sourceOf(cell));
    if (match !== null) return match[1].trim();
  }
  return undefined;
}

/** Safe JSON inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Markdown from a notebook as sanitized HTML (raw HTML in markdown is allowed by Jupyter, so it is cleaned too). */
export function markdownToHTML(markdown: string): string {
  return sanitizeHTML(marked.parse(markdown, { async: false }));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What the privacy of shared reports left out of a report (its `omitted.notes` that start with "privacy:"), as a
 * paragraph shown above the widget (the widget replaces the static fallback, which lists the notes itself).
 */
function privacyNote(report: unknown): string {
  const notes = (report as { omitted?: { notes?: unknown } } | null)?.omitted?.notes;
  if (!Array.isArray(notes)) return "";
  const privacy = notes.filter((n): n is string => typeof n === "string" && n.startsWith("privacy:"));
  if (privacy.length === 0) return "";
  return `<p class="privacy-note">${privacy.map((n) => escapeHtml(n)).join("<br>")}</p>`;
}

/**
 * One output as HTML, choosing the richest MIME type the page can show. Everything from the notebook is escaped
 * (text) or sanitized (HTML, SVG, markdown): a saved output cannot run script in the page.
 */
export function outputToHTML(output: Output, interactive: boolean): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="${output.name === "stderr" ? "stderr" : "stdout"}">${escapeHtml(stripAnsi(textOf(output.text)))}</pre>`;
    case "error":
      return `<pre class="error">${escapeHtml(
        stripAnsi(
          output.traceback.length > 0 ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`,
        ),
      )}</pre>`;
    case "display_data":
    case "execute_result": {
      const data = output.data;
      const fallback = data["text/html"] !== undefined ? sanitizeHTML(textOf(data["text/html"])) : undefined;
      if (data[REPORT_MIME_TYPE] !== undefined && interactive) {
        return `${privacyNote(data[REPORT_MIME_TYPE])}<div class="driftlab-output" data-driftlab-report>${fallback ?? ""}<script type="application/json">${scriptJson(
          data[REPORT_MIME_TYPE],
        )}</script></div>`;
      }
      if (fallback !== undefined) return `<div class="html-output">${fallback}</div>`;
      if (data[VEGA_LITE_MIME_TYPE] !== undefined && interactive) {
        return `<div class="vega-output" data-vega-lite><script type="application/json">${scriptJson(data[VEGA_LITE_MIME_TYPE])}</script></div>`;
      }
      if (data["image/svg+xml"] !== undefined)
        return `<div>${sanitizeHTML(textOf(data["image/svg+xml"]))}</div>`;
      for (const image of ["image/png", "image/jpeg", "image/gif"]) {
        const base64 = data[image] === undefined ? undefined : textOf(data[image]).replace(/\s/g, "");
        if (base64 !== undefined && BASE64.test(base64))
          return `<img src="data:${image};base64,${base64}" alt="">`;
      }
      if (data["text/markdown"] !== undefined)
        return `<div class="md">${markdownToHTML(textOf(data["text/markdown"]))}</div>`;
      if (data["text/plain"] !== undefined)
        return `<pre>${escapeHtml(stripAnsi(textOf(data["text/plain"])))}</pre>`;
      return "";
    }
  }
}

/**
 * A standalone HTML page of a notebook: markdown rendered, code highlighted, streams, errors, and rich outputs. With
 * `rendererScript`, driftlab reports and Vega-Lite charts are interactive offline (the script is inlined once).
 */
export function notebookToHTML(nb: Notebook, options: NotebookPageOptions = {}): string {
  const interactive = options.rendererScript !== undefined;
  const cells = nb.cells.map((cell) => {
    const source = sourceOf(cell);
    if (cell.cell_type === "markdown") return `<div class="cell md">${markdownToHTML(source)}</div>`;
    if (cell.cell_type === "raw") return `<div class="cell"><pre>${escapeHtml(source)}</pre></div>`;
    const count = typeof cell.execution_count === "number" ? String(cell.execution_count) : " ";
    const outputs = (cell.outputs ?? []).map((o) => outputToHTML(o, interactive)).join("\n");
    return `<div class="cell"><div class="code"><div class="prompt">[${count}]:</div><pre class="src">${highlightTypeScript(
      source,
    )}</pre></div>${outputs.length > 0 ? `<div class="outputs">${outputs}</div>` : ""}</div>`;
  });
  const title = options.title ?? firstHeading(nb) ?? "Notebook";
  const needsScript =
    interactive &&
    nb.cells.some((c) =>
      (c.outputs ?? []).some(
        (o) =>
          "data" in o &&
          (o.data[REPORT_MIME_TYPE] !== undefined || o.data[VEGA_LITE_MIME_TYPE] !== undefined),
      ),
    );
  const nav = (options.navigation ?? [])
    .map((n) => `<a href="${escapeHtml(n.href)}">${escapeHtml(n.label)}</a>`)
    .join("");
  const script = needsScript ? options.rendererScript!.replace(/<\/script/gi, "<\\/script") : undefined;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${cspMetaElement(script === undefined ? [] : [script])}
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>
<body><main>
${nav.length > 0 ? `<nav>${nav}</nav>` : ""}
${cells.join("\n")}
</main>
${script === undefined ? "" : `<script>${script}</script>`}
</body></html>
`;
}
