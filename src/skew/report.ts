import type { Verdict } from "../format/envelope.js";
import type { ShiftFinding, ShiftKind, SkewJSON } from "../format/skew.js";
import { DriftlabError } from "../errors.js";
import { formatNumber } from "../report/html.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";

export type * from "../format/skew.js";

type SkewInit = Omit<SkewJSON, keyof ReportEnvelope>;

const KINDS: readonly ShiftKind[] = ["covariate", "label", "concept"];

/**
 * The verdict of a skew report: `fail` when a kind of shift (covariate, label, concept) was detected, serving breaks
 * the schema (error anomalies) or rows joined on the key disagree; `warn` for schema warnings, ids present on one
 * side only or duplicated; else `ok`. Reasons name the kinds in plain words, most serious first (concept, label,
 * covariate, schema, per-example).
 */
export function skewVerdict(init: Pick<SkewJSON, "shifts" | "schema" | "perExample">): Verdict {
  const fail: string[] = [];
  const warn: string[] = [];
  for (const kind of ["concept", "label", "covariate"] as const) {
    if (init.shifts[kind].detected) fail.push(init.shifts[kind].summary);
  }
  const schema = init.schema;
  if (schema.errors > 0) {
    fail.push(
      `Schema skew: ${schema.errors} error anomal${schema.errors === 1 ? "y" : "ies"} in serving against the schema.`,
    );
  }
  if (schema.warnings > 0)
    warn.push(`Schema: ${schema.warnings} warning anomal${schema.warnings === 1 ? "y" : "ies"}.`);
  const keyed = init.perExample;
  if (keyed !== null) {
    const skewed = keyed.features.filter((f) => f.matchRate < 1);
    if (skewed.length > 0) {
      const named = skewed
        .slice(0, 3)
        .map((f) => `${f.feature} (${formatNumber(100 * f.matchRate, 3)}% match)`);
      fail.push(`Per-example skew on ${keyed.key}: ${named.join(", ")}${skewed.length > 3 ? ", …" : ""}.`);
    }
    const oneSided = keyed.onlyInTraining + keyed.onlyInServing;
    if (oneSided > 0) {
      warn.push(`${keyed.onlyInTraining} ids only in training, ${keyed.onlyInServing} only in serving.`);
    }
    const duplicates = keyed.duplicateTrainingIds + keyed.duplicateServingIds;
    if (duplicates > 0) {
      warn.push(
        `Duplicate ids: ${keyed.duplicateTrainingIds} in training, ${keyed.duplicateServingIds} in serving.`,
      );
    }
  }
  if (fail.length > 0) return { status: "fail", reasons: [...fail, ...warn] };
  if (warn.length > 0) return { status: "warn", reasons: warn };
  return { status: "ok", reasons: [] };
}

/**
 * The result of {@link skew}: which kinds of shift separate training from serving (covariate, label, concept),
 * with the evidence and the features that carry each, plus schema skew, per-feature distributions and per-example
 * skew.
 */
export class SkewReport extends Report<SkewJSON> {
  readonly #json: SkewJSON;

  /** @internal Use {@link skew}. */
  constructor(init: SkewInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    this.#json = { ...envelope("skew", title, skewVerdict(rest)), ...rest };
  }

  /** The finding of one kind of shift: "covariate", "label" or "concept". */
  shift(kind: ShiftKind): ShiftFinding {
    if (!KINDS.includes(kind)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `No shift kind "${String(kind)}". Kinds: ${KINDS.join(", ")}.`,
        {
          subject: String(kind),
        },
      );
    }
    return this.#json.shifts[kind];
  }

  /** The kinds of shift detected, in the order covariate, label, concept. */
  get detected(): ShiftKind[] {
    return KINDS.filter((k) => this.#json.shifts[k].detected);
  }

  /** One sentence: the kinds found. */
  headline(): string {
    return this.#json.headline;
  }

  toJSON(): SkewJSON {
    return this.#json;
  }
}
