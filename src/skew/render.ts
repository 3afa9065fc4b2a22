import { escapeHtml } from "../report/html.js";
import type { SkewJSON } from "./types.js";

export function skewText(report: SkewJSON): string {
  const lines = [report.title, report.headline];
  for (const kind of ["covariate", "label", "concept"] as const) {
    const s = report.shifts[kind];
    lines.push(`${s.detected ? "SHIFT" : s.testable ? "ok   " : "n/a  "} ${kind}: ${s.summary}`);
  }
  return lines.join("\n");
}

export function skewStaticHTML(report: SkewJSON): Promise<string> {
  return Promise.resolve(`<h3>${escapeHtml(report.title)}</h3><p>${escapeHtml(report.headline)}</p>`);
}
