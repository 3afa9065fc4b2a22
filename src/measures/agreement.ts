/**
 * Agreement between annotators: Cohen's kappa (two raters), Fleiss' kappa (many raters, a count table) and
 * Krippendorff's alpha (any number of raters, missing ratings, nominal or interval values).
 */

import { DriftlabError } from "../errors.js";

/** A rating: a category (string or number) or a number on an interval scale. */
export type Rating = string | number;

/** Weights of {@link cohenKappa}: none (all disagreements equal), linear |i − j| or quadratic (i − j)². */
export type KappaWeights = "none" | "linear" | "quadratic";

/**
 * Cohen's kappa κ = 1 − Σ w·O / Σ w·E between two raters' labels of the same items, matching
 * `sklearn.metrics.cohen_kappa_score(a, b, weights=...)`: O is the confusion matrix over the sorted union of labels,
 * E = outer(row sums, column sums) / n, w = 1 − I (unweighted), |i − j| or (i − j)² over the label order. NaN when
 * the expected disagreement is 0 (one label only). O(n + k²).
 *
 * @param weights default "none".
 */
export function cohenKappa(
  a: readonly Rating[],
  b: readonly Rating[],
  weights: KappaWeights = "none",
): number {
  if (a.length !== b.length) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `cohenKappa: the first rater has ${a.length} labels, the second ${b.length}; pass both raters' labels of the same items.`,
      { subject: "b" },
    );
  }
  if (a.length === 0) return NaN;
  const labels = sortedLabels([...a, ...b]);
  const index = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const observed = new Float64Array(k * k);
  const rows = new Float64Array(k);
  const columns = new Float64Array(k);
  for (let i = 0; i < a.length; i++) {
    const r = index.get(a[i]) ?? 0;
    const c = index.get(b[i]) ?? 0;
    observed[r * k + c]++;
    rows[r]++;
    columns[c]++;
  }
  const n = a.length;
  let weightedObserved = 0;
  let weightedExpected = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const w =
        weights === "none" ? (r === c ? 0 : 1) : weights === "linear" ? Math.abs(r - c) : (r - c) ** 2;
      weightedObserved += w * observed[r * k + c];
      weightedExpected += (w * rows[r] * columns[c]) / n;
    }
  }
  return weightedExpected === 0 ? NaN : 1 - weightedObserved / weightedExpected;
}

/** Result of {@link fleissKappa}. */
export interface FleissKappaResult {
  kappa: number;
  /** Observed agreement P̄ (mean of the per-item agreements). */
  observedAgreement: number;
  /** Agreement expected by chance P̄_e = Σ_j p_j². */
  expectedAgreement: number;
  /** Per item: P_i = (Σ_j n_ij² − n) / (n (n − 1)), the share of agreeing rater pairs. */
  itemAgreement: number[];
}

/**
 * Fleiss' kappa (Fleiss 1971) from a table of counts: `table[i][j]` = how many raters put item i in category j; every
 * item must have the same number of raters n ≥ 2. κ = (P̄ − P̄_e) / (1 − P̄_e). Matches
 * `statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss")`. O(items · categories).
 */
export function fleissKappa(table: readonly (readonly number[])[]): FleissKappaResult {
  if (table.length === 0) throw new DriftlabError("EMPTY_TABLE", "fleissKappa: the table has no items.");
  const categories = table[0].length;
  const raters = table[0].reduce((s, v) => s + v, 0);
  const totals = new Float64Array(categories);
  const itemAgreement: number[] = [];
  table.forEach((row, i) => {
    const n = row.reduce((s, v) => s + v, 0);
    if (row.length !== categories || n !== raters || !(raters >= 2)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `fleissKappa: item ${i} has ${n} ratings over ${row.length} categories; every item needs the same number of raters (≥ 2) and ${categories} categories. Use krippendorffAlpha for missing ratings.`,
        { subject: "table" },
      );
    }
    let squares = 0;
    row.forEach((v, j) => {
      totals[j] += v;
      squares += v * v;
    });
    itemAgreement.push((squares - raters) / (raters * (raters - 1)));
  });
  const observedAgreement = itemAgreement.reduce((s, v) => s + v, 0) / table.length;
  let expectedAgreement = 0;
  for (const t of totals) expectedAgreement += (t / (table.length * raters)) ** 2;
  return {
    kappa: (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
    observedAgreement,
    expectedAgreement,
    itemAgreement,
  };
}

/** Result of {@link krippendorffAlpha}. */
export interface KrippendorffResult {
  alpha: number;
  /** Observed disagreement D_o. */
  observedDisagreement: number;
  /** Disagreement expected by chance D_e. */
  expectedDisagreement: number;
  /** Number of pairable values n (values in units with at least two ratings). */
  pairableValues: number;
  /**
   * Per unit (in input order): its share of the observed disagreement, Σ_{i≠j} δ²(v_i, v_j) / ((m_u − 1) n), where
   * m_u is its number of ratings; 0 for units where all raters agree; null for units with fewer than two ratings
   * (not pairable, left out of α).
   */
  unitDisagreement: (number | null)[];
}

/**
 * Krippendorff's alpha α = 1 − D_o / D_e (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), from the
 * coincidence matrix of pairable values: `units[u]` holds the ratings of unit u by each rater, `null` where a rater
 * gave none. Nominal: δ² = 1 for different values; interval: δ² = (c − k)². Units with fewer than two ratings are
 * left out. O(Σ m_u² + V²) for V distinct values.
 *
 * @param level "nominal" (default) or "interval" (numeric ratings).
 */
export function krippendorffAlpha(
  units: readonly (readonly (Rating | null)[])[],
  level: "nominal" | "interval" = "nominal",
): KrippendorffResult {
  const values = sortedLabels(units.flat().filter((v): v is Rating => v !== null));
  if (level === "interval" && values.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new DriftlabError(
      "TYPE_MISMATCH",
      'krippendorffAlpha: interval level needs finite numeric ratings; use level "nominal" for categories.',
      { subject: "level" },
    );
  }
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const delta = (c: number, d: number): number =>
    level === "nominal" ? (c === d ? 0 : 1) : ((values[c] as number) - (values[d] as number)) ** 2;
  const coincidences = new Float64Array(k * k);
  const perUnit: (number | null)[] = [];
  for (const unit of units) {
    const codes = unit.filter((v): v is Rating => v !== null).map((v) => index.get(v) ?? 0);
    const m = codes.length;
    if (m < 2) {
      perUnit.push(null);
      continue;
    }
    let disagreement = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        coincidences[codes[i] * k + codes[j]] += 1 / (m - 1);
        disagreement += delta(codes[i], codes[j]) / (m - 1);
      }
    }
    perUnit.push(disagreement);
  }
  const marginals = new Float64Array(k);
  for (let c = 0; c < k; c++) for (let d = 0; d < k; d++) marginals[c] += coincidences[c * k + d];
  const n = marginals.reduce((s, v) => s + v, 0);
  if (n < 2) throw new DriftlabError("EMPTY_TABLE", "krippendorffAlpha: no unit has two or more ratings.");
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      const w = delta(c, d);
      observed += coincidences[c * k + d] * w;
      expected += marginals[c] * marginals[d] * w;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return {
    alpha: expectedDisagreement === 0 ? NaN : 1 - observedDisagreement / expectedDisagreement,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    unitDisagreement: perUnit.map((v) => (v === null ? null : v / n)),
  };
}

/** Distinct labels sorted as numpy sorts them: numbers ascending, then strings in code-point order. */
function sortedLabels(values: readonly Rating[]): Rating[] {
  const distinct = [...new Set(values)];
  return distinct.sort((x, y) => {
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
