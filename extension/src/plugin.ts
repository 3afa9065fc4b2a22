/**
 * driftlab-jupyterlab's JupyterLab plugin, beside the MIME renderer (index.ts), for what a renderer cannot do:
 * - commands to export the report under the cursor (the output right-clicked, or else the active cell's report) as a
 *   standalone HTML page or as JSON, saved next to the notebook; in the output's context menu and the palette;
 * - a "Data health" side panel listing every driftlab report of the open notebook with its verdict; a click selects
 *   the report's cell and scrolls to it.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette, Notification } from "@jupyterlab/apputils";
import { INotebookTracker, type NotebookPanel } from "@jupyterlab/notebook";
import { Widget } from "@lumino/widgets";
import { verdictOf, type Verdict } from "../../src/core/verdict.js";
import { REPORT_MIME_TYPE } from "../../src/format/envelope.js";
import { reportPage } from "./export.js";
import { h } from "./ui/dom.js";

export const COMMAND_EXPORT_HTML = "driftlab:export-report-html";
export const COMMAND_EXPORT_JSON = "driftlab:export-report-json";
export const COMMAND_SHOW_HEALTH = "driftlab:show-data-health";

/** A driftlab report found in a notebook: its cell, the output's bundle, and the report JSON. */
export interface FoundReport {
  cellIndex: number;
  outputIndex: number;
  report: Record<string, unknown>;
  bundle: Record<string, unknown>;
}

/** Every driftlab report in the notebook, in cell order (read from the notebook's model). */
export function reportsOf(panel: NotebookPanel): FoundReport[] {
  const found: FoundReport[] = [];
  const cells = panel.content.model?.cells;
  if (cells === undefined) return found;
  for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
    const cell = cells.get(cellIndex) as unknown as {
      type: string;
      outputs?: { length: number; get(i: number): { data: object } | undefined } | null;
    };
    const outputs = cell?.type === "code" ? cell.outputs : undefined;
    if (outputs === undefined || outputs === null) continue;
    for (let outputIndex = 0; outputIndex < outputs.length; outputIndex++) {
      const bundle = (outputs.get(outputIndex)?.data ?? {}) as Record<string, unknown>;
      const report = bundle[REPORT_MIME_TYPE];
      if (typeof report === "object" && report !== null && !Array.isArray(report))
        found.push({ cellIndex, outputIndex, report: report as Record<string, unknown>, bundle });
    }
  }
  return found;
}

/** The report whose output contains `node`, or the first report of the active cell. */
function reportAt(panel: NotebookPanel, node: HTMLElement | undefined): FoundReport | undefined {
  const reports = reportsOf(panel);
  if (node !== undefined) {
    const cells = panel.content.widgets;
    for (const found of reports) {
      const cell = cells[found.cellIndex] as unknown as {
        outputArea?: { widgets: readonly Widget[] };
      };
      const output = cell.outputArea?.widgets[found.outputIndex];
      if (output?.node.contains(node)) return found;
    }
  }
  return reports.find((r) => r.cellIndex === panel.content.activeCellIndex);
}

function fileStem(panel: NotebookPanel, found: FoundReport): string {
  const path = panel.context.path;
  const base = path.replace(/\.ipynb$/i, "");
  return `${base}-${String(found.report.kind)}-cell${found.cellIndex + 1}`;
}

const STATUS_LABEL: Record<Verdict["status"], string> = { ok: "OK", warn: "Warning", fail: "Fail" };

/** The "Data health" side panel of the current notebook. */
export class DataHealthPanel extends Widget {
  #tracker: INotebookTracker;
  #panel: NotebookPanel | null = null;

  constructor(tracker: INotebookTracker) {
    super();
    this.#tracker = tracker;
    this.id = "driftlab-data-health";
    this.addClass("dl-health");
    this.title.caption = "Data health: driftlab reports in this notebook";
    this.title.label = "Data health";
    this.node.setAttribute("role", "region");
    this.node.setAttribute("aria-label", "Data health");
    tracker.currentChanged.connect(() => this.#follow(), this);
    this.#follow();
  }

  #follow(): void {
    this.#panel?.content.modelContentChanged.disconnect(this.#schedule, this);
    this.#panel = this.#tracker.currentWidget;
    this.#panel?.content.modelContentChanged.connect(this.#schedule, this);
    this.#schedule();
  }

  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Lists the reports again once the notebook has settled (content changes come in bursts while loading). */
  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.refresh();
    }, 150);
  }

  /** Lists the reports again (the notebook's content changed). */
  refresh(): void {
    const panel = this.#panel;
    if (panel === null) {
      this.node.replaceChildren(
        h("h2", { class: "dl-health-title" }, "Data health"),
        h("p", { class: "dl-health-empty" }, "Open a notebook to see its driftlab reports."),
      );
      return;
    }
    const reports = reportsOf(panel);
    const counts = { ok: 0, warn: 0, fail: 0 };
    const items = reports.map((found) => {
      const verdict = verdictOf(found.report);
      counts[verdict.status]++;
      const button = h(
        "button",
        {
          type: "button",
          class: "dl-health-item",
          "data-status": verdict.status,
          "data-cell": String(found.cellIndex),
          title: `Go to cell ${found.cellIndex + 1}`,
          onclick: () => void this.#jump(panel, found.cellIndex),
        },
        h("span", { class: `dl-health-status dl-health-${verdict.status}` }, STATUS_LABEL[verdict.status]),
        h(
          "span",
          { class: "dl-health-text" },
          h("span", { class: "dl-health-name" }, String(found.report.title ?? found.report.kind)),
          h(
            "span",
            { class: "dl-health-detail" },
            `${String(found.report.kind)} · cell ${found.cellIndex + 1}`,
            verdict.reasons.length > 0 ? ` · ${verdict.reasons.join("; ")}` : "",
          ),
        ),
      );
      return h("li", {}, button);
    });
    this.node.replaceChildren(
      h("h2", { class: "dl-health-title" }, "Data health"),
      h(
        "p",
        { class: "dl-health-summary" },
        reports.length === 0
          ? `No driftlab reports in ${panel.context.path}.`
          : `${reports.length} report${reports.length === 1 ? "" : "s"} in ${panel.context.path}: ${counts.fail} fail, ${counts.warn} warning, ${counts.ok} ok`,
      ),
      h("ul", { class: "dl-health-list" }, items),
    );
  }

  async #jump(panel: NotebookPanel, cellIndex: number): Promise<void> {
    panel.content.activeCellIndex = cellIndex;
    const cell = panel.content.widgets[cellIndex];
    await panel.content.scrollToItem(cellIndex, "start").catch(() => undefined);
    cell?.node.scrollIntoView({ block: "start" });
  }

  override dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#panel?.content.modelContentChanged.disconnect(this.#schedule, this);
    super.dispose();
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: "driftlab-jupyterlab:plugin",
  description: "Export driftlab reports as a page or JSON; the Data health panel of a notebook's reports.",
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker, palette: ICommandPalette | null) => {
    let contextNode: HTMLElement | undefined;
    const target = () => {
      const panel = tracker.currentWidget;
      if (panel === null) return undefined;
      const found = reportAt(panel, contextNode);
      return found === undefined ? undefined : { panel, found };
    };
    const save = async (as: "html" | "json") => {
      const hit = target();
      contextNode = undefined;
      if (hit === undefined) {
        Notification.warning(
          "No driftlab report here: select a cell with a driftlab report, or right-click one.",
        );
        return;
      }
      const path = `${fileStem(hit.panel, hit.found)}.${as}`;
      const content =
        as === "json"
          ? JSON.stringify(hit.found.report, null, 2) + "\n"
          : reportPage(hit.found.report, hit.found.bundle);
      await app.serviceManager.contents.save(path, { type: "file", format: "text", content });
      Notification.success(`Exported the ${String(hit.found.report.kind)} report to ${path}`, {
        autoClose: 5000,
      });
    };
    const remember = (event: Event) => {
      const node = event.target as HTMLElement | null;
      contextNode = node?.closest(".driftlab-report") === null ? undefined : (node ?? undefined);
    };
    document.addEventListener("contextmenu", remember, true);

    app.commands.addCommand(COMMAND_EXPORT_HTML, {
      label: "Export driftlab Report as HTML Page",
      caption: "Save the report under the cursor as a standalone HTML page next to the notebook",
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => save("html"),
    });
    app.commands.addCommand(COMMAND_EXPORT_JSON, {
      label: "Export driftlab Report as JSON",
      caption: "Save the report under the cursor as report JSON next to the notebook",
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => save("json"),
    });
    for (const [command, rank] of [
      [COMMAND_EXPORT_HTML, 0],
      [COMMAND_EXPORT_JSON, 1],
    ] as const) {
      app.contextMenu.addItem({ command, selector: ".driftlab-report", rank });
      palette?.addItem({ command, category: "driftlab" });
    }

    const panel = new DataHealthPanel(tracker);
    app.shell.add(panel, "right", { rank: 900 });
    app.commands.addCommand(COMMAND_SHOW_HEALTH, {
      label: "Show driftlab Data Health",
      caption: "List every driftlab report of the notebook with its verdict",
      execute: () => {
        panel.refresh();
        app.shell.activateById(panel.id);
      },
    });
    palette?.addItem({ command: COMMAND_SHOW_HEALTH, category: "driftlab" });
  },
};

export default [plugin];
