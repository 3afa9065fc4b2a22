import { DriftlabError } from "../errors.js";
import type { DriftJSON, FeatureDrift } from "../format/drift.js";
import type { Verdict } from "../format/envelope.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";

export type { DriftJSON, FeatureDrift, SideSummary, SkippedFeature } from "../format/drift.js";

type DriftInit = Omit<DriftJSON, keyof ReportEnvelope>;

/**
 * The verdict of a drift report: `fail` when the dataset drifted (the share of drifted features reached
 * `driftShare`), `warn` when some features drifted below that share, else `ok`.
 */
export function driftVerdict(init: Pick<DriftJSON, "dataset" | "features">): Verdict {
  const drifted = init.features.filter((f) => f.drifted).map((f) => f.name);
  const d = init.dataset;
  const share = `${drifted.length} of ${d.features} features drifted`;
  if (d.datasetDrift) return { status: "fail", reasons: [`dataset drift: ${share} (${drifted.join(", ")})`] };
  if (drifted.length > 0) return { status: "warn", reasons: [`${share}: ${drifted.join(", ")}`] };
  return { status: "ok", reasons: [] };
}

/** The result of {@link drift}: per-feature tests, the dataset verdict, and both distributions of every feature. */
export class DriftReport extends Report<DriftJSON> {
  readonly #init: DriftInit;
  readonly #envelope: ReportEnvelope & { kind: "drift" };

  constructor(init: DriftInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    this.#init = rest;
    this.#envelope = envelope("drift", title, driftVerdict(rest));
  }

  /** Features that drifted, most drifted first. */
  get drifted(): FeatureDrift[] {
    return this.#init.features.filter((f) => f.drifted);
  }

  get datasetDrift(): boolean {
    return this.#init.dataset.datasetDrift;
  }

  get features(): readonly FeatureDrift[] {
    return this.#init.features;
  }

  /** The result of one feature; throws MISSING_COLUMN (saying why when it was skipped) when it was not compared. */
  feature(name: string): FeatureDrift {
    const f = this.#init.features.find((x) => x.name === name);
    if (f === undefined) {
      const skipped = this.#init.skipped.find((s) => s.name === name);
      throw new DriftlabError(
        "MISSING_COLUMN",
        skipped
          ? `"${name}" was not compared: ${skipped.reason}`
          : `No feature "${name}" in this drift report. Features are: ${this.#init.features.map((x) => `"${x.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return f;
  }

  toJSON(): DriftJSON {
    return { ...this.#envelope, ...this.#init };
  }
}
