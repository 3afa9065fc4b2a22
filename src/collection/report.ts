/** The report objects of the collection analyses, with their verdicts. Data only: presenters live in src/presenters. */

import { DriftlabError } from "../errors.js";
import type {
  CoverageJSON,
  CoverageResult,
  FeatureContent,
  FeatureCoverage,
  PredictiveContentJSON,
  PredictiveContentResult,
  ProxyScore,
  RepresentationJSON,
  RepresentationResult,
} from "../format/collection.js";
import type { Verdict } from "../format/envelope.js";
import { envelope, Report } from "../report/report.js";

function listed(names: readonly string[], limit = 6): string {
  const shown = names.slice(0, limit).map((n) => `"${n}"`);
  return names.length > limit ? `${shown.join(", ")} and ${names.length - limit} more` : shown.join(", ");
}

/**
 * `fail` when a feature is a leakage suspect (a model would learn the answer, not the task), `warn` when some
 * features carry no information (constant, duplicate, no tested signal), else `ok`.
 */
export function predictiveContentVerdict(result: PredictiveContentResult): Verdict {
  const leaks = result.features.filter((f) => f.status === "leakage-suspect").map((f) => f.name);
  const idle = result.features.filter((f) => f.status === "non-informative").map((f) => f.name);
  const reasons: string[] = [];
  if (leaks.length > 0)
    reasons.push(
      `leakage suspected in ${listed(leaks)}: alone implausibly predictive of "${result.label.name}"`,
    );
  if (idle.length > 0)
    reasons.push(
      `${idle.length} of ${result.features.length} features carry no information about "${result.label.name}": ${listed(idle)}`,
    );
  return { status: leaks.length > 0 ? "fail" : idle.length > 0 ? "warn" : "ok", reasons };
}

/**
 * `fail` when a significant share of serving rows lies where training has no support, `warn` when some slices are
 * under-covered or a feature has serving values training never saw (≥ 1 % of rows), else `ok`.
 */
export function coverageVerdict(result: CoverageResult): Verdict {
  const reasons: string[] = [];
  const joint = result.joint;
  if (joint?.gap === true) {
    reasons.push(
      `${(joint.uncoveredShare * 100).toFixed(1)}% of serving rows have no training row nearby (expected ${(joint.expectedShare * 100).toFixed(1)}%), mostly through ${listed(
        joint.featureContributions.slice(0, 3).map((f) => f.name),
      )}`,
    );
  }
  if (result.slices.length > 0) {
    reasons.push(
      `${result.slices.length} under-covered slice${result.slices.length === 1 ? "" : "s"}, e.g. ${result.slices[0].label}`,
    );
  }
  const outside = result.features.filter((f) => f.outsideShare >= 0.01).map((f) => f.name);
  if (outside.length > 0) reasons.push(`serving values outside training in ${listed(outside)}`);
  return { status: joint?.gap === true ? "fail" : reasons.length > 0 ? "warn" : "ok", reasons };
}

/**
 * `fail` when a group is significantly under-represented (outside the band), `warn` for over-represented groups,
 * groups too small to judge their metrics, or proxies of a protected attribute, else `ok`.
 */
export function representationVerdict(result: RepresentationResult): Verdict {
  // Name single-column groups with their column ("sex=F"), as intersections already are.
  const groups = result.groupings.flatMap((g) =>
    g.groups.map((x) => ({ ...x, group: g.columns.length === 1 ? `${g.name}=${x.group}` : x.group })),
  );
  const under = groups.filter((g) => g.status === "under-represented").map((g) => g.group);
  const over = groups.filter((g) => g.status === "over-represented").map((g) => g.group);
  const small = groups.filter((g) => g.tooSmall).map((g) => g.group);
  const proxies = result.proxies.filter((p) => p.proxy).map((p) => `${p.feature} → ${p.attribute}`);
  const reasons: string[] = [];
  if (under.length > 0) reasons.push(`under-represented: ${listed(under)}`);
  if (over.length > 0) reasons.push(`over-represented: ${listed(over)}`);
  if (small.length > 0) reasons.push(`fewer than ${result.minSize} rows: ${listed(small)}`);
  if (proxies.length > 0) reasons.push(`proxies of a protected attribute: ${listed(proxies)}`);
  return { status: under.length > 0 ? "fail" : reasons.length > 0 ? "warn" : "ok", reasons };
}

/** The result of {@link predictiveContent}. */
export class PredictiveContentReport extends Report<PredictiveContentJSON> {
  readonly #json: PredictiveContentJSON;

  constructor(result: PredictiveContentResult, source: string, title: string) {
    super();
    this.#json = {
      ...envelope("predictive-content", title, predictiveContentVerdict(result)),
      source,
      ...result,
    };
  }

  get features(): readonly FeatureContent[] {
    return this.#json.features;
  }

  /** Features that carry information about the label (and are not leakage suspects). */
  get informative(): string[] {
    return this.#json.features.filter((f) => f.status === "informative").map((f) => f.name);
  }

  /** Features flagged as non-informative (constant, near-duplicate, no signal, ...). */
  get nonInformative(): string[] {
    return this.#json.features.filter((f) => f.status === "non-informative").map((f) => f.name);
  }

  get leakageSuspects(): string[] {
    return this.#json.features.filter((f) => f.status === "leakage-suspect").map((f) => f.name);
  }

  /** One feature's result; throws MISSING_COLUMN when it was not assessed. */
  feature(name: string): FeatureContent {
    const f = this.#json.features.find((x) => x.name === name);
    if (f === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `No feature "${name}" in this predictive-content report. Features are: ${this.#json.features.map((x) => `"${x.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return f;
  }

  toJSON(): PredictiveContentJSON {
    return this.#json;
  }
}

/** The result of {@link coverage}. */
export class CoverageReport extends Report<CoverageJSON> {
  readonly #json: CoverageJSON;

  constructor(result: CoverageResult, title: string) {
    super();
    this.#json = { ...envelope("coverage", title, coverageVerdict(result)), ...result };
  }

  /** True when a significant share of serving rows has no training support. */
  get gap(): boolean {
    return this.#json.joint?.gap === true;
  }

  /** One feature's coverage; throws MISSING_COLUMN when it was not compared. */
  feature(name: string): FeatureCoverage {
    const f = this.#json.features.find((x) => x.name === name);
    if (f === undefined) {
      const skipped = this.#json.skipped.find((s) => s.name === name);
      throw new DriftlabError(
        "MISSING_COLUMN",
        skipped !== undefined
          ? `"${name}" was not compared: ${skipped.reason}.`
          : `No feature "${name}" in this coverage report. Features are: ${this.#json.features.map((x) => `"${x.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return f;
  }

  toJSON(): CoverageJSON {
    return this.#json;
  }
}

/** The result of {@link representation}. */
export class RepresentationReport extends Report<RepresentationJSON> {
  readonly #json: RepresentationJSON;

  constructor(result: RepresentationResult, source: string, title: string) {
    super();
    this.#json = { ...envelope("representation", title, representationVerdict(result)), source, ...result };
  }

  /** Features that predict a protected attribute (significant, AUC ≥ proxyAuc), strongest first. */
  get proxies(): ProxyScore[] {
    return this.#json.proxies.filter((p) => p.proxy);
  }

  toJSON(): RepresentationJSON {
    return this.#json;
  }
}
