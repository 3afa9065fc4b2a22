import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { skew } from "../skew/index.js";
import { checkKnown, flag, listOption, numberOption, parseArgs, stringOption } from "./args.js";
import { emitReport, exitCodeOf } from "./output.js";

export const skewUsage = `driftlab skew <training> <serving> --label y [--score s | --prediction p] [--key id] [--json | --html out.html]
    [--fail-on-skew] [--features a,b,c] [--tolerance 1e-6] [--alpha 0.05]
  Training/serving skew told apart: schema skew, covariate, label and concept shift, per-example skew on --key.
  With --fail-on-skew, exits 1 when any kind of shift, schema error or per-example mismatch is found.`;

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
  const [training, serving] = await Promise.all([read(trainingPath), read(servingPath)]);
  const report = skew(training, serving, {
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
