import type { Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { fairness, type FairnessOptions } from "../fairness/index.js";
import {
  checkKnown,
  flag,
  listOption,
  numberOption,
  parseArgs,
  READ_OPTIONS,
  readOptionsOf,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import { emitReport, exitCodeOf } from "./output.js";
import { sourcesUsage, withInputs } from "./sources.js";
import type { Source } from "../stats/source.js";

export const fairnessUsage = `driftlab fairness <file> --groups a[,b] (--prediction col | --score col [--threshold 0.5]) [--label col]
    [--stratify-by col] [--reference overall|largest|col=value] [--favorable positive|negative]
    [--positive-label v] [--min-group-size 30] [--suppress-below k] [--ci wilson|bootstrap]
    [--json | --html out.html] [--fail-on-disparity] [--format csv|tsv|json|ndjson|parquet|arrow]
  Per-group failure rates with intervals and disparities; --groups a,b is the intersection of a and b.
  With --fail-on-disparity, exits 1 when a disparity is flagged as a harm (outside the band and significant).
  ${sourcesUsage()} (GROUP BY counts; exact up to 5,000,000 rows, a seeded sample beyond)`;

const VALUED = [
  "label",
  "prediction",
  "score",
  "threshold",
  "groups",
  "stratify-by",
  "reference",
  "favorable",
  "positive-label",
  "min-group-size",
  "suppress-below",
  "ci",
  "html",
  ...READ_OPTIONS,
];

export async function fairnessCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const parsed = parseArgs(args, VALUED);
  checkKnown(parsed, "fairness", [...VALUED, "json", "fail-on-disparity"]);
  const [file] = parsed.positional;
  if (file === undefined || parsed.positional.length > 1) {
    throw new DriftlabError("INVALID_OPTION", `driftlab fairness takes one file.\n${fairnessUsage}`);
  }
  const groups = listOption(parsed, "groups");
  if (groups === undefined || groups.length === 0) {
    throw new DriftlabError("INVALID_OPTION", `driftlab fairness needs --groups.\n${fairnessUsage}`, {
      subject: "groups",
    });
  }
  const referenceText = stringOption(parsed, "reference");
  let reference: FairnessOptions["reference"];
  if (referenceText === undefined || referenceText === "overall" || referenceText === "largest")
    reference = referenceText;
  else {
    const named: Record<string, string> = {};
    reference = named;
    for (const pair of referenceText.split(",")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `--reference ${referenceText}: use overall, largest, or column=value[,column=value].`,
          {
            subject: "reference",
          },
        );
      }
      named[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return withInputs([file], readOptionsOf(parsed), ([data]) =>
    fairnessOf(data, parsed, groups, reference, out),
  );
}

async function fairnessOf(
  data: Dataset | Source,
  parsed: ParsedArgs,
  groups: FairnessOptions["groups"],
  reference: FairnessOptions["reference"],
  out: (text: string) => void,
): Promise<number> {
  const report = await fairness(data, {
    label: stringOption(parsed, "label"),
    prediction: stringOption(parsed, "prediction"),
    score: stringOption(parsed, "score"),
    threshold: numberOption(parsed, "threshold"),
    groups,
    stratifyBy: listOption(parsed, "stratify-by"),
    reference,
    favorable: stringOption(parsed, "favorable") as FairnessOptions["favorable"],
    positiveLabel: stringOption(parsed, "positive-label"),
    minSize: numberOption(parsed, "min-group-size"),
    suppressBelow: numberOption(parsed, "suppress-below"),
    ci: stringOption(parsed, "ci") as FairnessOptions["ci"],
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-disparity") ? "fail" : undefined);
}
