import { DriftlabError } from "../errors.js";
import type { Distribution, DriftJSON, FeatureDrift } from "../format/drift.js";
import type { Verdict } from "../format/envelope.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";

export type {
  DriftJSON,
  FeatureDrift,
  SchemaChange,
  SchemaChangeSide,
  SideSummary,
  SkippedFeature,
} from "../format/drift.js";

type DriftInit = Omit<DriftJSON, keyof ReportEnvelope>;

/**
 * The verdict of a drift report: `fail` when the dataset drifted (the share of drifted features reached
 * `driftShare`), `warn` when some features drifted below that share, else `ok`.
 */
export function driftVerdict(init: Pick<DriftJSON, "dataset" | "features" | "schemaChanges">): Verdict {
  const drifted = [
    ...init.schemaChanges.map((c) => c.name),
    ...init.features.filter((f) => f.drifted).map((f) => f.name),
  ];
  const d = init.dataset;
  const share = `${drifted.length} of ${d.features} features drifted`;
  const changes = init.schemaChanges.map((c) => `${c.name}: ${c.reason}`);
  if (d.datasetDrift) {
    return {
      status: "fail",
      reasons: [`dataset drift: ${share} (${drifted.join(", ")})`, ...changes],
    };
  }
  const inconclusive = init.features.filter((f) => f.bound?.inconclusive === true).map((f) => f.name);
  const open =
    inconclusive.length > 0
      ? [
          `inconclusive from sketches (the threshold lies inside the p-value interval): ${inconclusive.join(", ")}; profile with a larger kllK or compare the data`,
        ]
      : [];
  if (drifted.length > 0) return { status: "warn", reasons: [`${share}: ${drifted.join(", ")}`, ...open] };
  if (open.length > 0) return { status: "warn", reasons: open };
  return { status: "ok", reasons: [] };
}

/** The result of {@link drift}: per-feature tests, the dataset verdict, and both distributions of every feature. */
export class DriftReport extends Report<DriftJSON> {
  readonly #init: DriftInit;
  readonly #envelope: ReportEnvelope & { kind: "drift" };
  readonly #distributionOf: ((name: string) => Distribution) | undefined;

  constructor(
    init: DriftInit & {
      title: string;
      omitted?: ReportEnvelope["omitted"];
      warnings?: string[];
      distributionOf?: (name: string) => Distribution;
    },
  ) {
    super();
    const { title, omitted, warnings, distributionOf, ...rest } = init;
    this.#init = rest;
    this.#envelope = envelope("drift", title, driftVerdict(rest));
    if (omitted !== undefined) this.#envelope.omitted = omitted;
    if (warnings !== undefined && warnings.length > 0) this.#envelope.warnings = warnings;
    this.#distributionOf = distributionOf;
  }

  /**
   * Both distributions of a compared feature: the report's own, or (for features past `maxDistributions`) computed
   * now from the inputs, while they are still in memory.
   */
  distribution(name: string): Distribution {
    const own = this.feature(name).distribution;
    if (own !== null) return own;
    if (this.#distributionOf === undefined) {
      throw new DriftlabError("INVALID_OPTION", `The distribution of "${name}" is not in this report.`, {
        subject: name,
      });
    }
    return this.#distributionOf(name);
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
      const skipped =
        this.#init.skipped.find((s) => s.name === name) ??
        this.#init.schemaChanges.find((s) => s.name === name);
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
