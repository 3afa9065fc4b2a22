/**
 * Coverage: how well the training data covers the data the model meets in serving — per feature (values outside
 * the training range, unseen categories), jointly (serving rows far from every training row), and by slice
 * (feature = value conjunctions much rarer in training than in serving).
 */

import type {
  CoverageMap,
  CoverageResult,
  CoverageSlice,
  FeatureCoverage,
  JointCoverage,
} from "../format/collection.js";
import {
  DEFAULT_ALPHA,
  DEFAULT_CORRECTION,
  type Correction,
  type FeatureSelection,
  type MinSizeOption,
  type ReportOptions,
  type SignificanceOptions,
} from "../format/options.js";
import type { Column, Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { betaBinomialUpperTail } from "../measures/beta-binomial.js";
import { fisherExact, quantileOfSorted } from "../measures/index.js";
import { adjustPValues } from "../measures/multiple-testing.js";
import { numericValues } from "./encode.js";
import { sampleRows } from "./sample.js";

/** Options of {@link coverage}. */
export interface CoverageOptions extends FeatureSelection, SignificanceOptions, MinSizeOption, ReportOptions {
  /**
   * A serving row is without training support when its distance to the nearest training row exceeds this quantile
   * of the training rows' own leave-one-out nearest-neighbour distances. Default 0.95 (so about 5 % of rows from
   * the training distribution itself exceed it).
   */
  supportQuantile?: number;
  /** Rows per side used for the nearest-neighbour check (a seeded sample beyond). Default 3,000. */
  sampleRows?: number;
  /** Quantile bins per numeric feature for the slices (plus bins below and above the training range). Default 5. */
  bins?: number;
  /** A slice is under-covered when its training share is below this fraction of its serving share. Default 0.5. */
  maxCoverageRatio?: number;
  /** Most under-covered slices reported. Default 20. */
  maxSlices?: number;
  /** Seed of the samples. Default 0. */
  seed?: number;
}

function fraction(value: number, name: string, open = false): number {
  if (!(value > 0 && (open ? value < 1 : value <= 1))) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${name} = ${value}; it must lie in (0, ${open ? "1)" : "1]"}.`,
      {
        subject: name,
      },
    );
  }
  return value;
}

function isCategory(column: Column): boolean {
  return column.kind === "categorical" || column.kind === "text" || column.kind === "boolean";
}

function categoryOf(column: Column, i: number): string | null {
  if (column.valid !== null && column.valid[i] === 0) return null;
  if (column.kind === "boolean") return column.values[i] === 1 ? "true" : "false";
  if (column.kind === "categorical" || column.kind === "text") return column.dictionary[column.codes[i]];
  return null;
}

function finiteSorted(values: Float64Array): Float64Array {
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m++;
  const out = new Float64Array(m);
  let j = 0;
  for (const v of values) if (Number.isFinite(v)) out[j++] = v;
  return out.sort();
}

function featureCoverage(name: string, training: Column, serving: Column): FeatureCoverage {
  let servingPresent = 0;
  let trainingMissing = 0;
  for (let i = 0; i < training.length; i++)
    if (training.valid !== null && training.valid[i] === 0) trainingMissing++;
  let servingMissing = 0;
  for (let i = 0; i < serving.length; i++) {
    if (serving.valid !== null && serving.valid[i] === 0) servingMissing++;
    else servingPresent++;
  }
  const base = {
    name,
    kind: training.kind,
    servingRows: serving.length,
    servingPresent,
    newlyMissing: trainingMissing === 0 ? servingMissing : 0,
  };
  if (isCategory(training)) {
    const known = new Set<string>();
    for (let i = 0; i < training.length; i++) {
      const v = categoryOf(training, i);
      if (v !== null) known.add(v);
    }
    const unseen = new Map<string, number>();
    for (let i = 0; i < serving.length; i++) {
      const v = categoryOf(serving, i);
      if (v !== null && !known.has(v)) unseen.set(v, (unseen.get(v) ?? 0) + 1);
    }
    let count = 0;
    for (const c of unseen.values()) count += c;
    const values = [...unseen]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([value, c]) => ({ value, count: c }));
    return {
      ...base,
      unseen: { values, distinct: unseen.size, count },
      outside: count,
      outsideShare: servingPresent === 0 ? 0 : count / servingPresent,
    };
  }
  const sorted = finiteSorted(numericValues(training)!);
  const servingValues = numericValues(serving)!;
  const min = sorted.length > 0 ? sorted[0] : Number.NaN;
  const max = sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN;
  let below = 0;
  let above = 0;
  for (const v of servingValues) {
    if (Number.isNaN(v)) continue;
    if (v < min) below++;
    else if (v > max) above++;
  }
  return {
    ...base,
    range: { min, max, below, above },
    outside: below + above,
    outsideShare: servingPresent === 0 ? 0 : (below + above) / servingPresent,
  };
}

/** A feature prepared for distances: scaled numbers or category ids, NaN / -1 where missing. */
interface DistanceFeature {
  name: string;
  numbers?: { training: Float64Array; serving: Float64Array };
  categories?: { training: Int32Array; serving: Int32Array };
}

function distanceFeature(name: string, training: Column, serving: Column): DistanceFeature {
  if (isCategory(training)) {
    const ids = new Map<string, number>();
    const code = (column: Column): Int32Array =>
      Int32Array.from({ length: column.length }, (_, i) => {
        const v = categoryOf(column, i);
        if (v === null) return -1;
        let id = ids.get(v);
        if (id === undefined) {
          id = ids.size;
          ids.set(v, id);
        }
        return id;
      });
    return { name, categories: { training: code(training), serving: code(serving) } };
  }
  const t = numericValues(training)!;
  const s = numericValues(serving)!;
  const sorted = finiteSorted(t);
  // A robust scale: the central 90 % range of training, so that one outlier does not shrink every distance.
  let scale = sorted.length > 1 ? quantileOfSorted(sorted, 0.95) - quantileOfSorted(sorted, 0.05) : 0;
  if (!(scale > 0) && sorted.length > 1) scale = sorted[sorted.length - 1] - sorted[0];
  if (!(scale > 0)) scale = 1;
  const scaled = (values: Float64Array): Float64Array =>
    Float64Array.from(values, (v) => (Number.isFinite(v) ? v / scale : Number.NaN));
  return { name, numbers: { training: scaled(t), serving: scaled(s) } };
}

/**
 * Gower-like distance parts between training row i and row j of `side`: |Δ|/scale for numbers (1 for missing
 * against present, 0 for both missing), 0/1 for categories. Mean over features.
 */
function distanceParts(
  features: readonly DistanceFeature[],
  i: number,
  side: "training" | "serving",
  j: number,
  parts: Float64Array | null,
): number {
  let total = 0;
  for (let f = 0; f < features.length; f++) {
    const feature = features[f];
    let d: number;
    if (feature.numbers !== undefined) {
      const a = feature.numbers.training[i];
      const b = feature.numbers[side][j];
      const aMissing = Number.isNaN(a);
      const bMissing = Number.isNaN(b);
      d = aMissing || bMissing ? (aMissing === bMissing ? 0 : 1) : Math.abs(a - b);
    } else {
      const a = feature.categories!.training[i];
      const b = feature.categories![side][j];
      d = a === b ? 0 : 1;
    }
    if (parts !== null) parts[f] = d;
    total += d;
  }
  return total / features.length;
}

function jointCoverage(
  training: Dataset,
  serving: Dataset,
  names: readonly string[],
  options: { sampleRows: number; supportQuantile: number; alpha: number; seed: number },
): JointCoverage | null {
  if (names.length === 0 || training.numRows < 2 || serving.numRows === 0) return null;
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const trainingRows = sampleRows(all(training.numRows), options.sampleRows, options.seed);
  const servingRows = sampleRows(all(serving.numRows), options.sampleRows, options.seed + 1);
  const t = training.take(trainingRows);
  const s = serving.take(servingRows);
  const features = names.map((n) => distanceFeature(n, t.column(n), s.column(n)));
  const nt = t.numRows;
  const ns = s.numRows;
  const own = new Float64Array(nt).fill(Number.POSITIVE_INFINITY);
  // Leave-one-out nearest-neighbour distances within training: O(nt² · features).
  for (let a = 0; a < nt; a++) {
    for (let b = a + 1; b < nt; b++) {
      const d = distanceTrainingPair(features, a, b);
      if (d < own[a]) own[a] = d;
      if (d < own[b]) own[b] = d;
    }
  }
  own.sort();
  // The threshold is an order statistic, so the null law of the exceedances is known exactly (see below).
  const rank = Math.min(nt, Math.max(1, Math.ceil(options.supportQuantile * nt)));
  const threshold = own[rank - 1];
  const sums = new Float64Array(features.length);
  const parts = new Float64Array(features.length);
  let uncovered = 0;
  for (let j = 0; j < ns; j++) {
    let best = Number.POSITIVE_INFINITY;
    let bestRow = 0;
    for (let i = 0; i < nt; i++) {
      const d = distanceParts(features, i, "serving", j, null);
      if (d < best) {
        best = d;
        bestRow = i;
      }
    }
    if (best > threshold) {
      uncovered++;
      distanceParts(features, bestRow, "serving", j, parts);
      for (let f = 0; f < features.length; f++) sums[f] += parts[f];
    }
  }
  // If serving rows came from the training distribution, their distances and training's leave-one-out distances
  // would be exchangeable (serving even has one more candidate neighbour, which only makes this conservative):
  // the chance U that a new row exceeds the rank-th smallest of nt is Beta(nt − rank + 1, rank), and the
  // number of exceedances among ns rows is beta-binomial, as in split-conformal inference.
  const a = nt - rank + 1;
  const expectedShare = a / (nt + 1);
  const pValue = betaBinomialUpperTail(uncovered, ns, a, rank);
  const share = uncovered / ns;
  let sumParts = 0;
  for (const v of sums) sumParts += v;
  const featureContributions = names
    .map((name, f) => ({ name, share: sumParts > 0 ? sums[f] / sumParts : 0 }))
    .sort((a, b) => b.share - a.share);
  return {
    method: "nearest-neighbour",
    trainingRows: nt,
    servingRows: ns,
    supportQuantile: options.supportQuantile,
    threshold,
    uncovered,
    uncoveredShare: share,
    expectedShare,
    pValue,
    gap: pValue < options.alpha,
    featureContributions: uncovered > 0 ? featureContributions : [],
  };
}

function distanceTrainingPair(features: readonly DistanceFeature[], a: number, b: number): number {
  let total = 0;
  for (const feature of features) {
    if (feature.numbers !== undefined) {
      const x = feature.numbers.training[a];
      const y = feature.numbers.training[b];
      const xm = Number.isNaN(x);
      const ym = Number.isNaN(y);
      total += xm || ym ? (xm === ym ? 0 : 1) : Math.abs(x - y);
    } else {
      total += feature.categories!.training[a] === feature.categories!.training[b] ? 0 : 1;
    }
  }
  return total / features.length;
}

/** Bins of one feature shared by both sides, for slices. */
interface SliceCoding {
  name: string;
  training: Int32Array;
  serving: Int32Array;
  labels: string[];
}

/** Most category levels per feature in slices; the rest share one "other" level. */
const MAX_SLICE_CATEGORIES = 20;

function sliceCoding(name: string, training: Column, serving: Column, bins: number): SliceCoding {
  if (isCategory(training)) {
    const counts = new Map<string, number>();
    for (let i = 0; i < serving.length; i++) {
      const v = categoryOf(serving, i) ?? "(missing)";
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const kept = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_SLICE_CATEGORIES)
      .map(([v]) => v);
    const index = new Map(kept.map((v, k) => [v, k]));
    const labels = [...kept, "(other)"];
    const code = (column: Column) =>
      Int32Array.from(
        { length: column.length },
        (_, i) => index.get(categoryOf(column, i) ?? "(missing)") ?? kept.length,
      );
    return { name, training: code(training), serving: code(serving), labels };
  }
  const t = numericValues(training)!;
  const sorted = finiteSorted(t);
  const edges: number[] = [];
  for (let k = 0; k <= bins && sorted.length > 0; k++) {
    const e = quantileOfSorted(sorted, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  const format = (x: number) =>
    Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0)
      ? x.toExponential(2)
      : String(Number(x.toPrecision(4)));
  const labels: string[] = ["(missing)"];
  if (edges.length > 0) labels.push(`< ${format(edges[0])} (below training)`);
  for (let k = 0; k + 1 < edges.length; k++)
    labels.push(`${k === 0 ? "[" : "("}${format(edges[k])}, ${format(edges[k + 1])}]`);
  if (edges.length === 1) labels.push(`= ${format(edges[0])}`);
  if (edges.length > 0) labels.push(`> ${format(edges[edges.length - 1])} (above training)`);
  const inner = Math.max(1, edges.length - 1);
  const code = (values: Float64Array) =>
    Int32Array.from(values, (v) => {
      if (!Number.isFinite(v) || edges.length === 0) return 0;
      if (v < edges[0]) return 1;
      if (v > edges[edges.length - 1]) return 2 + inner;
      let low = 0;
      let high = inner - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (v <= edges[mid + 1]) high = mid;
        else low = mid + 1;
      }
      return 2 + low;
    });
  return { name, training: code(t), serving: code(numericValues(serving)!), labels };
}

/** "region=north", "age ∈ (18, 31]", "income > 12.03 (above training)". */
function termLabel(term: { feature: string; value: string }): string {
  const v = term.value;
  if (v.startsWith("<") || v.startsWith(">")) return `${term.feature} ${v}`;
  if ((v.startsWith("[") || v.startsWith("(")) && v.endsWith("]") && v.includes(", "))
    return `${term.feature} ∈ ${v}`;
  return `${term.feature}=${v}`;
}

interface Candidate {
  terms: [number, number][];
  trainingCount: number;
  servingCount: number;
}

function countCodes(codes: Int32Array, levels: number): Float64Array {
  const counts = new Float64Array(levels);
  for (const c of codes) counts[c]++;
  return counts;
}

function underCovered(
  trainingCount: number,
  servingCount: number,
  trainingRows: number,
  servingRows: number,
  minSize: number,
  maxRatio: number,
): boolean {
  if (servingCount < minSize) return false;
  const ratio = trainingCount / trainingRows / (servingCount / servingRows);
  return ratio < maxRatio;
}

function findSlices(
  codings: readonly SliceCoding[],
  trainingRows: number,
  servingRows: number,
  options: { minSize: number; maxRatio: number; alpha: number; correction: Correction; maxSlices: number },
): { slices: CoverageSlice[]; tested: number } {
  const candidates: Candidate[] = [];
  const single = codings.map((c) => ({
    training: countCodes(c.training, c.labels.length),
    serving: countCodes(c.serving, c.labels.length),
  }));
  const singleUnder = codings.map((c, f) =>
    c.labels.map((_, v) =>
      underCovered(
        single[f].training[v],
        single[f].serving[v],
        trainingRows,
        servingRows,
        options.minSize,
        options.maxRatio,
      ),
    ),
  );
  codings.forEach((c, f) =>
    c.labels.forEach((_, v) => {
      if (singleUnder[f][v]) {
        candidates.push({
          terms: [[f, v]],
          trainingCount: single[f].training[v],
          servingCount: single[f].serving[v],
        });
      }
    }),
  );
  for (let f = 0; f < codings.length; f++) {
    for (let g = f + 1; g < codings.length; g++) {
      const lf = codings[f].labels.length;
      const lg = codings[g].labels.length;
      const trainingCounts = new Float64Array(lf * lg);
      const servingCounts = new Float64Array(lf * lg);
      for (let i = 0; i < trainingRows; i++)
        trainingCounts[codings[f].training[i] * lg + codings[g].training[i]]++;
      for (let i = 0; i < servingRows; i++)
        servingCounts[codings[f].serving[i] * lg + codings[g].serving[i]]++;
      for (let a = 0; a < lf; a++) {
        if (singleUnder[f][a]) continue;
        for (let b = 0; b < lg; b++) {
          // A conjunction is news only when neither of its terms is under-covered on its own.
          if (singleUnder[g][b]) continue;
          const k = a * lg + b;
          if (
            underCovered(
              trainingCounts[k],
              servingCounts[k],
              trainingRows,
              servingRows,
              options.minSize,
              options.maxRatio,
            )
          ) {
            candidates.push({
              terms: [
                [f, a],
                [g, b],
              ],
              trainingCount: trainingCounts[k],
              servingCount: servingCounts[k],
            });
          }
        }
      }
    }
  }
  const excessOf = (c: Candidate) => c.servingCount - (c.trainingCount / trainingRows) * servingRows;
  candidates.sort((a, b) => excessOf(b) - excessOf(a));
  const tested = candidates.slice(0, 500);
  const pValues = tested.map(
    (c) =>
      fisherExact(
        [
          [c.trainingCount, trainingRows - c.trainingCount],
          [c.servingCount, servingRows - c.servingCount],
        ],
        "less",
      ).pValue,
  );
  const adjusted = adjustPValues(pValues, options.correction);
  const slices: CoverageSlice[] = [];
  tested.forEach((c, k) => {
    if (!(adjusted[k] < options.alpha) || slices.length >= options.maxSlices) return;
    const terms = c.terms.map(([f, v]) => ({ feature: codings[f].name, value: codings[f].labels[v] }));
    const trainingShare = c.trainingCount / trainingRows;
    const servingShare = c.servingCount / servingRows;
    slices.push({
      terms,
      label: terms.map(termLabel).join(" ∧ "),
      trainingCount: c.trainingCount,
      servingCount: c.servingCount,
      trainingShare,
      servingShare,
      coverageRatio: trainingShare / servingShare,
      excessRows: excessOf(c),
      pValue: pValues[k],
      adjustedPValue: adjusted[k],
    });
  });
  return { slices, tested: tested.length };
}

function coverageMap(
  codings: readonly SliceCoding[],
  slices: readonly CoverageSlice[],
  joint: JointCoverage | null,
): CoverageMap | null {
  const pair = slices.find((sl) => sl.terms.length === 2);
  let names: string[];
  if (pair !== undefined) names = pair.terms.map((t) => t.feature);
  else if (joint !== null && joint.featureContributions.length >= 2) {
    names = joint.featureContributions.slice(0, 2).map((f) => f.name);
  } else if (codings.length >= 2) names = [codings[0].name, codings[1].name];
  else return null;
  const [a, b] = names.map((n) => codings.find((c) => c.name === n)!);
  const grid = (side: "training" | "serving"): number[][] => {
    const out = a.labels.map(() => new Array<number>(b.labels.length).fill(0));
    const xs = a[side];
    const ys = b[side];
    for (let i = 0; i < xs.length; i++) out[xs[i]][ys[i]]++;
    return out;
  };
  return {
    x: a.name,
    y: b.name,
    xLabels: a.labels,
    yLabels: b.labels,
    training: grid("training"),
    serving: grid("serving"),
  };
}

/**
 * How well `training` covers `serving`.
 * - Per feature: serving values outside the training range (numbers, dates) or in categories training never saw.
 * - Jointly: the share of serving rows whose nearest training row (Gower-like distance: |Δ| over the training's
 *   central 90 % range for numbers, 0/1 for categories, averaged over features) is farther than the
 *   `supportQuantile` of training's own leave-one-out nearest-neighbour distances. Rows drawn from the training
 *   distribution exceed it with probability about 1 − supportQuantile, and the number that do is beta-binomial
 *   (exchangeability, as in split-conformal inference), so an exact one-sided test tells a real gap from chance; each feature's part of the uncovered rows' distances says where the gap lies.
 *   O(sampleRows² · features).
 * - Slices: feature = value terms and pairs of them (numbers in training quantile bins plus "below"/"above" the
 *   training range)
 *   with at least `minSize` serving rows whose training share is below `maxCoverageRatio` × their serving share,
 *   tested one-sided with Fisher's exact test and corrected; ranked by the serving rows training does not account
 *   for. A pair is listed only when neither term is under-covered alone.
 */
export function computeCoverage(
  training: Dataset,
  serving: Dataset,
  options: CoverageOptions = {},
): CoverageResult {
  for (const [side, data] of [
    ["training", training],
    ["serving", serving],
  ] as const) {
    if (data.numRows === 0) {
      throw new DriftlabError(
        "EMPTY_TABLE",
        `${data.source} (the ${side} data) has no rows; coverage needs both sides.`,
      );
    }
  }
  const supportQuantile = fraction(options.supportQuantile ?? 0.95, "supportQuantile", true);
  const alpha = fraction(options.alpha ?? DEFAULT_ALPHA, "alpha", true);
  const maxRatio = fraction(options.maxCoverageRatio ?? 0.5, "maxCoverageRatio");
  const correction = options.correction ?? DEFAULT_CORRECTION;
  const seed = options.seed ?? 0;
  const excluded = new Set(options.exclude ?? []);
  const skipped: { name: string; reason: string }[] = [];
  let names: string[];
  if (options.features !== undefined) {
    for (const n of options.features) {
      training.column(n);
      serving.column(n);
    }
    names = options.features.filter((n) => !excluded.has(n));
  } else {
    names = training.columnNames.filter((n) => !excluded.has(n) && serving.has(n));
    for (const n of training.columnNames)
      if (!serving.has(n)) skipped.push({ name: n, reason: "not in the serving data" });
    for (const n of serving.columnNames)
      if (!training.has(n)) skipped.push({ name: n, reason: "not in the training data" });
  }
  const compared: string[] = [];
  for (const n of names) {
    const t = training.column(n);
    const s = serving.column(n);
    if (isCategory(t) !== isCategory(s)) {
      skipped.push({ name: n, reason: `${t.kind} in training but ${s.kind} in serving` });
    } else compared.push(n);
  }
  if (compared.length === 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${training.source} and ${serving.source} have no feature in common to compare; check the column names.`,
      { subject: "features" },
    );
  }
  const features = compared.map((n) => featureCoverage(n, training.column(n), serving.column(n)));
  const joint = jointCoverage(training, serving, compared, {
    sampleRows: options.sampleRows ?? 3000,
    supportQuantile,
    alpha,
    seed,
  });
  const codings = compared.map((n) =>
    sliceCoding(n, training.column(n), serving.column(n), options.bins ?? 5),
  );
  const { slices, tested } = findSlices(codings, training.numRows, serving.numRows, {
    minSize: options.minSize ?? 30,
    maxRatio,
    alpha,
    correction,
    maxSlices: options.maxSlices ?? 20,
  });
  return {
    training: { source: training.source, rows: training.numRows },
    serving: { source: serving.source, rows: serving.numRows },
    features,
    skipped,
    joint,
    slices,
    map: coverageMap(codings, slices, joint),
    slicesTested: tested,
    alpha,
    correction,
  };
}
