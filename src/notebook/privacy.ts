/**
 * The privacy of rendered notebooks: every driftlab report saved in a notebook's outputs goes through
 * `shareableReport` (small groups suppressed, sensitive columns hashed or redacted) and its whole MIME bundle —
 * static HTML fallback, text, Vega-Lite chart — is made again from the protected JSON, so that neither the page nor
 * the JSON embedded in it carries a suppressed value (docs/privacy.md).
 */
import { REPORT_FORMAT, type ReportEnvelope } from "../format/envelope.js";
// The built-in presenters: a saved report is rebuilt from its protected JSON, whoever imported this module.
import "../presenters/index.js";
import { findPresenter } from "../report/presenters.js";
import { shareableReport, type PrivacyOptions } from "../report/privacy.js";
import { mimeBundleOf, REPORT_MIME_TYPE } from "../report/report.js";
import type { Notebook, Output } from "./format.js";

/** What {@link shareableNotebook} left out, over all the notebook's reports. */
export interface NotebookPrivacySummary {
  /** Reports protected (their bundles made again from the protected JSON). */
  reports: number;
  /** Categories, values and slices suppressed for having fewer than `minCount` members. */
  suppressed: number;
  /** Columns whose values were hashed or redacted. */
  redactedColumns: string[];
  /** Report outputs that could not be made again (not a report JSON driftlab can read): replaced by a note. */
  dropped: number;
}

function isReport(value: unknown): value is ReportEnvelope {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format?: unknown }).format === REPORT_FORMAT &&
    typeof (value as { kind?: unknown }).kind === "string"
  );
}

const DROPPED_NOTE =
  "(a driftlab report was left out of this page: it could not be checked for privacy; re-run the cell, or render with --no-privacy)";

async function protectOutput(
  output: Output,
  options: PrivacyOptions,
  summary: NotebookPrivacySummary,
): Promise<Output> {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result") return output;
  const saved = output.data[REPORT_MIME_TYPE];
  if (saved === undefined) return output;
  let data: Record<string, unknown>;
  try {
    if (!isReport(saved) || findPresenter(saved.kind) === undefined) throw new Error("not a report");
    const shared = shareableReport(saved, options);
    // The whole bundle comes again from the protected JSON: the saved text/html, text/plain and chart were made
    // from the unprotected one. Other MIME types of the output (images of the same data) are dropped.
    data = await mimeBundleOf(shared);
    summary.reports++;
    summary.suppressed += (shared.omitted?.suppressed ?? []).reduce((t, s) => t + s.count, 0);
    summary.suppressed -= (saved.omitted?.suppressed ?? []).reduce((t, s) => t + s.count, 0);
    for (const column of shared.omitted?.redactedColumns ?? [])
      if (!summary.redactedColumns.includes(column)) summary.redactedColumns.push(column);
  } catch {
    summary.dropped++;
    data = { "text/plain": DROPPED_NOTE };
  }
  return { ...output, data, metadata: {} };
}

/**
 * A copy of `notebook` whose driftlab report outputs are protected for sharing (see the module comment), and what
 * was left out. `options` as {@link shareableReport} (default k = 10 suppression, no sensitive column). A report
 * output whose JSON driftlab cannot read (or whose kind has no presenter) is replaced by a text note: its saved
 * HTML cannot be checked.
 */
export async function shareableNotebook(
  notebook: Notebook,
  options: PrivacyOptions = {},
): Promise<{ notebook: Notebook; summary: NotebookPrivacySummary }> {
  const summary: NotebookPrivacySummary = { reports: 0, suppressed: 0, redactedColumns: [], dropped: 0 };
  const cells = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code" || cell.outputs === undefined) {
      cells.push(cell);
      continue;
    }
    const outputs: Output[] = [];
    for (const output of cell.outputs) outputs.push(await protectOutput(output, options, summary));
    cells.push({ ...cell, outputs });
  }
  return { notebook: { ...notebook, cells }, summary };
}
