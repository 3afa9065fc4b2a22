/**
 * Predictive content: how much each feature alone says about the label, which features say nothing (constant,
 * near-constant, duplicates, no tested signal), and which say implausibly much (leakage suspects).
 */

import type {
  ContentFlag,
  ContentStatus,
  FeatureContent,
  PredictiveContentResult,
} from "../format/collection.js";
import {
  DEFAULT_ALPHA,
  DEFAULT_CORRECTION,
  type FeatureSelection,
  type ReportOptions,
  type SignificanceOptions,
} from "../format/options.js";
import type { Column, Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import {
  contingencyCounts,
  mutualInformation,
  mutualInformationTest,
} from "../measures/mutual-information.js";
import { pearsonCorrelation } from "../measures/correlation.js";
import { adjustPValues } from "../measures/multiple-testing.js";
import { labelAssociation } from "./association.js";
import type { Association } from "../format/collection.js";
import { codeFeature, numericValues, usedLevels, type CodedFeature } from "./encode.js";
import { codeTarget, type CodedTarget } from "./label.js";
import { sampleRows } from "./sample.js";

/** Options of {@link predictiveContent}. */
export interface PredictiveContentOptions extends FeatureSelection, SignificanceOptions, ReportOptions {
  /** The label column. Required. */
  label: string;
  /** Quantile bins for numeric features (and a numeric label) in the information measures. Default 10. */
  bins?: number;
  /** Permutations of the label for each feature's test of "no signal". Default 199. */
  permutations?: number;
  /** A feature whose most common value covers at least this share of its present rows is near-constant. Default 0.99. */
  nearConstantShare?: number;
  /** Two numeric features with |Pearson r| at least this are near-duplicates. Default 0.99. */
  duplicateCorrelation?: number;
  /**
   * Alone, a feature this predictive is a leakage suspect: AUC ≥ this (or ≤ 1 − this), η or |ρ| ≥ this. Default 0.99.
   */
  leakageThreshold?: number;
  /** Rows compared for duplicate pairs (a seeded sample beyond). Default 20,000. */
  pairSampleRows?: number;
  /** Seed of permutations, folds and samples. Default 0. */
  seed?: number;
}

function resolveFeatures(dataset: Dataset, options: PredictiveContentOptions): string[] {
  const names = options.features ?? dataset.columnNames.filter((n) => n !== options.label);
  for (const n of names) dataset.column(n);
  const excluded = new Set(options.exclude ?? []);
  for (const n of excluded) dataset.column(n);
  return names.filter((n) => !excluded.has(n) && n !== options.label);
}

function checkFraction(value: number, name: string): number {
  if (!(value > 0 && value <= 1)) {
    throw new DriftlabError("INVALID_OPTION", `${name} = ${value}; it must lie in (0, 1].`, {
      subject: name,
    });
  }
  return value;
}

/** The share of the most common present value, and whether the column has any present value. */
function topShare(coded: CodedFeature, column: Column, rows: Int32Array | undefined): number {
  const missing = coded.levels.indexOf(null);
  if (column.kind === "numeric" || column.kind === "datetime") {
    // Bins hide the mode of continuous values; count exact values.
    const counts = new Map<number, number>();
    let present = 0;
    let best = 0;
    const limit = rows?.length ?? column.length;
    for (let k = 0; k < limit; k++) {
      const i = rows === undefined ? k : rows[k];
      if (column.valid !== null && column.valid[i] === 0) continue;
      const v = column.values[i];
      const c = (counts.get(v) ?? 0) + 1;
      counts.set(v, c);
      if (c > best) best = c;
      present++;
    }
    return present === 0 ? 0 : best / present;
  }
  const counts = new Float64Array(coded.levels.length);
  let present = 0;
  const limit = rows?.length ?? coded.codes.length;
  for (let k = 0; k < limit; k++) {
    const i = rows === undefined ? k : rows[k];
    if (coded.codes[i] === missing) continue;
    counts[coded.codes[i]]++;
    present++;
  }
  let best = 0;
  for (const c of counts) best = Math.max(best, c);
  return present === 0 ? 0 : best / present;
}

/** True when a and b partition the sampled rows identically (a one-to-one relabelling, missing included). */
function samePartition(a: CodedFeature, b: CodedFeature, rows: Int32Array): boolean {
  const aToB = new Int32Array(a.levels.length).fill(-1);
  const bToA = new Int32Array(b.levels.length).fill(-1);
  for (const i of rows) {
    const x = a.codes[i];
    const y = b.codes[i];
    if (aToB[x] === -1 && bToA[y] === -1) {
      aToB[x] = y;
      bToA[y] = x;
    } else if (aToB[x] !== y || bToA[y] !== x) return false;
  }
  return true;
}

function sameNumbers(a: Float64Array, b: Float64Array, rows: Int32Array): boolean {
  for (const i of rows) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) !== Number.isNaN(y)) return false;
    if (!Number.isNaN(x) && x !== y) return false;
  }
  return true;
}

/**
 * Flags features that repeat an earlier one: DUPLICATE when the values are the same (numbers equal row by row,
 * categories a one-to-one relabelling), NEAR_DUPLICATE when two numeric features have |r| ≥ the threshold.
 * The later feature (in column order) is flagged, naming the earlier. O(features² · sample rows).
 */
function duplicateFlags(
  dataset: Dataset,
  names: readonly string[],
  coded: ReadonlyMap<string, CodedFeature>,
  rows: Int32Array,
  threshold: number,
): Map<string, ContentFlag> {
  const flags = new Map<string, ContentFlag>();
  const numbers = new Map(names.map((n) => [n, numericValues(dataset.column(n))]));
  // Constant and empty features are flagged as such; that two of them agree says nothing more.
  const varying = (name: string): boolean => {
    const c = coded.get(name)!;
    return usedLevels(c.codes, c.levels.length) - (c.levels.includes(null) ? 1 : 0) > 1;
  };
  for (let j = 1; j < names.length; j++) {
    const b = names[j];
    if (!varying(b)) continue;
    for (let k = 0; k < j; k++) {
      const a = names[k];
      if (flags.has(a) || !varying(a)) continue;
      const va = numbers.get(a);
      const vb = numbers.get(b);
      const kindA = dataset.column(a).kind;
      const kindB = dataset.column(b).kind;
      const bothNumbers = va !== undefined && vb !== undefined && kindA !== "boolean" && kindB !== "boolean";
      if (bothNumbers ? sameNumbers(va, vb, rows) : samePartition(coded.get(a)!, coded.get(b)!, rows)) {
        flags.set(b, {
          code: "DUPLICATE",
          other: a,
          message: bothNumbers
            ? `"${b}" has the same values as "${a}" in every row; keep one of them.`
            : `"${b}" is a relabelling of "${a}" (each value of one stands for exactly one value of the other); keep one of them.`,
        });
        break;
      }
      if (bothNumbers) {
        const sampledA = new Float64Array(rows.length);
        const sampledB = new Float64Array(rows.length);
        rows.forEach((i, r) => {
          sampledA[r] = va[i];
          sampledB[r] = vb[i];
        });
        const r = pearsonCorrelation(sampledA, sampledB);
        if (Number.isFinite(r) && Math.abs(r) >= threshold) {
          flags.set(b, {
            code: "NEAR_DUPLICATE",
            other: a,
            message: `"${b}" is almost a linear function of "${a}" (r = ${r.toFixed(4)}); it adds little beyond it.`,
          });
          break;
        }
      }
    }
  }
  return flags;
}

function leakageMessage(
  name: string,
  association: Association,
  normalized: number,
  label: string,
): string | undefined {
  const a = association.value;
  if (a === null) return undefined;
  if (association.measure === "roc-auc" || association.measure === "macro-roc-auc") {
    return `"${name}" alone separates the classes of "${label}" with ROC AUC ${a.toFixed(3)}: check that it is known before the label is (not derived from it).`;
  }
  if (normalized >= 0.95) {
    return `"${name}" alone determines ${(normalized * 100).toFixed(0)}% of the information in "${label}": check that it is not derived from the label.`;
  }
  return `"${name}" alone has ${association.measure === "spearman" ? "ρ" : "η"} = ${a.toFixed(3)} with "${label}": check that it is not derived from the label.`;
}

function isLeak(association: Association, normalized: number, threshold: number): boolean {
  if (normalized >= 0.95) return true;
  const a = association.value;
  if (a === null) return false;
  if (association.measure === "roc-auc" || association.measure === "macro-roc-auc") {
    return Math.max(a, 1 - a) >= threshold;
  }
  return Math.abs(a) >= threshold;
}

/**
 * Assesses the predictive content of every feature for `options.label`.
 *
 * For each feature: mutual information with the label (numbers in quantile bins, missing values as a level) with
 * Miller–Madow's bias correction and a permutation test (the label shuffled `permutations` times, seeded), so
 * that "no signal" is a tested statement; one univariate association (ROC AUC, correlation ratio or Spearman's ρ,
 * see {@link labelAssociation}); and flags: ALL_MISSING, CONSTANT, NEAR_CONSTANT, DUPLICATE / NEAR_DUPLICATE of an
 * earlier feature, NO_SIGNAL (adjusted p ≥ alpha) and LEAKAGE_SUSPECT (alone implausibly predictive: AUC ≥ 0.99,
 * |ρ| or η ≥ 0.99, or the feature carries ≥ 95% of the label's entropy above the permutation baseline).
 * Rows without a label are left out (counted). O(features · permutations · rows + features² · sample rows).
 */
export function computePredictiveContent(
  dataset: Dataset,
  options: PredictiveContentOptions,
): PredictiveContentResult {
  if (typeof options.label !== "string" || options.label === "") {
    throw new DriftlabError("INVALID_OPTION", 'predictiveContent needs the label column: { label: "y" }.', {
      subject: "label",
    });
  }
  if (dataset.numRows === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${dataset.source} has no rows; predictive content needs data.`);
  }
  const bins = options.bins ?? 10;
  const permutations = options.permutations ?? 199;
  const alpha = checkFraction(options.alpha ?? DEFAULT_ALPHA, "alpha");
  const correction = options.correction ?? DEFAULT_CORRECTION;
  const nearConstantShare = checkFraction(options.nearConstantShare ?? 0.99, "nearConstantShare");
  const duplicateCorrelation = checkFraction(options.duplicateCorrelation ?? 0.99, "duplicateCorrelation");
  const leakageThreshold = checkFraction(options.leakageThreshold ?? 0.99, "leakageThreshold");
  const seed = options.seed ?? 0;
  const names = resolveFeatures(dataset, options);
  if (names.length === 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${dataset.source}: no features to assess besides the label "${options.label}".`,
      {
        subject: "features",
      },
    );
  }
  const target: CodedTarget = codeTarget(dataset, options.label, bins, "label");
  const coded = new Map(names.map((n) => [n, codeFeature(dataset, n, bins)]));
  const labeledRows = new Int32Array(target.present);
  for (let i = 0, j = 0; i < target.codes.length; i++) if (target.codes[i] >= 0) labeledRows[j++] = i;
  const pairRows = sampleRows(labeledRows, options.pairSampleRows ?? 20_000, seed);
  const duplicates = duplicateFlags(dataset, names, coded, pairRows, duplicateCorrelation);

  const labelEntropy = mutualInformation(
    contingencyCounts(new Int32Array(target.codes.length), 1, target.codes, target.levels.length),
  ).entropyY;
  const tested = names.map((name, index) => {
    const feature = coded.get(name)!;
    const test = mutualInformationTest(
      feature.codes,
      feature.levels.length,
      target.codes,
      target.levels.length,
      {
        permutations,
        seed: seed + 7919 * (index + 1),
      },
    );
    return { name, feature, test };
  });
  const adjusted = adjustPValues(
    tested.map((t) => t.test.pValue),
    correction,
  );
  const features = tested.map(({ name, feature, test }, index): FeatureContent => {
    const column = dataset.column(name);
    const missingLevel = feature.levels.indexOf(null);
    let missing = 0;
    for (let i = 0; i < target.codes.length; i++) {
      if (target.codes[i] >= 0 && feature.codes[i] === missingLevel) missing++;
    }
    const present = target.present - missing;
    const flags: ContentFlag[] = [];
    const association = labelAssociation(column, feature, target, seed + index);
    const excess = Math.max(0, test.plugIn - test.baseline);
    const normalized = labelEntropy > 0 ? Math.min(1, excess / labelEntropy) : 0;
    const adjustedPValue = adjusted[index];
    const signal = adjustedPValue < alpha;
    const presentLevels = usedLevels(feature.codes, feature.levels.length) - (missing > 0 ? 1 : 0);
    if (present === 0) {
      flags.push({ code: "ALL_MISSING", message: `"${name}" is missing in every labelled row.` });
    } else if (presentLevels <= 1) {
      flags.push({ code: "CONSTANT", message: `"${name}" has one value in every row where it is present.` });
    } else {
      const share = topShare(feature, column, labeledRows);
      if (share >= nearConstantShare) {
        flags.push({
          code: "NEAR_CONSTANT",
          message: `One value of "${name}" covers ${(share * 100).toFixed(1)}% of its present rows.`,
        });
      }
    }
    const duplicate = duplicates.get(name);
    if (duplicate !== undefined) flags.push(duplicate);
    const leak =
      flags.length === 0 || flags.every((f) => f.code === "NEAR_CONSTANT")
        ? isLeak(association, normalized, leakageThreshold)
        : false;
    if (leak) {
      flags.push({
        code: "LEAKAGE_SUSPECT",
        message: leakageMessage(name, association, normalized, target.name)!,
      });
    }
    if (!signal && present > 0 && presentLevels > 1) {
      flags.push({
        code: "NO_SIGNAL",
        message: `No evidence that "${name}" carries information about "${target.name}" (permutation p = ${test.pValue.toPrecision(2)}${correction === "none" ? "" : `, ${correction}-adjusted ${adjustedPValue.toPrecision(2)}`}).`,
      });
    }
    const nonInformative = flags.some((f) => f.code !== "LEAKAGE_SUSPECT" && f.code !== "NEAR_CONSTANT");
    const status: ContentStatus = leak
      ? "leakage-suspect"
      : nonInformative
        ? "non-informative"
        : "informative";
    return {
      name,
      kind: column.kind,
      present,
      missing,
      levels: usedLevels(feature.codes, feature.levels.length),
      mutualInformation: {
        plugIn: test.plugIn,
        corrected: test.corrected,
        baseline: test.baseline,
        excess,
        normalized,
        pValue: test.pValue,
        adjustedPValue,
      },
      association,
      signal,
      status,
      flags,
    };
  });
  return {
    label: {
      name: target.name,
      task: target.task,
      classes: target.levels.map((value, k) => ({ value, count: target.counts[k] })),
      rows: target.present,
      entropy: labelEntropy,
    },
    rows: dataset.numRows,
    rowsWithoutLabel: dataset.numRows - target.present,
    alpha,
    correction,
    permutations,
    bins,
    features,
  };
}
