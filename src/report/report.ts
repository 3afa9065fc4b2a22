import { escapeHtml } from "./html.js";
import { VERSION } from "../version.js";

/** The MIME type of driftlab report JSON; the JupyterLab extension renders it. */
export const REPORT_MIME_TYPE = "application/vnd.driftlab.report.v1+json";
/** The MIME type of a Vega-Lite v5 spec, rendered by JupyterLab and VS Code without the extension. */
export const VEGA_LITE_MIME_TYPE = "application/vnd.vegalite.v5+json";
/** Version of the report format; bumped on incompatible changes (docs/report-format.md). */
export const REPORT_FORMAT_VERSION = 1;

/** What a report deliberately left out (privacy): suppressed groups, rare categories, redacted columns. */
export interface Omissions {
  /** Columns whose values were redacted because they were marked sensitive. */
  redactedColumns?: string[];
  /** Categories or groups hidden because they had fewer rows than the minimum. */
  suppressed?: { column: string; count: number; minimumCount: number }[];
  /** Free-form notes, e.g. "top values truncated to 20". */
  notes?: string[];
}

/** Fields every report JSON carries (docs/report-format.md). */
export interface ReportEnvelope {
  format: "driftlab-report";
  version: typeof REPORT_FORMAT_VERSION;
  kind: string;
  title: string;
  createdAt: string;
  generator: { name: "driftlab"; version: string };
  omitted?: Omissions;
  /** What the inputs made driftlab do on its own (renamed duplicate or empty column names, ...), in words. */
  warnings?: string[];
}

/** `Symbol.for("Jupyter.display")`: the method name by which Deno's kernel and ours display a value richly. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle, as Jupyter's display_data and execute_result carry it. */
export type MimeBundle = Record<string, unknown>;

/** Makes the envelope of a new report. */
export function envelope<K extends string>(kind: K, title: string): ReportEnvelope & { kind: K } {
  return {
    format: "driftlab-report",
    version: REPORT_FORMAT_VERSION,
    kind,
    title,
    createdAt: new Date().toISOString(),
    generator: { name: "driftlab", version: VERSION },
  };
}

const STATIC_STYLE = `
.driftlab-static{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px;color:#1f2328;max-width:1100px}
.driftlab-static h3{font-size:15px;margin:4px 0 8px}
.driftlab-static .driftlab-sub{color:#59636e;margin:0 0 8px}
.driftlab-table{border-collapse:collapse;margin:4px 0 12px}
.driftlab-table th{text-align:left;border-bottom:2px solid #d0d7de;padding:3px 8px;font-weight:600;white-space:nowrap}
.driftlab-table td{border-bottom:1px solid #eaeef2;padding:3px 8px;vertical-align:middle;font-variant-numeric:tabular-nums}
.driftlab-chip{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px;font-weight:600}
.driftlab-chip.bad{background:#ffebe9;color:#a40e26}.driftlab-chip.warn{background:#fff8c5;color:#7d4e00}.driftlab-chip.ok{background:#dafbe1;color:#116329}
`;

/**
 * The base of every analysis result. A report is data first (`toJSON()`, the versioned format), and shows
 * itself everywhere: in Jupyter through `Symbol.for("Jupyter.display")` (the same rule as Deno's kernel), as a
 * standalone page (`toHTML()`), and as text (`toString()`).
 */
export abstract class Report<J extends ReportEnvelope = ReportEnvelope> {
  /** The report in the versioned JSON format: aggregates only, never rows. */
  abstract toJSON(): J;

  /** A readable plain-text summary. */
  abstract toString(): string;

  /** Static HTML (tables and inline SVG, no script): what GitHub, nbviewer and VS Code without the extension show. */
  abstract toStaticHTML(): string | Promise<string>;

  /** The main chart as a Vega-Lite spec, when the report has one. */
  toVegaLite(): Record<string, unknown> | undefined {
    return undefined;
  }

  /** The MIME bundle Jupyter frontends choose from. */
  async toMimeBundle(): Promise<MimeBundle> {
    const bundle: MimeBundle = {
      [REPORT_MIME_TYPE]: this.toJSON(),
      "text/html": wrapStatic(await this.toStaticHTML()),
      "text/plain": this.toString(),
    };
    const spec = this.toVegaLite();
    if (spec !== undefined) bundle[VEGA_LITE_MIME_TYPE] = spec;
    return bundle;
  }

  /** Deno's and driftlab's kernels display a value through this method (a Promise of the bundle is allowed). */
  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.toMimeBundle();
  }

  /** A standalone HTML page of the report that works offline. */
  async toHTML(): Promise<string> {
    const json = this.toJSON();
    const data = JSON.stringify(json).replace(/</g, "\\u003c");
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(json.title)}</title></head>
<body>
${wrapStatic(await this.toStaticHTML())}
<script type="${REPORT_MIME_TYPE}" id="driftlab-report-data">${data}</script>
</body></html>
`;
  }
}

function wrapStatic(body: string): string {
  return `<div class="driftlab-static"><style>${STATIC_STYLE}</style>${body}</div>`;
}
