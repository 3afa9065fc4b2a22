/**
 * The fields every driftlab report carries, the MIME types and the format version (docs/report-format.md).
 * Types and constants only: this layer imports nothing, so analyses, charts, presenters, the notebook page and the
 * JupyterLab extension can all import it.
 */

/** The MIME type of driftlab report JSON; the JupyterLab extension renders it. */
export const REPORT_MIME_TYPE = "application/vnd.driftlab.report.v1+json";
/** The MIME type of a Vega-Lite v5 spec, rendered by JupyterLab and VS Code without the extension. */
export const VEGA_LITE_MIME_TYPE = "application/vnd.vegalite.v5+json";
/** Version of the report format; bumped on incompatible changes (docs/report-format.md). */
export const REPORT_FORMAT_VERSION = 1;
/** The value of every report's `format` field. */
export const REPORT_FORMAT = "driftlab-report";

/**
 * How a check came out, the same three words for every report kind:
 * - `ok`: nothing needs a look;
 * - `warn`: something changed or could not be checked, worth a look but not a failure (a drifted feature below the
 *   dataset share, a warning anomaly, a disparity that is not significant);
 * - `fail`: the check failed (dataset drift, an error anomaly, a harm flag, an alarm). The CLI exits with 1.
 */
export type VerdictStatus = "ok" | "warn" | "fail";

/** The verdict of a report: its status and, for `warn` and `fail`, the reasons in plain words (most serious first). */
export interface Verdict {
  status: VerdictStatus;
  /** Why the status is what it is: one short sentence per reason; empty when `ok` has nothing to say. */
  reasons: string[];
}

/** The verdict statuses from best to worst. */
export const VERDICT_STATUSES: readonly VerdictStatus[] = ["ok", "warn", "fail"];

/** What a report deliberately left out (privacy): suppressed groups, rare categories, redacted columns. */
export interface Omissions {
  /** Columns whose values were redacted because they were marked sensitive. */
  redactedColumns?: string[];
  /** Categories or groups hidden because they had fewer rows than the minimum. */
  suppressed?: { column: string; count: number; minimumCount: number }[];
  /** Free-form notes, e.g. "top values truncated to 20". */
  notes?: string[];
  /**
   * The report was larger than its size cap (CLI `--max-report-size`, default 20 MB): `summarizedColumns` columns
   * (marked `summarized: true`) lost their distributions; `bytes` is the size before.
   */
  sizeCap?: { maxBytes: number; bytes: number; summarizedColumns: number };
}

/** Fields every report JSON carries (docs/report-format.md). `kind` names the rest of the fields. */
export interface ReportEnvelope {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_FORMAT_VERSION;
  kind: string;
  title: string;
  /** ISO 8601 instant the report was made. */
  createdAt: string;
  generator: { name: "driftlab"; version: string };
  /** The outcome of the check; the CLI's exit code comes from it. */
  verdict: Verdict;
  omitted?: Omissions;
  /** What the inputs made driftlab do on its own (renamed duplicate or empty column names, ...), in words. */
  warnings?: string[];
}
