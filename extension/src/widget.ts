/**
 * The renderer JupyterLab creates for each output holding a driftlab report: checks the envelope, picks the view
 * module of the report's kind, and says clearly what is wrong when it cannot draw (never a blank cell).
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { REPORT_FORMAT_VERSION } from "../../src/format/envelope.js";
import type { ReportEnvelope } from "./report-types.js";
import { ChartSet } from "./ui/chart.js";
import { h } from "./ui/dom.js";
import { VIEWS } from "./views/index.js";

/** The newest report format version this extension reads (docs/report-format.md). */
export const FORMAT_VERSION = REPORT_FORMAT_VERSION;
export const EXTENSION_VERSION = "0.1.0";

type Report = ReportEnvelope & Record<string, unknown>;

/** What stops the report from being drawn, or null. */
export function problemOf(data: unknown): { title: string; detail: string } | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      title: "This output is not a driftlab report",
      detail: `Expected a JSON object, got ${Array.isArray(data) ? "a list" : typeof data}.`,
    };
  }
  const report = data as Partial<Report>;
  if (report.format !== "driftlab-report") {
    return {
      title: "This output is not a driftlab report",
      detail: 'Its "format" field is not "driftlab-report".',
    };
  }
  const made = report.generator?.version === undefined ? "" : ` by driftlab ${report.generator.version}`;
  if (typeof report.version !== "number" || report.version > FORMAT_VERSION) {
    return {
      title: "This report is newer than this extension",
      detail: `It was made${made} in report format version ${String(report.version)}; driftlab-jupyterlab ${EXTENSION_VERSION} reads version ${FORMAT_VERSION}. Update the extension (run \`driftlab install\` from the newer driftlab) and reload the page.`,
    };
  }
  if (typeof report.kind !== "string" || !VIEWS.has(report.kind)) {
    return {
      title: `No view for report kind "${String(report.kind)}"`,
      detail: `This report was made${made}; driftlab-jupyterlab ${EXTENSION_VERSION} draws ${[...VIEWS.keys()].join(", ")}. Update the extension (\`driftlab install\`) and reload the page.`,
    };
  }
  const shape = VIEWS.get(report.kind)!.check(report as Report);
  if (shape !== null) {
    return { title: `This ${report.kind} report is malformed`, detail: `It cannot be drawn: ${shape}.` };
  }
  return null;
}

/** The message shown instead of a report, with the bundle's plain-text summary when it has one. */
function problemView(problem: { title: string; detail: string }, fallbackText: unknown): HTMLElement {
  return h(
    "div",
    { class: "dl-view dl-problem", role: "alert" },
    h("p", { class: "dl-problem-title" }, "⚠ ", problem.title),
    h("p", {}, problem.detail),
    typeof fallbackText === "string" && fallbackText !== ""
      ? h("details", {}, h("summary", {}, "Text summary of the output"), h("pre", {}, fallbackText))
      : "",
  );
}

export class ReportWidget extends Widget implements IRenderMime.IRenderer {
  readonly #mimeType: string;
  #charts = new ChartSet();

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.#mimeType = options.mimeType;
    this.addClass("driftlab-report");
    // Keys pressed inside a report (Enter on a row, arrows on a slider) belong to the report, not to the notebook's
    // command-mode shortcuts (Lumino skips shortcuts for events from inside such an element).
    this.node.setAttribute("data-lm-suppress-shortcuts", "");
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.#charts.dispose();
    this.#charts = new ChartSet();
    const data = model.data[this.#mimeType] as unknown;
    const problem = problemOf(data);
    let element: HTMLElement;
    if (problem !== null) {
      element = problemView(problem, model.data["text/plain"]);
    } else {
      const report = data as Report;
      const started = performance.now();
      try {
        element = VIEWS.get(report.kind)!.render(report, this.#charts);
        element.dataset.kind = report.kind;
        element.dataset.renderMs = String(Math.round(performance.now() - started));
      } catch (error) {
        this.#charts.dispose();
        element = problemView(
          {
            title: `This ${report.kind} report could not be drawn`,
            detail: `${error instanceof Error ? error.message : String(error)}. The report may be malformed or from another driftlab version.`,
          },
          model.data["text/plain"],
        );
      }
    }
    this.node.replaceChildren(element);
    return Promise.resolve();
  }

  override dispose(): void {
    this.#charts.dispose();
    super.dispose();
  }
}
