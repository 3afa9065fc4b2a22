import type { Verdict } from "../format/envelope.js";
import type { FairnessJSON, FlagJSON, GroupingJSON } from "../format/fairness.js";
import { envelope, Report } from "../report/report.js";

/**
 * `fail` when a disparity is flagged as a harm (outside the band, significant after correction, harmful direction),
 * `warn` when disparities are outside the band but not significant, else `ok`.
 */
export function fairnessVerdict(json: Pick<FairnessJSON, "flags" | "outsideBandNotSignificant">): Verdict {
  const reasonOf = (f: FlagJSON) =>
    `${f.metric} of ${f.group} (${f.grouping}) is ${f.ratio === null ? "undefined" : `${f.ratio.toFixed(2)}×`} that of ${f.reference}`;
  if (json.flags.length > 0) return { status: "fail", reasons: json.flags.map(reasonOf) };
  if (json.outsideBandNotSignificant.length > 0) {
    return {
      status: "warn",
      reasons: json.outsideBandNotSignificant.map((f) => `${reasonOf(f)} (not significant)`),
    };
  }
  return { status: "ok", reasons: [] };
}

/** What {@link fairness} computed, before the envelope is added. */
export type FairnessInit = Omit<FairnessJSON, keyof ReturnType<typeof envelope>> & {
  title: string;
  suppressed: { column: string; count: number; minimumCount: number }[];
};

/**
 * The result of `fairness()`: per-group metrics with intervals, disparities, harm flags and notes. `toJSON()` is the
 * "fairness" report kind (docs/fairness.md); `toVegaLite()` is the per-group metric chart of the first grouping.
 */
export class FairnessReport extends Report<FairnessJSON> {
  readonly #json: FairnessJSON;

  /** @internal Use `fairness()`. */
  constructor(init: FairnessInit) {
    super();
    const { title, suppressed, ...rest } = init;
    const json: FairnessJSON = { ...envelope("fairness", title, fairnessVerdict(rest)), ...rest };
    if (suppressed.length > 0) {
      json.omitted = {
        suppressed,
        notes: [
          `Groups with fewer than ${suppressed[0].minimumCount} rows are not shown (suppressBelow); the overall row still counts them.`,
        ],
      };
    }
    this.#json = json;
  }

  /** Harm flags: outside the band, significant after correction, in the harmful direction. */
  get flags(): FlagJSON[] {
    return this.#json.flags.map((f) => ({ ...f }));
  }

  /** True when some disparity is flagged as a harm (the CLI's `--fail-on-disparity` exits 1 then). */
  get hasHarm(): boolean {
    return this.#json.flags.length > 0;
  }

  /** The grouping called `name` ("sex", "sex × race"); the first when omitted. */
  grouping(name?: string): GroupingJSON | undefined {
    const found =
      name === undefined ? this.#json.groupings[0] : this.#json.groupings.find((g) => g.name === name);
    return found === undefined ? undefined : structuredClone(found);
  }

  toJSON(): FairnessJSON {
    return structuredClone(this.#json);
  }
}
