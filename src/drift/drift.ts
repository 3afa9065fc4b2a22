import { Dataset, type FeatureKind } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import {
  DEFAULT_CORRECTION,
  type Correction,
  type FeatureSelection,
  type ReportOptions,
  type SignificanceOptions,
} from "../format/options.js";
import { adjustPValues } from "../measures/index.js";
import { Profile } from "../stats/profile.js";
import { chooseMethod } from "./choose.js";
import { categoricalDistribution, numericDistribution } from "./distribution.js";
import { isDriftMethod, isDrifted, METHODS, type DriftMethod } from "./methods.js";
import { DriftReport, type FeatureDrift, type SideSummary, type SkippedFeature } from "./report.js";
import {
  categorySideOfColumn,
  comparedKind,
  numericSideOfColumn,
  sideOfState,
  type CategorySide,
  type NumericSide,
  type Side,
} from "./sides.js";
import { categoricalSummary, numericSummary } from "./summary.js";

/** Data to compare: anything `toDataset` accepts, or a profile (then tests needing raw values use sketches). */
export type DriftInput = DatasetInput | Profile;

export type { Correction } from "../format/options.js";

/** Options of {@link drift} (the shared words are in docs/api.md). */
export interface DriftOptions extends FeatureSelection, SignificanceOptions, ReportOptions {
  /** Features to compare. Default: every column present on both sides. */
  features?: string[];
  /** Features to leave out (ids, timestamps you slice by). Default none. */
  exclude?: string[];
  /** Kinds to force per column, applied to both sides. */
  kinds?: Record<string, FeatureKind>;
  /**
   * The test or distance: one for every feature (features of a kind it does not apply to, such as categories for
   * "ks", keep the default), or per kind and per feature. Default: Evidently's rule
   * ({@link chooseMethod}): KS / chi-square / z-test for references up to 1000 values, normed Wasserstein /
   * Jensen–Shannon distance above.
   */
  method?:
    | DriftMethod
    | { numeric?: DriftMethod; categorical?: DriftMethod; features?: Record<string, DriftMethod> };
  /**
   * Significance level of the test-based methods (KS, chi-square, z, ...): a feature drifts when its (corrected)
   * p-value is below it. Default: each test's own threshold (0.05, as Evidently). Distances use `threshold`.
   */
  alpha?: number;
  /**
   * Thresholds: one for every feature (a p-level for tests, a cut-off for distances), or per method and per feature;
   * these win over `alpha`. Default: each method's own (METHODS).
   */
  threshold?: number | { methods?: Partial<Record<DriftMethod, number>>; features?: Record<string, number> };
  /** The dataset drifts when at least this share of compared features drift. Default 0.5 (Evidently). */
  driftShare?: number;
  /**
   * Multiple-testing correction of the p-values of test-based features: "holm" (default, family-wise error; the one
   * default of every analysis, docs/api.md), "none" (each test on its own, as Evidently), "bonferroni" or "bh"
   * (Benjamini–Hochberg false discovery rate). Distances are not corrected.
   */
  correction?: Correction;
  /** Names for the two sides in the report. Default "reference" and "current" sources. */
  referenceName?: string;
  currentName?: string;
  title?: string;
}

interface Prepared {
  name: string;
  source: string;
  numRows: number;
  kindOf: (feature: string) => FeatureKind | undefined;
  sideOf: (feature: string, as: "numeric" | "categorical") => Side;
  names: string[];
}

function prepare(input: DriftInput, kinds: Record<string, FeatureKind> | undefined, role: string): Prepared {
  if (input instanceof Profile) {
    const kindOf = (f: string) => input.features.find((x) => x.name === f)?.kind;
    return {
      name: role,
      source: input.source,
      numRows: input.numRows,
      names: input.features.map((f) => f.name),
      kindOf,
      sideOf: (feature) => sideOfState(input.stateOf(feature)!),
    };
  }
  const dataset: Dataset = toDataset(input, { kinds });
  return {
    name: role,
    source: dataset.source,
    numRows: dataset.numRows,
    names: dataset.columnNames,
    kindOf: (f) => (dataset.has(f) ? dataset.column(f).kind : undefined),
    sideOf: (feature, as) => {
      const column = dataset.column(feature);
      if (as === "numeric" && (column.kind === "numeric" || column.kind === "datetime")) {
        return numericSideOfColumn(column);
      }
      return categorySideOfColumn(column);
    },
  };
}

function methodFor(
  options: DriftOptions,
  feature: string,
  compared: "numeric" | "categorical",
): DriftMethod | undefined {
  const m = options.method;
  if (m === undefined) return undefined;
  // One method for every feature applies where it can (KS to numeric features); the rest keep the default rule.
  if (typeof m === "string") return METHODS[m][compared] === undefined ? undefined : m;
  return m.features?.[feature] ?? m[compared];
}

function thresholdFor(options: DriftOptions, feature: string, method: DriftMethod): number {
  const t = options.threshold;
  if (typeof t === "number") return t;
  const given = t?.features?.[feature] ?? t?.methods?.[method];
  if (given !== undefined) return given;
  if (METHODS[method].type === "p-value" && options.alpha !== undefined) return options.alpha;
  return METHODS[method].threshold;
}

function checkOptions(options: DriftOptions): void {
  const methods: string[] = [];
  const m = options.method;
  if (typeof m === "string") methods.push(m);
  else if (m !== undefined) {
    if (m.numeric !== undefined) methods.push(m.numeric);
    if (m.categorical !== undefined) methods.push(m.categorical);
    methods.push(...Object.values(m.features ?? {}));
  }
  if (typeof options.threshold === "object") methods.push(...Object.keys(options.threshold.methods ?? {}));
  for (const name of methods) {
    if (!isDriftMethod(name)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Unknown drift method "${name}". Methods: ${Object.keys(METHODS).join(", ")}.`,
        { subject: name },
      );
    }
  }
  if (options.alpha !== undefined && !(options.alpha > 0 && options.alpha < 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `alpha must lie strictly between 0 and 1, got ${options.alpha}.`,
      {
        subject: "alpha",
      },
    );
  }
  const share = options.driftShare;
  if (share !== undefined && !(share > 0 && share <= 1)) {
    throw new DriftlabError("INVALID_OPTION", `driftShare must be in (0, 1], got ${share}.`, {
      subject: "driftShare",
    });
  }
  const correction = options.correction;
  if (correction !== undefined && !["none", "bonferroni", "holm", "bh"].includes(correction)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `correction must be "none", "bonferroni", "holm" or "bh", got "${correction}".`,
      {
        subject: "correction",
      },
    );
  }
}

function sideSummary(side: Side): SideSummary {
  const summary: SideSummary = { count: side.count, missing: side.missing, n: side.n };
  if (side.type === "numeric") {
    summary.mean = side.mean;
    summary.std = side.std;
    summary.min = side.min;
    summary.max = side.max;
    summary.nonFinite = side.nonFinite;
  } else {
    summary.categories = side.counts.size;
  }
  return summary;
}

/** Orders features: how far past its threshold each is (≥ 1 = drifted), comparable across methods. */
export function driftStrength(type: "p-value" | "distance", score: number, threshold: number): number {
  if (!Number.isFinite(score)) return type === "p-value" ? 0 : Infinity;
  if (type === "distance") return threshold > 0 ? score / threshold : score > 0 ? Infinity : 0;
  return Math.log(Math.max(score, 1e-300)) / Math.log(threshold);
}

/**
 * Data drift between a reference and a current dataset (or their profiles): per feature the test or distance
 * chosen by kind and sample size (or given), its statistic, p-value, threshold and verdict, a plain-words
 * summary and both distributions; and the dataset verdict (share of drifted features ≥ driftShare).
 *
 * @example drift(train, serving)
 * @example drift(lastMonth, thisMonth, { method: { numeric: "psi" }, correction: "holm" })
 */
export function drift(reference: DriftInput, current: DriftInput, options: DriftOptions = {}): DriftReport {
  checkOptions(options);
  const ref = prepare(reference, options.kinds, "reference");
  const cur = prepare(current, options.kinds, "current");
  if (ref.numRows === 0 || cur.numRows === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${ref.numRows === 0 ? ref.source : cur.source} has no rows; drift needs data on both sides.`,
    );
  }
  const requested = options.features ?? [...ref.names, ...cur.names.filter((n) => !ref.names.includes(n))];
  const exclude = new Set(options.exclude ?? []);
  const skipped: SkippedFeature[] = [];
  const results: FeatureDrift[] = [];
  requested.forEach((name, index) => {
    options.onProgress?.(index / requested.length, `feature ${index + 1} of ${requested.length}: ${name}`);
    compareOne(name);
  });
  options.onProgress?.(1, "done");
  function compareOne(name: string): void {
    if (exclude.has(name)) return;
    const rk = ref.kindOf(name);
    const ck = cur.kindOf(name);
    if (rk === undefined || ck === undefined) {
      if (options.features !== undefined && rk === undefined && ck === undefined) {
        throw new DriftlabError(
          "MISSING_COLUMN",
          `No feature "${name}" in ${ref.source} or ${cur.source}. Features: ${ref.names.join(", ")}.`,
          { subject: name },
        );
      }
      skipped.push({ name, reason: rk === undefined ? `only in ${cur.name}` : `only in ${ref.name}` });
      return;
    }
    const rc = comparedKind(rk);
    const cc = comparedKind(ck);
    if (rc !== cc) {
      skipped.push({ name, reason: `kind changed: ${rk} in ${ref.name}, ${ck} in ${cur.name}` });
      return;
    }
    if (rc === "text") {
      skipped.push({
        name,
        reason:
          'free text: no distribution test for text yet; pass kinds: { [name]: "categorical" } to compare values',
      });
      return;
    }
    const compared = rc;
    const rs = ref.sideOf(name, compared);
    const cs = cur.sideOf(name, compared);
    if (rs.n === 0 || cs.n === 0) {
      skipped.push({ name, reason: `no values in ${rs.n === 0 ? ref.name : cur.name}` });
      return;
    }
    const method = methodFor(options, name, compared) ?? chooseMethod(rs, cs);
    const spec = METHODS[method];
    const run = compared === "numeric" ? spec.numeric : spec.categorical;
    if (run === undefined) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Method "${method}" does not apply to ${compared} feature "${name}".`,
        {
          subject: name,
        },
      );
    }
    const result =
      compared === "numeric"
        ? spec.numeric!(rs as NumericSide, cs as NumericSide)
        : spec.categorical!(rs as CategorySide, cs as CategorySide);
    const threshold = thresholdFor(options, name, method);
    const score = spec.type === "p-value" ? result.pValue! : result.statistic;
    const datetime = rk === "datetime";
    results.push({
      name,
      kind: rk,
      method,
      methodLabel: spec.label,
      methodType: spec.type,
      comparison: spec.comparison,
      statistic: result.statistic,
      pValue: result.pValue ?? null,
      adjustedPValue: null,
      score,
      threshold,
      drifted: isDrifted(spec.comparison, score, threshold),
      strength: driftStrength(spec.type, score, threshold),
      approximate: result.approximate,
      detail: result.detail,
      summary:
        compared === "numeric"
          ? numericSummary(rs as NumericSide, cs as NumericSide, datetime)
          : categoricalSummary(rs as CategorySide, cs as CategorySide),
      reference: sideSummary(rs),
      current: sideSummary(cs),
      distribution:
        compared === "numeric"
          ? numericDistribution(rs as NumericSide, cs as NumericSide, datetime)
          : categoricalDistribution(rs as CategorySide, cs as CategorySide),
    });
  }
  applyCorrection(results, options.correction ?? DEFAULT_CORRECTION);
  results.sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || b.strength - a.strength || (a.name < b.name ? -1 : 1),
  );
  const drifted = results.filter((r) => r.drifted).length;
  const driftShare = options.driftShare ?? 0.5;
  const share = results.length === 0 ? 0 : drifted / results.length;
  return new DriftReport({
    title:
      options.title ?? `Drift: ${options.referenceName ?? ref.source} → ${options.currentName ?? cur.source}`,
    reference: { name: options.referenceName ?? "reference", source: ref.source, numRows: ref.numRows },
    current: { name: options.currentName ?? "current", source: cur.source, numRows: cur.numRows },
    correction: options.correction ?? DEFAULT_CORRECTION,
    dataset: {
      features: results.length,
      drifted,
      share,
      driftShare,
      datasetDrift: results.length > 0 && share >= driftShare,
    },
    features: results,
    skipped,
  });
}

function applyCorrection(results: FeatureDrift[], correction: Correction): void {
  if (correction === "none") return;
  const tested = results.filter((r) => r.methodType === "p-value" && r.pValue !== null);
  if (tested.length === 0) return;
  const adjusted = adjustPValues(
    tested.map((r) => r.pValue!),
    correction,
  );
  tested.forEach((r, i) => {
    r.adjustedPValue = adjusted[i];
    r.score = adjusted[i];
    r.drifted = isDrifted(r.comparison, r.score, r.threshold);
    r.strength = driftStrength("p-value", r.score, r.threshold);
  });
}
