import type { Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { skew } from "../skew/index.js";
import {
  checkKnown,
  flag,
  listOption,
  numberOption,
  parseArgs,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import { emitReport, exitCodeOf } from "./output.js";
import { sourcesUsage, withInputs } from "./sources.js";
import type { Source } from "../stats/source.js";

export const skewUsage = `driftlab skew <training> <serving> --label y [--score s | --prediction p] [--key id] [--json | --html out.html]
    [--fail-on-skew] [--features a,b,c] [--tolerance 1e-6] [--alpha 0.05]
  Training/serving skew told apart: schema skew, covariate, label and concept shift, per-example skew on --key.
  With --fail-on-skew, exits 1 when any kind of shift, schema error or per-example mismatch is found.
  ${sourcesUsage()} (a seeded sample of at most 200,000 rows per source, by --key's hash)`;

export async function skewCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["label", "score", "prediction", "key", "html", "features", "tolerance", "alpha"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "skew", [...valued, "json", "fail-on-skew"]);
  if (parsed.positional.length !== 2) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab skew takes two files: the training and the serving data.\n${skewUsage}`,
    );
  }
  const [trainingPath, servingPath] = parsed.positional;
  return withInputs([trainingPath, servingPath], {}, ([training, serving]) =>
    skewOf(training, serving, parsed, trainingPath, servingPath, out),
  );
}

async function skewOf(
  training: Dataset | Source,
  serving: Dataset | Source,
  parsed: ParsedArgs,
  trainingPath: string,
  servingPath: string,
  out: (text: string) => void,
): Promise<number> {
  const report = await skew(training, serving, {
    label: stringOption(parsed, "label"),
    score: stringOption(parsed, "score"),
    prediction: stringOption(parsed, "prediction"),
    key: stringOption(parsed, "key"),
    features: listOption(parsed, "features"),
    tolerance: numberOption(parsed, "tolerance"),
    alpha: numberOption(parsed, "alpha"),
    title: `Skew: ${trainingPath} → ${servingPath}`,
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-skew") ? "fail" : undefined);
}
