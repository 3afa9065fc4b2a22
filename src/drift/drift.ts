import { Dataset, missingCount, type FeatureKind } from "../data/column.js";
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
import { categoricalDistribution, numericDistribution, type Distribution } from "./distribution.js";
import {
  isDriftMethod,
  isDrifted,
  isSkip,
  METHODS,
  type DriftMethod,
  type MethodResult,
  type MethodSkip,
} from "./methods.js";
import {
  DriftReport,
  type FeatureDrift,
  type SchemaChange,
  type SideSummary,
  type SkippedFeature,
} from "./report.js";
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
import { isSource, type Source } from "../stats/profile.js";
import { sourceAnalyses } from "../stats/source.js";

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
  /**
   * A feature present on one side only, with no values on one side, or of another kind on the two sides is a
   * schema change: always reported as drifted (`schemaChanges`) and counted in the drifted share. With `true`
   * (default) one schema change also makes the dataset drift by itself; `false` only counts it in the share.
   */
  schemaChangeIsDrift?: boolean;
  /**
   * The rule for features without an explicit `method`: `"evidently"` (default, {@link chooseMethod}) or
   * `"test-and-effect"`, which is calibrated at any sample size: drift only when a test rejects (KS for numeric,
   * chi-square for categorical, at p < the method threshold, default 0.05) AND the effect is at least
   * `effectFloor` (normed Wasserstein for numeric, Jensen–Shannon distance for categorical). Its false-alarm rate
   * is at most the test's alpha at every n, and it ignores shifts smaller than the floor however many rows there
   * are (docs/drift.md, "Power").
   */
  rule?: "evidently" | "test-and-effect";
  /** The effect floor of `rule: "test-and-effect"`. Default 0.05 (a 0.05-sd mean shift for normal data). */
  effectFloor?: number;
  /** Names for the two sides in the report. Default "reference" and "current" sources. */
  referenceName?: string;
  currentName?: string;
  title?: string;
  /**
   * Features whose distributions (shared histogram bins, quantiles) the report carries, the most drifted first; the
   * others carry `distribution: null` and the envelope's `omitted` says how many. `report.distribution(name)`
   * computes any of them later while the inputs are alive. Keeps a report of 20,000 features small. Default 100.
   */
  maxDistributions?: number;
}

interface Prepared {
  name: string;
  source: string;
  numRows: number;
  /** Rows and missing rows of a feature. */
  presence: (feature: string) => { count: number; missing: number };
  kindOf: (feature: string) => FeatureKind | undefined;
  sideOf: (feature: string, as: "numeric" | "categorical") => Side;
  names: string[];
  warnings: readonly string[];
}

function prepare(input: DriftInput, kinds: Record<string, FeatureKind> | undefined, role: string): Prepared {
  if (input instanceof Profile) {
    const kindOf = (f: string) => input.features.find((x) => x.name === f)?.kind;
    return {
      name: role,
      source: input.source,
      numRows: input.numRows,
      names: input.features.map((f) => f.name),
      warnings: input.warnings,
      kindOf,
      presence: (feature) => {
        const state = input.stateOf(feature)!;
        return { count: state.count, missing: state.missing };
      },
      sideOf: (feature) => sideOfState(input.stateOf(feature)!),
    };
  }
  const dataset: Dataset = toDataset(input, { kinds });
  return {
    name: role,
    source: dataset.source,
    numRows: dataset.numRows,
    names: dataset.columnNames,
    warnings: dataset.warnings,
    kindOf: (f) => (dataset.has(f) ? dataset.column(f).kind : undefined),
    presence: (feature) => {
      const column = dataset.column(feature);
      return { count: column.length, missing: missingCount(column) };
    },
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
  if (options.rule !== undefined && options.rule !== "evidently" && options.rule !== "test-and-effect") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `rule must be "evidently" or "test-and-effect", got "${String(options.rule)}".`,
      { subject: "rule" },
    );
  }
  const floor = options.effectFloor;
  if (floor !== undefined && !(floor >= 0 && Number.isFinite(floor))) {
    throw new DriftlabError("INVALID_OPTION", `effectFloor must be a number ≥ 0, got ${floor}.`, {
      subject: "effectFloor",
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
 * Given a source on either side (`duckdb("jan/*.parquet")`, `sql(db, "SELECT …")`, `clickhouse({ … })`), it returns a
 * promise: the source is profiled in its engine, numeric features are counted on agreed edges by both engines, and
 * the drift is computed from those profiles (KS as D ± ε with the summaries' bound; docs/scale.md).
 *
 * @example drift(train, serving)
 * @example drift(lastMonth, thisMonth, { method: { numeric: "psi" }, correction: "holm" })
 * @example await drift(duckdb("jan.parquet"), duckdb("jun.parquet"))
 */
export function drift(
  reference: Source,
  current: DriftInput | Source,
  options?: DriftOptions,
): Promise<DriftReport>;
export function drift(reference: DriftInput, current: Source, options?: DriftOptions): Promise<DriftReport>;
export function drift(reference: DriftInput, current: DriftInput, options?: DriftOptions): DriftReport;
export function drift(
  reference: DriftInput | Source,
  current: DriftInput | Source,
  options?: DriftOptions,
): DriftReport | Promise<DriftReport>;
export function drift(
  reference: DriftInput | Source,
  current: DriftInput | Source,
  options: DriftOptions = {},
): DriftReport | Promise<DriftReport> {
  if (isSource(reference) || isSource(current)) {
    return sourceAnalyses().drift(reference, current, options) as Promise<DriftReport>;
  }
  return driftBetween(reference, current, options);
}

/** @internal {@link drift} of two in-memory inputs (data or profiles); src/sources/ calls it on engine profiles. */
export function driftBetween(
  reference: DriftInput,
  current: DriftInput,
  options: DriftOptions = {},
): DriftReport {
  checkOptions(options);
  if (
    options.maxDistributions !== undefined &&
    !(Number.isInteger(options.maxDistributions) && options.maxDistributions >= 0)
  ) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `maxDistributions must be a whole number ≥ 0, got ${String(options.maxDistributions)}.`,
      { subject: "maxDistributions" },
    );
  }
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
  const schemaChanges: SchemaChange[] = [];
  let common = 0;
  const presenceOf = (side: Prepared, name: string) => {
    const kind = side.kindOf(name);
    if (kind === undefined) return null;
    const { count, missing } = side.presence(name);
    return { kind, count, missing, n: count - missing };
  };
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
      const only = rk === undefined ? cur : ref;
      schemaChanges.push({
        name,
        change: rk === undefined ? "only-in-current" : "only-in-reference",
        reason: `only in ${only.name}: the column is missing from ${rk === undefined ? ref.name : cur.name}`,
        reference: presenceOf(ref, name),
        current: presenceOf(cur, name),
      });
      return;
    }
    common++;
    const rp = presenceOf(ref, name)!;
    const cp = presenceOf(cur, name)!;
    if (rp.n === 0 && cp.n === 0) {
      skipped.push({ name, reason: "no values on either side" });
      return;
    }
    if (rp.n === 0 || cp.n === 0) {
      const empty = rp.n === 0 ? ref : cur;
      const counts = rp.n === 0 ? rp : cp;
      schemaChanges.push({
        name,
        change: rp.n === 0 ? "all-missing-in-reference" : "all-missing-in-current",
        reason: `all missing in ${empty.name}: ${counts.missing} of ${counts.count} rows have no value`,
        reference: rp,
        current: cp,
      });
      return;
    }
    const rc = comparedKind(rk);
    const cc = comparedKind(ck);
    if (rc !== cc && !(rc !== "numeric" && cc !== "numeric")) {
      schemaChanges.push({
        name,
        change: "kind-changed",
        reason: `kind changed: ${rk} in ${ref.name}, ${ck} in ${cur.name}`,
        reference: rp,
        current: cp,
      });
      return;
    }
    if (rc === "text" || cc === "text") {
      skipped.push({
        name,
        reason:
          (rc === cc
            ? "free text"
            : `free text in ${rc === "text" ? ref.name : cur.name}, categories in the other`) +
          ': no distribution test for text yet; pass kinds: { [name]: "categorical" } to compare values',
      });
      return;
    }
    const compared = rc;
    const rs = ref.sideOf(name, compared);
    const cs = cur.sideOf(name, compared);
    if (rs.n === 0 || cs.n === 0) {
      const empty = rs.n === 0 ? rs : cs;
      schemaChanges.push({
        name,
        change: rs.n === 0 ? "all-missing-in-reference" : "all-missing-in-current",
        reason: `no finite values in ${rs.n === 0 ? ref.name : cur.name}: ${empty.count - empty.missing} present values are all NaN or ±Infinity`,
        reference: { ...rp, n: rs.n },
        current: { ...cp, n: cs.n },
      });
      return;
    }
    const requestedMethod = methodFor(options, name, compared);
    const testAndEffect = requestedMethod === undefined && options.rule === "test-and-effect";
    const defaultMethod = testAndEffect
      ? compared === "numeric"
        ? "ks"
        : "chisquare"
      : chooseMethod(rs, cs);
    let method = requestedMethod ?? defaultMethod;
    if ((compared === "numeric" ? METHODS[method].numeric : METHODS[method].categorical) === undefined) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `Method "${method}" does not apply to ${compared} feature "${name}".`,
        {
          subject: name,
        },
      );
    }
    const runMethod = (m: DriftMethod): MethodResult | MethodSkip =>
      compared === "numeric"
        ? METHODS[m].numeric!(rs as NumericSide, cs as NumericSide)
        : METHODS[m].categorical!(rs as CategorySide, cs as CategorySide);
    let outcome = runMethod(method);
    let fallback: FeatureDrift["fallback"];
    if (isSkip(outcome) && method !== defaultMethod) {
      fallback = { method, reason: outcome.skipped };
      method = defaultMethod;
      outcome = runMethod(method);
    }
    if (isSkip(outcome)) {
      skipped.push({ name, reason: outcome.skipped });
      return;
    }
    const result = outcome;
    const spec = METHODS[method];
    const threshold = thresholdFor(options, name, method);
    const score = spec.type === "p-value" ? result.pValue! : result.statistic;
    const datetime = rk === "datetime";
    const feature: FeatureDrift = {
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
      distribution: null,
    };
    if (fallback !== undefined) feature.fallback = fallback;
    if (result.bound !== undefined) feature.bound = { ...result.bound, inconclusive: false };
    if (testAndEffect) {
      const effectMethod: DriftMethod = compared === "numeric" ? "wasserstein" : "jensenshannon";
      const effect = runMethod(effectMethod) as MethodResult;
      const floor = options.effectFloor ?? 0.05;
      feature.effect = { method: effectMethod, value: effect.statistic, floor };
    }
    results.push(feature);
  }
  if (common === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${ref.source} and ${cur.source} have no feature in common, so there is nothing to compare. ` +
        `Reference: ${ref.names.join(", ") || "(none)"}; current: ${cur.names.join(", ") || "(none)"}. ` +
        "Check that both files hold the same table (same header), or pass features: [...].",
    );
  }
  if (results.length === 0 && schemaChanges.length === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `Nothing to compare between ${ref.source} and ${cur.source}: ` +
        skipped.map((s) => `${s.name} (${s.reason})`).join("; ") +
        ".",
    );
  }
  applyCorrection(results, options.correction ?? DEFAULT_CORRECTION);
  applyEffectFloor(results);
  applyBounds(results, options.correction ?? DEFAULT_CORRECTION);
  results.sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || b.strength - a.strength || (a.name < b.name ? -1 : 1),
  );
  // Distributions only for the features a report shows; the sides are built again for those (cheap next to the
  // tests), so that no feature's values are held past its test.
  const maxDistributions = options.maxDistributions ?? 100;
  const distributionOf = (feature: FeatureDrift, from: [Prepared, Prepared]) =>
    distributionOfSides(
      from[0].sideOf(feature.name, comparedKind(feature.kind) as "numeric"),
      from[1].sideOf(feature.name, comparedKind(feature.kind) as "numeric"),
      feature.kind === "datetime",
    );
  results.forEach((f, i) => {
    if (i < maxDistributions) f.distribution = distributionOf(f, [ref, cur]);
  });
  const inputs = new WeakRef<object>(reference as object);
  const currentInput = new WeakRef<object>(current as object);
  const later = (name: string): Distribution => {
    const feature = results.find((f) => f.name === name);
    if (feature === undefined) {
      throw new DriftlabError("MISSING_COLUMN", `No feature "${name}" was compared in this drift report.`, {
        subject: name,
      });
    }
    if (feature.distribution !== null) return feature.distribution;
    const r = inputs.deref();
    const c = currentInput.deref();
    if (r === undefined || c === undefined) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `The inputs of this drift report are gone, so the distribution of "${name}" cannot be computed; run drift(reference, current, { features: ["${name}"] }).`,
        { subject: name },
      );
    }
    return distributionOf(feature, [
      prepare(r as DriftInput, options.kinds, "reference"),
      prepare(c as DriftInput, options.kinds, "current"),
    ]);
  };
  const left = Math.max(0, results.length - maxDistributions);
  const omitted =
    left === 0
      ? undefined
      : {
          notes: [
            `distributions of ${left} of ${results.length} features left out (distribution: null; the ${maxDistributions} most drifted have theirs); report.distribution(name) or maxDistributions gives more`,
          ],
        };
  const drifted = results.filter((r) => r.drifted).length + schemaChanges.length;
  const features = results.length + schemaChanges.length;
  const driftShare = options.driftShare ?? 0.5;
  const share = features === 0 ? 0 : drifted / features;
  const schemaChangeIsDrift = options.schemaChangeIsDrift ?? true;
  return new DriftReport({
    title:
      options.title ?? `Drift: ${options.referenceName ?? ref.source} → ${options.currentName ?? cur.source}`,
    reference: { name: options.referenceName ?? "reference", source: ref.source, numRows: ref.numRows },
    current: { name: options.currentName ?? "current", source: cur.source, numRows: cur.numRows },
    correction: options.correction ?? DEFAULT_CORRECTION,
    dataset: {
      features,
      drifted,
      share,
      driftShare,
      schemaChanges: schemaChanges.length,
      datasetDrift:
        features > 0 && (share >= driftShare || (schemaChangeIsDrift && schemaChanges.length > 0)),
    },
    features: results,
    schemaChanges,
    skipped,
    omitted,
    warnings: [...new Set([...ref.warnings, ...cur.warnings])],
    distributionOf: later,
  });
}

function distributionOfSides(reference: Side, current: Side, datetime: boolean): Distribution {
  return reference.type === "numeric"
    ? numericDistribution(reference, current as NumericSide, datetime)
    : categoricalDistribution(reference, current as CategorySide);
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

/** `rule: "test-and-effect"`: a feature drifts only when its test rejects and its effect reaches the floor. */
function applyEffectFloor(results: FeatureDrift[]): void {
  for (const r of results) {
    if (r.effect === undefined) continue;
    const effectStrength = driftStrength("distance", r.effect.value, r.effect.floor);
    r.drifted = r.drifted && r.effect.value >= r.effect.floor;
    r.strength = Math.min(r.strength, effectStrength);
  }
}

/**
 * Features computed from sketches with an error bound: their p-value interval (the correction applied to every
 * feature's lower ends and upper ends apart: Holm, BH and Bonferroni are monotone in each p-value, so the adjusted
 * ends bound the adjusted p-value) decides drift only when the threshold is outside it; inside, the feature is
 * inconclusive and not counted as drifted.
 */
function applyBounds(results: FeatureDrift[], correction: Correction): void {
  const bounded = results.filter((r) => r.bound?.pValue !== null && r.bound?.pValue !== undefined);
  if (bounded.length === 0) return;
  if (correction !== "none") {
    const tested = results.filter((r) => r.methodType === "p-value" && r.pValue !== null);
    const ends = (end: 0 | 1): number[] =>
      Array.from(
        adjustPValues(
          tested.map((r) => r.bound?.pValue?.[end] ?? r.pValue!),
          correction,
        ),
      );
    const lows = ends(0);
    const highs = ends(1);
    tested.forEach((r, i) => {
      if (r.bound?.pValue) r.bound.pValue = [lows[i], highs[i]];
    });
  }
  for (const r of bounded) {
    const bound = r.bound!;
    const [low, high] = bound.pValue!;
    const driftAtLow = isDrifted(r.comparison, low, r.threshold);
    const driftAtHigh = isDrifted(r.comparison, high, r.threshold);
    if (driftAtLow !== driftAtHigh) {
      bound.inconclusive = true;
      r.drifted = false;
    }
  }
}
