// The one formatter (src/core/format.ts), re-exported where the HTML presenters have always imported it from.
import { escapeHtml } from "../core/format.js";
export { escapeHtml, formatNumber, formatPercent } from "../core/format.js";

/** A plain HTML table from header cells and rows of already-escaped cell HTML. */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  className = "",
): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("\n");
  return `<table class="driftlab-table ${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Pads text to a width for the text/plain rendering. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A double-quoted attribute value (as escapeHtml and vega's SVG writer write them). */
const ATTRIBUTE_VALUE = /(\s[^\s"'<>/=]+=)"([^"]*)"/g;
/**
 * What DOMPurify treats as an attribute value breaking out of its element when markup is parsed again in a raw-text
 * context (its SAFE_FOR_XML rule): a closing tag of a raw-text element, `-->`, `--!>`, `]>`.
 */
const BREAKOUT =
  /(&lt;|<)\/(?=(?:style|script|title|xmp|textarea|noscript|iframe|noembed|noframes))|(--!?|\])(&gt;|>)/gi;

/**
 * `html` with every sequence in a double-quoted attribute value that could end a raw-text element or a comment when
 * a host parses the markup again (`</style`, `</script`, `-->`, `]>`, escaped or not) broken by a word joiner
 * (U+2060, invisible): a data value such as `</style>` in a chart's aria-label then stays inert in any host, and a
 * sanitizer has nothing to take out. Text content is escaped already and not touched.
 */
export function inertAttributeValues(html: string): string {
  return html.replace(ATTRIBUTE_VALUE, (whole: string, name: string, value: string) => {
    const safe = value.replace(BREAKOUT, (match: string, lt?: string, close?: string, gt?: string) =>
      lt !== undefined ? `${lt}&#8288;/` : `${close}&#8288;${gt}`,
    );
    return safe === value ? whole : `${name}"${safe}"`;
  });
}
