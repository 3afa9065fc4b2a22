import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { join } from "../feedback/join.js";
import { performance } from "../feedback/performance.js";
import { checkKnown, flag, parseArgs, stringOption } from "./args.js";
import { emitReport, exitCodeOf } from "./output.js";

export const feedbackUsage = `driftlab feedback <predictions> <actuals> --key id --time ts --label y [--label-time t]
    [--score s] [--prediction p] [--every "1 day"] [--json | --html out.html] [--fail-on-alarm]
  Model performance over time from predictions joined with late labels: label coverage, lag and maturity, realized
  and estimated metrics per window, band and change-detector alarms classified sudden or gradual with the features
  involved. With --fail-on-alarm, exits 1 when there is an alarm.`;

/** `driftlab feedback`: join, then the performance timeline (the text output starts with the label report). */
export async function feedbackCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["key", "time", "label", "label-time", "score", "prediction", "every", "html"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "feedback", [...valued, "json", "fail-on-alarm"]);
  if (parsed.positional.length !== 2) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab feedback takes two files: the predictions and the actuals (labels).\n${feedbackUsage}`,
    );
  }
  const required = (name: string): string => {
    const value = stringOption(parsed, name);
    if (value === undefined) {
      throw new DriftlabError("INVALID_OPTION", `driftlab feedback needs --${name}.\n${feedbackUsage}`, {
        subject: name,
      });
    }
    return value;
  };
  const key = required("key");
  const time = required("time");
  const label = required("label");
  const score = stringOption(parsed, "score");
  const prediction = stringOption(parsed, "prediction");
  if (score === undefined && prediction === undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      "driftlab feedback needs the model's output: --score (probability of class 1) and/or --prediction.",
      { subject: "score" },
    );
  }
  const [predictions, actuals] = await Promise.all([
    read(parsed.positional[0], { kinds: { [time]: "datetime" } }),
    read(parsed.positional[1], {
      kinds: stringOption(parsed, "label-time") === undefined ? {} : { [required("label-time")]: "datetime" },
    }),
  ]);
  const joined = join(predictions, actuals, {
    key,
    time,
    label,
    labelTime: stringOption(parsed, "label-time"),
    every: stringOption(parsed, "every"),
  });
  const report = performance(joined, { every: stringOption(parsed, "every"), score, prediction });
  if (!flag(parsed, "json") && stringOption(parsed, "html") === undefined)
    out(`${joined.report.toString()}\n`);
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-alarm") ? "fail" : undefined);
}
