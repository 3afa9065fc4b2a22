import { writeFileSync } from "node:fs";
import { VERDICT_STATUSES, type Verdict, type VerdictStatus } from "../format/envelope.js";
import type { Report } from "../report/report.js";
import { flag, stringOption, type ParsedArgs } from "./args.js";

/** Writes a report as the options ask: `--json` to stdout, `--html FILE`, else the text summary. */
export async function emitReport(
  report: Report,
  parsed: ParsedArgs,
  out: (text: string) => void,
): Promise<void> {
  const html = stringOption(parsed, "html");
  if (html !== undefined) {
    writeFileSync(html, await report.toHTML());
    process.stderr.write(`wrote ${html}\n`);
  }
  if (flag(parsed, "json")) out(JSON.stringify(report.toJSON(), null, 2));
  else if (html === undefined) out(report.toString());
}

/**
 * The exit code of a command from its report's verdict: 1 when the verdict's status is `failOn` or worse (`"fail"`:
 * only a failed check; `"warn"`: warnings too), else 0; `failOn` undefined: always 0 (the command only reports).
 * Bad input and usage exit 2, from main.ts.
 */
export function exitCodeOf(verdict: Verdict, failOn: VerdictStatus | undefined): 0 | 1 {
  if (failOn === undefined) return 0;
  return VERDICT_STATUSES.indexOf(verdict.status) >= VERDICT_STATUSES.indexOf(failOn) ? 1 : 0;
}
