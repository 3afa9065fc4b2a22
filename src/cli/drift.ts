import type { Dataset } from "../data/column.js";
import { prepareNumericSides } from "../drift/parallel.js";
import { drift } from "../drift/index.js";
import type { Correction } from "../drift/drift.js";
import { isDriftMethod, METHODS, type DriftMethod } from "../drift/methods.js";
import { DriftlabError } from "../errors.js";
import {
  checkKnown,
  flag,
  listOption,
  numberOption,
  parseArgs,
  READ_OPTIONS,
  READ_USAGE,
  readOptionsOf,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import {
  emitReport,
  exitCodeOf,
  PRIVACY_FLAGS,
  PRIVACY_OPTIONS,
  PRIVACY_USAGE,
  SIZE_OPTIONS,
  SIZE_USAGE,
} from "./output.js";
import { sourcesUsage, withInputs } from "./sources.js";
import { isSource, type Source } from "../stats/source.js";

export const driftUsage = `driftlab drift <reference> <current> [--json | --html out.html] [--fail-on-drift]
    [--method M | --numeric-method M --categorical-method M] [--threshold T] [--correction none|bonferroni|holm|bh]
    [--drift-share 0.5] [--exclude col1,col2] ${READ_USAGE}
    ${PRIVACY_USAGE} ${SIZE_USAGE}
  Data drift per feature and for the dataset. With --fail-on-drift, exits 1 when the dataset drifts.
  A report over --max-report-size (default 20MB) keeps every feature's test result and leaves out the details of
  the last undrifted features (marked "summarized").
  Methods: ${Object.keys(METHODS).join(", ")}.
  ${sourcesUsage()}`;

function methodOption(value: string | undefined, name: string): DriftMethod | undefined {
  if (value === undefined) return undefined;
  if (!isDriftMethod(value)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `--${name} ${value}: unknown method. Methods: ${Object.keys(METHODS).join(", ")}.`,
    );
  }
  return value;
}

export async function driftCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = [
    "html",
    "method",
    "numeric-method",
    "categorical-method",
    "threshold",
    "correction",
    "drift-share",
    "exclude",
    ...READ_OPTIONS,
    ...PRIVACY_OPTIONS,
    ...SIZE_OPTIONS,
  ];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "drift", [...valued, "json", "fail-on-drift", ...PRIVACY_FLAGS]);
  if (parsed.positional.length !== 2) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab drift takes two files: the reference and the current data.\n${driftUsage}`,
    );
  }
  const [referencePath, currentPath] = parsed.positional;
  const readOptions = readOptionsOf(parsed);
  return withInputs([referencePath, currentPath], readOptions, ([reference, current]) =>
    driftOf(reference, current, parsed, referencePath, currentPath, out),
  );
}

async function driftOf(
  reference: Dataset | Source,
  current: Dataset | Source,
  parsed: ParsedArgs,
  referencePath: string,
  currentPath: string,
  out: (text: string) => void,
): Promise<number> {
  // Both sides' numeric features sorted on worker threads; drift then reuses the sorted values.
  if (!isSource(reference) && !isSource(current)) await prepareNumericSides([reference, current]);
  const method = methodOption(stringOption(parsed, "method"), "method");
  const numeric = methodOption(stringOption(parsed, "numeric-method"), "numeric-method");
  const categorical = methodOption(stringOption(parsed, "categorical-method"), "categorical-method");
  const report = await drift(reference, current, {
    method:
      method ?? (numeric !== undefined || categorical !== undefined ? { numeric, categorical } : undefined),
    threshold: numberOption(parsed, "threshold"),
    correction: stringOption(parsed, "correction") as Correction | undefined,
    driftShare: numberOption(parsed, "drift-share"),
    exclude: listOption(parsed, "exclude"),
    referenceName: referencePath,
    currentName: currentPath,
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-drift") ? "fail" : undefined);
}
