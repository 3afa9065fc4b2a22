import {
  disparityChart,
  fairnessMetricChart,
  intersectionHeatmap,
  thresholdChart,
} from "../charts/fairness.js";
import { envelope, Report } from "../report/report.js";
import { vegaLiteToSVG } from "../report/svg.js";
import { fairnessStaticHTML, fairnessText } from "./render.js";
import type { Verdict } from "../format/envelope.js";
import type { FairnessJSON, FlagJSON, GroupingJSON } from "../format/fairness.js";

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

  override toString(): string {
    return fairnessText(this.#json);
  }

  override toVegaLite(): Record<string, unknown> | undefined {
    return fairnessMetricChart(this.#json);
  }

  /** Tables and inline SVG charts (per-group metrics, disparity ratios, intersections, thresholds). */
  override async toStaticHTML(): Promise<string> {
    const json = this.#json;
    const charts = new Map<string, string>();
    const render = async (key: string, spec: Record<string, unknown> | undefined) => {
      if (spec !== undefined) charts.set(key, await vegaLiteToSVG(spec));
    };
    for (const grouping of json.groupings) {
      await render(`metrics:${grouping.name}`, fairnessMetricChart(json, { grouping: grouping.name }));
      if (grouping.columns.length === 2) {
        await render(`heatmap:${grouping.name}`, intersectionHeatmap(json, { grouping: grouping.name }));
      }
    }
    await render("disparity", disparityChart(json));
    await render("thresholds", thresholdChart(json));
    return fairnessStaticHTML(json, charts);
  }
}
