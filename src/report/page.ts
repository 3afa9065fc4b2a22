import { REPORT_MIME_TYPE, type ReportEnvelope } from "../format/index.js";
import { escapeHtml, inertAttributeValues } from "./html.js";

const STATIC_STYLE = `
.driftlab-static{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px;color:#1f2328;max-width:1100px}
.driftlab-static h3{font-size:15px;margin:4px 0 8px}
.driftlab-static .driftlab-sub{color:#59636e;margin:0 0 8px}
.driftlab-table{border-collapse:collapse;margin:4px 0 12px}
.driftlab-table th{text-align:left;border-bottom:2px solid #d0d7de;padding:3px 8px;font-weight:600;white-space:nowrap}
.driftlab-table td{border-bottom:1px solid #eaeef2;padding:3px 8px;vertical-align:middle;font-variant-numeric:tabular-nums}
.driftlab-chip{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px;font-weight:600}
.driftlab-muted{color:#59636e;font-style:italic}
.driftlab-chip.bad{background:#ffebe9;color:#a40e26}.driftlab-chip.warn{background:#fff8c5;color:#7d4e00}.driftlab-chip.ok{background:#dafbe1;color:#116329}
`;

/**
 * Wraps a presenter's static HTML body in the container and inline style every static report uses. Attribute values
 * are made inert for any host that parses the markup again ({@link inertAttributeValues}): this HTML is the widget's
 * fallback in frontends without driftlab's extension, where no page policy protects it.
 */
export function wrapStatic(body: string): string {
  return `<div class="driftlab-static"><style>${STATIC_STYLE}</style>${inertAttributeValues(body)}</div>`;
}

/** The default standalone page: the static HTML and the report JSON in a data script (for tools that read it back). */
export function standalonePage(json: ReportEnvelope, staticBody: string): string {
  const data = JSON.stringify(json).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(json.title)}</title></head>
<body>
${wrapStatic(staticBody)}
<script type="${REPORT_MIME_TYPE}" id="driftlab-report-data">${data}</script>
</body></html>
`;
}
