import { writeFileSync } from "node:fs";
import { VERDICT_STATUSES, type Verdict, type VerdictStatus } from "../format/envelope.js";
import { DriftlabError } from "../errors.js";
import { DEFAULT_MIN_COUNT, shareableReport, type PrivacyOptions } from "../report/privacy.js";
import { presenterFor } from "../report/presenters.js";
import { capReportSize, DEFAULT_MAX_REPORT_BYTES } from "../report/size.js";
import { loadSchema } from "../schema/schema.js";
import { pageOf, type Report } from "../report/report.js";
import { flag, stringOption, type ParsedArgs } from "./args.js";

export { PRIVACY_FLAGS, PRIVACY_OPTIONS, PRIVACY_USAGE, SIZE_OPTIONS, SIZE_USAGE } from "./output-options.js";

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/** The cap of --max-report-size in bytes (default 20 MB), or undefined for `none`. */
export function maxReportBytesOf(parsed: ParsedArgs): number | undefined {
  const value = stringOption(parsed, "max-report-size");
  if (value === undefined) return DEFAULT_MAX_REPORT_BYTES;
  if (/^(none|off)$/i.test(value.trim())) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(value);
  const n = match === null ? NaN : Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()];
  if (!(n >= 1000)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `--max-report-size ${value}: give a size of at least 1kB, e.g. 20MB, 500kB, 1GiB, or none for no cap.`,
      { subject: "max-report-size" },
    );
  }
  return Math.floor(n);
}

function capped<J extends ReturnType<Report["toJSON"]>>(json: J, parsed: ParsedArgs): J {
  const maxBytes = maxReportBytesOf(parsed);
  const out = maxBytes === undefined ? json : capReportSize(json, { maxBytes });
  const cap = out.omitted?.sizeCap;
  if (out !== json && cap !== undefined) {
    process.stderr.write(
      `driftlab: size cap: distributions of ${cap.summarizedColumns} columns left out to keep the report under ${(cap.maxBytes / 1e6).toFixed(1)} MB (they are marked "summarized"; --max-report-size to change)\n`,
    );
  }
  return out;
}

/** The environment variable holding the secret key of sensitive values' hashes (docs/privacy.md). */
export const HASH_KEY_VARIABLE = "DRIFTLAB_HASH_KEY";

/**
 * The sensitive columns the command line names: --sensitive, and the features `--schema` marks sensitive.
 * @internal exported for `driftlab render`
 */
export function sensitiveOf(parsed: ParsedArgs): string[] {
  const listed = (stringOption(parsed, "sensitive") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const schema = stringOption(parsed, "schema");
  const marked = schema === undefined ? [] : loadSchema(schema).sensitiveColumns;
  return [...new Set([...listed, ...marked])];
}

/**
 * The privacy options the command line asks for: `--html` pages (and `driftlab render`) always suppress groups
 * under --min-count (default 10) unless --no-privacy; `--json` and text only when --min-count or a sensitive column
 * (--sensitive, or `sensitive: true` in --schema) is given.
 */
export function privacyOf(parsed: ParsedArgs, forPage: boolean): PrivacyOptions | undefined {
  const minCount = stringOption(parsed, "min-count");
  const sensitive = sensitiveOf(parsed);
  if (flag(parsed, "no-privacy")) return undefined;
  if (!forPage && minCount === undefined && sensitive.length === 0) return undefined;
  const k = minCount === undefined ? DEFAULT_MIN_COUNT : Number(minCount);
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `--min-count ${minCount}: give a whole number ≥ 1 (1 shows every group).`,
      {
        subject: "min-count",
      },
    );
  }
  const hashKey = process.env[HASH_KEY_VARIABLE];
  return {
    minCount: k,
    sensitive,
    sensitiveValues: flag(parsed, "redact") ? "redact" : "hash",
    ...(hashKey === undefined || hashKey === "" ? {} : { hashKey }),
  };
}

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
    const privacy = privacyOf(parsed, true);
    const json = capped(
      privacy === undefined ? report.toJSON() : shareableReport(report.toJSON(), privacy),
      parsed,
    );
    writeFileSync(html, await pageOf(json));
    process.stderr.write(`wrote ${html}\n`);
    const suppressed = json.omitted?.suppressed ?? [];
    if (suppressed.length > 0) {
      const total = suppressed.reduce((t, s) => t + s.count, 0);
      const columns = suppressed.map((s) => s.column);
      process.stderr.write(
        `driftlab: privacy: ${total} categories or slices with fewer than ${suppressed[0].minimumCount} members left out of ${html}, in ${columns.length <= 3 ? columns.join(", ") : `${columns.slice(0, 3).join(", ")} and ${columns.length - 3} more columns`} (--min-count, --no-privacy)\n`,
      );
    }
  }
  const privacy = privacyOf(parsed, false);
  const json = privacy === undefined ? undefined : shareableReport(report.toJSON(), privacy);
  if (flag(parsed, "json")) out(JSON.stringify(capped(json ?? report.toJSON(), parsed), null, 2));
  else if (html === undefined) out(json === undefined ? report.toString() : textOf(report, json));
}

function textOf(report: Report, json: ReturnType<Report["toJSON"]>): string {
  return presenterFor(json.kind).text(json);
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
