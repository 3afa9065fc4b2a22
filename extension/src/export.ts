/**
 * The standalone page of one report: the report's static HTML (tables and inline SVG charts, no script; the bundle's
 * text/html, made by the library's presenters) in a complete HTML document that opens offline in any browser, with
 * the report JSON embedded for tools (`<script type="application/json" id="driftlab-report">`).
 */
import { escapeHtml } from "../../src/core/format.js";

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A standalone HTML document for `report`, whose MIME bundle is `bundle`. */
export function reportPage(report: Record<string, unknown>, bundle: Record<string, unknown>): string {
  const title = String(report.title ?? report.kind ?? "driftlab report");
  const html = bundle["text/html"];
  const body =
    typeof html === "string"
      ? html
      : Array.isArray(html)
        ? html.join("")
        : `<pre>${escapeHtml(typeof bundle["text/plain"] === "string" ? bundle["text/plain"] : JSON.stringify(report, null, 2))}</pre>`;
  const generator = report.generator as { version?: string } | undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="driftlab ${escapeHtml(String(generator?.version ?? ""))} (JupyterLab export)">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1f2328}</style>
</head>
<body>
<main>
${body}
</main>
<script type="application/json" id="driftlab-report">${scriptSafeJson(report)}</script>
</body>
</html>
`;
}
