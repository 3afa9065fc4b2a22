import type { Verdict } from "../format/envelope.js";
import type { LabelJSON } from "../format/feedback.js";
import type { ReportEnvelope } from "../format/envelope.js";
import { envelope, Report } from "../report/report.js";

export type { AgeBucket, LabelJSON, LabelListItem, MaturityCurve } from "../format/feedback.js";

/** One sentence per problem the join found (duplicates, orphans, corrections, ...), most serious first. */
export function labelFindings(json: Pick<LabelJSON, "counts">): string[] {
  const c = json.counts;
  const n = (v: number): string => v.toLocaleString("en-US");
  const out: string[] = [];
  if (c.duplicatePredictionRows > 0)
    out.push(
      `${n(c.duplicatePredictionKeys)} prediction keys appear more than once; the first prediction is kept, ${n(c.duplicatePredictionRows)} later rows left out`,
    );
  if (c.orphanLabels > 0)
    out.push(`${n(c.orphanLabels)} labels have no prediction (orphans, ${n(c.orphanKeys)} keys)`);
  if (c.correctedLabels > 0) out.push(`${n(c.correctedLabels)} keys got a corrected label (the latest wins)`);
  if (c.repeatedLabels > 0) out.push(`${n(c.repeatedLabels)} keys got the same label more than once`);
  if (c.missingLabelValues > 0) out.push(`${n(c.missingLabelValues)} label rows have no value`);
  if (c.missingLabelKeys > 0) out.push(`${n(c.missingLabelKeys)} label rows have no key`);
  if (c.missingPredictionKeys > 0)
    out.push(`${n(c.missingPredictionKeys)} predictions have no key (left out)`);
  if (c.missingPredictionTimes > 0) out.push(`${n(c.missingPredictionTimes)} predictions have no time`);
  if (c.labelsAfterAsOf > 0)
    out.push(`${n(c.labelsAfterAsOf)} labels arrived after the as-of time and are not used yet`);
  if (c.labelsBeforePrediction > 0)
    out.push(
      `${n(c.labelsBeforePrediction)} labels are timestamped before their prediction (lag counted as 0)`,
    );
  return out;
}

/**
 * The verdict of a label report: `warn` when the join found duplicates, orphans, corrections or labels without a
 * value or key (worth a look; nothing was dropped silently), `ok` otherwise. A join never fails.
 */
export function labelVerdict(json: Pick<LabelJSON, "counts">): Verdict {
  const c = json.counts;
  const reasons = labelFindings(json);
  const worth =
    c.duplicatePredictionRows +
      c.orphanLabels +
      c.correctedLabels +
      c.missingLabelValues +
      c.missingLabelKeys +
      c.missingPredictionKeys >
    0;
  return worth ? { status: "warn", reasons } : { status: "ok", reasons: [] };
}

/** The label report of `feedback.join`: coverage, lag, maturity, duplicates, orphans, corrections. */
export class LabelReport extends Report<LabelJSON> {
  readonly #json: LabelJSON;

  constructor(init: Omit<LabelJSON, keyof ReportEnvelope>, title = "Labels joined to predictions") {
    super();
    this.#json = { ...envelope("feedback-labels", title, labelVerdict(init)), ...init };
  }

  toJSON(): LabelJSON {
    return this.#json;
  }
}
