import { writeFileSync } from "node:fs";
import type { Report } from "../report/report.js";
import { flag, stringOption, type ParsedArgs } from "./args.js";

/** Writes a report as the options ask: `--json` to stdout, `--html FILE`, else the text summary. */
export async function emitReport(
  report: Report,
  parsed: ParsedArgs,
  out: (text: string) => void,
): Promise<void> {
  for (const warning of report.toJSON().warnings ?? [])
    process.stderr.write(`driftlab: warning: ${warning}\n`);
  const html = stringOption(parsed, "html");
  if (html !== undefined) {
    writeFileSync(html, await report.toHTML());
    process.stderr.write(`wrote ${html}\n`);
  }
  if (flag(parsed, "json")) out(JSON.stringify(report.toJSON(), null, 2));
  else if (html === undefined) out(report.toString());
}
