/** What every view module provides: one module per report kind (views/index.ts lists them). */
import type { ReportEnvelope } from "../report-types.js";
import { ChartSet } from "../ui/chart.js";
import { h } from "../ui/dom.js";

/** A rendered report: its element, and how to release its charts. */
export interface ReportView {
  element: HTMLElement;
  dispose(): void;
}

export interface ViewModule {
  /** The report kinds the module renders. */
  kinds: readonly string[];
  /** What is wrong with the report's shape for this view, or null when it can be drawn. */
  check(report: ReportEnvelope & Record<string, unknown>): string | null;
  render(report: ReportEnvelope & Record<string, unknown>, charts: ChartSet): HTMLElement;
}

/** The heading every view starts with: title, then facts (strings or chips). */
export function header(title: string, ...allFacts: (Node | string)[]): HTMLElement {
  const facts = allFacts.filter((fact) => fact !== "");
  return h(
    "header",
    { class: "dl-header" },
    h("h2", { class: "dl-title" }, title),
    h(
      "p",
      { class: "dl-facts" },
      facts.flatMap((fact, i) =>
        i === 0 ? [fact] : [h("span", { class: "dl-dot", "aria-hidden": "true" }, "·"), fact],
      ),
    ),
  );
}

/** A labelled search box calling `onInput` with the lowercased text. */
export function searchBox(label: string, onInput: (text: string) => void): HTMLInputElement {
  const input = h("input", {
    type: "search",
    class: "dl-search",
    placeholder: label,
    "aria-label": label,
  });
  input.addEventListener("input", () => onInput(input.value.trim().toLowerCase()));
  // Keep JupyterLab's notebook shortcuts (a, b, dd, ...) from firing while typing.
  input.addEventListener("keydown", (event) => event.stopPropagation());
  return input;
}

/** Checks that `field` is an array. */
export function needArray(report: Record<string, unknown>, field: string): string | null {
  return Array.isArray(report[field]) ? null : `its "${field}" field is not a list`;
}
