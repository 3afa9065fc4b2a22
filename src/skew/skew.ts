import type { Dataset } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { drift } from "../drift/index.js";
import { DriftlabError } from "../errors.js";
import { formatNumber } from "../report/html.js";
import type { ReportEnvelope } from "../report/report.js";
import { inferSchema } from "../schema/infer.js";
import type { Schema } from "../schema/schema.js";
import { validate } from "../schema/validate.js";
import { isSource, type Source } from "../stats/profile.js";
import { sourceAnalyses, type SourceSampleOptions } from "../stats/source.js";
import {
  conceptShift,
  covariateShift,
  labelShiftBothSides,
  labelShiftByBbse,
  classScores,
  type AnalysisSettings,
} from "./analyses.js";
import { keyJoin } from "./key-join.js";
import { labelData, labelledRows, type LabelData } from "./labels.js";
import { SkewReport } from "./report.js";
import type { ConceptJSON, CovariateJSON, LabelShiftJSON, ShiftFinding, SkewJSON } from "./types.js";

/** Options of {@link skew}; every one has a default. */
export interface SkewOptions {
  /** The label column (on training; on serving too when labels exist there). Default none: covariate and schema skew only. */
  label?: string;
  /** A model's score column, P(positive class), on both sides (BBSE when serving has no labels). Default none. */
  score?: string;
  /** A model's predicted class column on both sides (BBSE when serving has no labels). Default none. */
  prediction?: string;
  /** Id column shared by both sides: enables per-example skew (the key join). Default none. */
  key?: string;
  /** Features to analyse. Default: every column on both sides except label, score, prediction and key. */
  features?: string[];
  /** Schema to validate serving against (in its SERVING environment when it has one). Default: inferred from training. */
  schema?: Schema;
  /** Significance level of every test (per kind of shift). Default 0.05. */
  alpha?: number;
  /** Absolute numeric tolerance of the key join: one for all features or per feature. Default 0 (exact). */
  tolerance?: number | Record<string, number>;
  /** Seed of cross-validation folds and bootstraps. Default 0. */
  seed?: number;
  /** Cross-validation folds of the domain classifier. Default 5 (NannyML). */
  folds?: number;
  /** Bootstrap resamples of BBSE and of the error decomposition. Default 200. */
  resamples?: number;
  /** Title. Default "Skew: <training> → <serving>". */
  title?: string;
}

function checkColumn(dataset: Dataset, name: string | undefined, what: string): void {
  if (name !== undefined && !dataset.has(name)) {
    throw new DriftlabError(
      "MISSING_COLUMN",
      `${dataset.source}: no ${what} column "${name}". Columns are: ${dataset.columnNames.map((n) => `"${n}"`).join(", ")}.`,
      { subject: name },
    );
  }
}

function errorsOf(
  training: Dataset,
  serving: Dataset,
  label: LabelData,
  options: SkewOptions,
): { training: Float64Array; serving: Float64Array; name: string } | null {
  const column = options.prediction ?? options.score;
  if (column === undefined) return null;
  if (label.task === "regression") {
    const values = (d: Dataset): Float64Array => {
      const c = d.column(column);
      return Float64Array.from({ length: d.numRows }, (_, i) =>
        c.kind === "numeric" && (c.valid === null || c.valid[i] === 1) ? c.values[i] : NaN,
      );
    };
    const pt = values(training);
    const ps = values(serving);
    if (![...pt, ...ps].every(Number.isFinite)) return null;
    return {
      training: Float64Array.from(pt, (p, i) => (label.trainingValues[i] - p) ** 2),
      serving: Float64Array.from(ps, (p, i) => (label.servingValues![i] - p) ** 2),
      name: `squared error of ${column}`,
    };
  }
  if (label.classes.length !== 2) return null;
  const from = options.prediction !== undefined ? "prediction" : "score";
  const predictedClass = (d: Dataset): Int32Array => {
    const s = classScores(d, column, from, label.classes);
    return Int32Array.from({ length: d.numRows }, (_, i) => (s[i * 2 + 1] > s[i * 2] ? 1 : 0));
  };
  const pt = predictedClass(training);
  const ps = predictedClass(serving);
  return {
    training: Float64Array.from(pt, (p, i) => (p === label.trainingValues[i] ? 0 : 1)),
    serving: Float64Array.from(ps, (p, i) => (p === label.servingValues![i] ? 0 : 1)),
    name: `error rate of ${column}`,
  };
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function pText(p: number | null): string {
  if (p === null) return "–";
  return p < 1e-4 ? "p < 0.0001" : `p = ${formatNumber(p, 2)}`;
}

/**
 * Training/serving skew, told apart by kind: schema skew (serving validated against a schema inferred from
 * training, or the given one), per-feature distribution skew (drift's tests), multivariate covariate shift (a
 * domain classifier), label shift (P(y) with intervals and P(x | y) per class; BBSE when serving has no labels),
 * concept shift (P(y | x) compared after allowing for covariate and label shift) and per-example skew on a key.
 *
 * How kinds are decided (each at level `alpha`; docs/skew.md has the reasoning):
 * - label: P(y) differs (chi-square) and P(x | y) does not (class-conditional tests, Holm). Without serving labels:
 *   the prediction rates differ (Lipton et al.'s BBSD test), with BBSE's serving prior and its bootstrap interval.
 * - concept: the slopes of a logistic model of y | x differ between an importance-weighted training fit and a
 *   serving fit (Wald χ², intercept free). A prior change only moves the intercept (Bayes), and covariate shift
 *   leaves a well-specified model's slopes alone, so neither reads as concept shift.
 * - covariate: the domain classifier's out-of-fold AUC > ½ or a per-feature test (Bonferroni over the two), unless
 *   label shift explains the move of P(x).
 *
 * Given a source (`duckdb(…)`, `clickhouse({ … })`), skew runs on a seeded sample of at most `sampleRows` rows
 * per side, drawn in the engine (by the key's hash when `key` is given, so both sides keep the same keys); the
 * report's notes say so. It returns a promise then.
 *
 * @example skew(train, serving, { label: "y", key: "id" })
 */
export function skew(
  training: Source,
  serving: DatasetInput | Source,
  options?: SkewOptions & SourceSampleOptions,
): Promise<SkewReport>;
export function skew(
  training: DatasetInput,
  serving: Source,
  options?: SkewOptions & SourceSampleOptions,
): Promise<SkewReport>;
export function skew(training: DatasetInput, serving: DatasetInput, options?: SkewOptions): SkewReport;
export function skew(
  training: DatasetInput | Source,
  serving: DatasetInput | Source,
  options?: SkewOptions & SourceSampleOptions,
): SkewReport | Promise<SkewReport>;
export function skew(
  training: DatasetInput | Source,
  serving: DatasetInput | Source,
  options: SkewOptions & SourceSampleOptions = {},
): SkewReport | Promise<SkewReport> {
  if (isSource(training) || isSource(serving)) {
    return sourceAnalyses().skew(training, serving, options) as Promise<SkewReport>;
  }
  return skewInMemory(training, serving, options);
}

function skewInMemory(training: DatasetInput, serving: DatasetInput, options: SkewOptions): SkewReport {
  const t = toDataset(training);
  const s = toDataset(serving);
  if (t.numRows === 0 || s.numRows === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${t.numRows === 0 ? t.source : s.source} has no rows; skew needs data on both sides.`,
    );
  }
  if (options.score !== undefined && options.prediction !== undefined) {
    throw new DriftlabError("INVALID_OPTION", "Give a score or a prediction column, not both.", {
      subject: "score",
    });
  }
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    throw new DriftlabError("INVALID_OPTION", `alpha = ${alpha}; it must lie strictly between 0 and 1.`, {
      subject: "alpha",
    });
  }
  checkColumn(t, options.label, "label");
  checkColumn(t, options.key, "key");
  checkColumn(s, options.key, "key");
  for (const [name, what] of [
    [options.score, "score"],
    [options.prediction, "prediction"],
  ] as const) {
    checkColumn(t, name, what);
    checkColumn(s, name, what);
  }
  const special = new Set(
    [options.label, options.score, options.prediction, options.key].filter((x) => x !== undefined),
  );
  const features =
    options.features ??
    t.columnNames.filter((n) => s.has(n) && !special.has(n) && t.column(n).kind !== "text");
  for (const f of features) {
    checkColumn(t, f, "feature");
    checkColumn(s, f, "feature");
  }
  const settings: AnalysisSettings = {
    alpha,
    seed: options.seed ?? 0,
    folds: options.folds ?? 5,
    resamples: options.resamples ?? 200,
  };
  const notes: string[] = [];

  // Schema skew
  const schemaColumns = t.columnNames.filter(
    (n) => n !== options.key && (options.features === undefined || features.includes(n) || special.has(n)),
  );
  const labelMissingInServing = options.label !== undefined && !s.has(options.label);
  const schema =
    options.schema ??
    inferSchema(t.select(schemaColumns), {
      environments: ["TRAINING", "SERVING"],
      notIn: labelMissingInServing ? { SERVING: [options.label!] } : undefined,
    });
  const environment = schema.toSchemaJSON().environments.includes("SERVING") ? "SERVING" : undefined;
  // With a feature list, serving is checked on those columns only (the rest are not part of the question).
  const servingColumns = s.columnNames.filter(
    (n) =>
      n !== options.key &&
      (options.schema !== undefined || options.features === undefined || schemaColumns.includes(n)),
  );
  const anomalies = validate(s.select(servingColumns), schema, {
    environment,
  });
  const schemaJSON = {
    anomalies: [...anomalies.anomalies],
    errors: anomalies.anomalies.filter((a) => a.severity === "error").length,
    warnings: anomalies.anomalies.filter((a) => a.severity === "warning").length,
    source: options.schema === undefined ? `inferred from ${t.source}` : (schema.location ?? "given schema"),
  };

  // Per-feature distributions (drift's default tests)
  const distributions = features.length > 0 ? [...drift(t, s, { features }).features] : [];

  // Covariate shift
  const covariate = covariateShift(t, s, features, settings);

  // Labels
  let label: LabelData | null = null;
  let labelJSON: LabelShiftJSON | null = null;
  let conceptJSON: ConceptJSON | null = null;
  if (options.label !== undefined) {
    label = labelData(t, s, options.label);
    const trainingRows = labelledRows(label.trainingCodes, label.trainingValues, label.task);
    const tl = t.take(trainingRows);
    if (label.servingCodes !== null) {
      const servingRows = labelledRows(label.servingCodes, label.servingValues!, label.task);
      const sl = s.take(servingRows);
      const sub: LabelData = {
        ...label,
        trainingCodes: label.trainingCodes.filter((_, i) => trainingRows.includes(i)),
        trainingValues: Float64Array.from(trainingRows, (i) => label!.trainingValues[i]),
        servingCodes: Int32Array.from(servingRows, (i) => label!.servingCodes![i]),
        servingValues: Float64Array.from(servingRows, (i) => label!.servingValues![i]),
      };
      sub.trainingCodes = Int32Array.from(trainingRows, (i) => label!.trainingCodes[i]);
      labelJSON = labelShiftBothSides(tl, sl, sub, features, settings);
      if ((label.task === "regression" || label.classes.length === 2) && features.length > 0) {
        const sameRows = trainingRows.length === t.numRows && servingRows.length === s.numRows;
        const classifier = sameRows
          ? covariate.classifier
          : covariateShift(tl, sl, features, settings).classifier;
        conceptJSON = conceptShift(
          tl,
          sl,
          sub,
          features,
          classifier,
          errorsOf(tl, sl, sub, options),
          settings,
        );
      } else {
        notes.push(
          features.length === 0
            ? "No features to test concept shift on."
            : `Concept shift tests need a binary label; "${label.name}" has ${label.classes.length} classes, so only label shift is tested.`,
        );
      }
    } else if ((options.score ?? options.prediction) !== undefined && label.task === "classification") {
      const column = (options.score ?? options.prediction)!;
      if (options.score !== undefined && label.classes.length !== 2) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `A score column is one probability, which fits a binary label; "${label.name}" has ${label.classes.length} classes. Pass --prediction with the predicted class instead.`,
          { subject: "score" },
        );
      }
      labelJSON = labelShiftByBbse(
        tl,
        s,
        label,
        column,
        options.score !== undefined ? "score" : "prediction",
        settings,
      );
      notes.push(
        "Serving has no labels: the serving prior is estimated by BBSE (Lipton et al. 2018), which assumes label shift (P(x | y) unchanged) and a confusion matrix measured on data the model did not train on; without serving labels, covariate and label shift cannot be told apart and concept shift cannot be tested.",
      );
    } else {
      notes.push(
        "Serving has no labels and no score or prediction was given: label and concept shift cannot be tested. Pass score or prediction for a BBSE estimate of the serving prior.",
      );
    }
  }

  const shifts = decide(covariate.json, labelJSON, conceptJSON, label, alpha);
  const perExample =
    options.key === undefined
      ? null
      : keyJoin(
          t,
          s,
          options.key,
          features.filter((f) => s.has(f)),
          { tolerance: options.tolerance },
        );
  notes.push(
    "Concept shift is tested on a logistic (binary label) or linear (numeric label) model of y | x: a change that the model cannot express (a new interaction, a non-linear effect within a feature) is seen only as far as it moves the model's slopes; the P(y | x in bin) curves show the rest.",
  );
  const found = (["covariate", "label", "concept"] as const).filter((k) => shifts[k].detected);
  const headline =
    found.length === 0
      ? `No covariate, label or concept shift found${schemaJSON.errors > 0 ? "; schema skew found" : ""}`
      : `${list(found.map((k) => `${k} shift${shifts[k].features.length > 0 ? ` (${shifts[k].features.slice(0, 3).join(", ")})` : ""}`))}`.replace(
          /^./,
          (c) => c.toUpperCase(),
        ) + (schemaJSON.errors > 0 ? "; schema skew" : "");
  // What the readers (or a source's sampling) said about the inputs.
  for (const warning of new Set([...t.warnings, ...s.warnings])) notes.push(warning);
  const json: Omit<SkewJSON, keyof ReportEnvelope> = {
    headline,
    training: { source: t.source, numRows: t.numRows },
    serving: { source: s.source, numRows: s.numRows },
    settings: {
      label: options.label ?? null,
      score: options.score ?? null,
      prediction: options.prediction ?? null,
      key: options.key ?? null,
      alpha,
      features,
    },
    shifts,
    schema: schemaJSON,
    distributions,
    covariate: covariate.json,
    label: labelJSON,
    concept: conceptJSON,
    perExample,
    notes,
  };
  return new SkewReport({ ...json, title: options.title ?? `Skew: ${t.source} → ${s.source}` });
}

/** Decides each kind of shift from the evidence (see {@link skew}). */
function decide(
  covariate: CovariateJSON,
  label: LabelShiftJSON | null,
  concept: ConceptJSON | null,
  labelData: LabelData | null,
  alpha: number,
): Record<"covariate" | "label" | "concept", ShiftFinding> {
  // Label
  let labelFinding: ShiftFinding;
  if (label === null) {
    labelFinding = {
      kind: "label",
      detected: false,
      testable: false,
      summary:
        labelData === null
          ? "No label given: label shift not tested."
          : "Label shift not tested: serving has no labels and no score or prediction was given.",
      evidence: [],
      features: [],
    };
  } else if (label.bbse !== null) {
    const b = label.bbse;
    const detected = b.predictionTest.pValue < alpha;
    const positive = label.classes.length === 2 ? 1 : b.servingPrior.indexOf(Math.max(...b.servingPrior));
    const cls = label.classes[positive];
    labelFinding = {
      kind: "label",
      detected,
      testable: true,
      summary: detected
        ? `Label shift (estimated, BBSE): P(${labelData!.name} = ${cls}) ${formatNumber(label.trainingPrior[positive], 3)} in training → about ${formatNumber(b.servingPrior[positive], 3)} in serving [${formatNumber(b.intervals[positive].lower, 3)}, ${formatNumber(b.intervals[positive].upper, 3)}]; the model's prediction rates moved (${pText(b.predictionTest.pValue)}). Recalibrate the priors if P(x | y) is stable.`
        : `No label shift seen: the model's prediction rates did not move (${pText(b.predictionTest.pValue)}); BBSE's serving P(${labelData!.name} = ${cls}) is ${formatNumber(b.servingPrior[positive], 3)} [${formatNumber(b.intervals[positive].lower, 3)}, ${formatNumber(b.intervals[positive].upper, 3)}].`,
      evidence: [
        {
          test: `chi-square on the ${b.from}'s predicted classes (BBSD)`,
          statistic: b.predictionTest.statistic,
          pValue: b.predictionTest.pValue,
        },
        {
          test: `BBSE serving P(${cls})`,
          statistic: b.servingPrior[positive],
          pValue: null,
          interval: b.intervals[positive],
        },
      ],
      features: [labelData!.name],
    };
  } else {
    const prior = label.priorTest!;
    const conditional = label.classConditionalPValue ?? 1;
    const detected = prior.pValue < alpha && conditional >= alpha;
    const positive = label.task === "classification" && label.classes.length === 2 ? 1 : -1;
    const moved =
      positive >= 0
        ? `P(${labelData!.name} = ${label.classes[1]}) ${formatNumber(label.trainingPrior[1], 3)} → ${formatNumber(label.servingPrior![1], 3)} [${formatNumber(label.servingIntervals![1].lower, 3)}, ${formatNumber(label.servingIntervals![1].upper, 3)}]`
        : `the distribution of ${labelData!.name} moved`;
    labelFinding = {
      kind: "label",
      detected,
      testable: true,
      summary: detected
        ? `Label shift: ${moved} (${pText(prior.pValue)}) while P(x | y) stayed the same (smallest class-conditional ${pText(conditional)}). Recalibrate the priors.`
        : prior.pValue < alpha
          ? `P(y) moved (${moved}, ${pText(prior.pValue)}) but P(x | y) moved too (${pText(conditional)}): not label shift alone.`
          : `No label shift: P(y) did not move (${pText(prior.pValue)}).`,
      evidence: [
        { test: prior.test, statistic: prior.statistic, pValue: prior.pValue },
        {
          test: "class-conditional drift P(x | y), smallest Holm-adjusted p-value",
          statistic: null,
          pValue: label.classConditionalPValue,
        },
      ],
      features: detected ? [labelData!.name] : [],
    };
  }
  // Covariate
  const dc = covariate.domainClassifier;
  const minFeature =
    covariate.tests.length > 0 ? Math.min(...covariate.tests.map((x) => x.adjustedPValue)) : 1;
  const combined = Math.min(1, 2 * Math.min(dc?.pValue ?? 1, minFeature));
  const explainedByLabel = labelFinding.detected && label?.bbse === null;
  const moved = combined < alpha;
  const carriers = covariate.tests
    .filter((x) => x.adjustedPValue < alpha / 2)
    .sort((a, b) => a.adjustedPValue - b.adjustedPValue || b.statistic - a.statistic)
    .map((x) => x.feature);
  const carriedBy = carriers.length > 0 ? carriers : dc !== null && moved ? [dc.importances[0].feature] : [];
  const aucText =
    dc === null
      ? ""
      : `domain classifier AUC ${formatNumber(dc.auc, 3)} [${formatNumber(dc.interval.lower, 3)}, ${formatNumber(dc.interval.upper, 3)}]`;
  const covariateFinding: ShiftFinding = {
    kind: "covariate",
    detected: moved && !explainedByLabel,
    testable: features(covariate) > 0,
    summary:
      moved && !explainedByLabel
        ? `Covariate shift: the inputs' distribution P(x) moved (${aucText}); carried by ${list(carriedBy)}. If P(y | x) holds, reweighting or retraining on fresh inputs may do.`
        : moved
          ? `P(x) moved (${aucText}), as label shift implies: no covariate shift beyond it.`
          : `No covariate shift: P(x) did not move (${aucText}${dc === null ? "" : ", "}smallest per-feature ${pText(minFeature)}).`,
    evidence: [
      ...(dc === null
        ? []
        : [
            {
              test: "domain classifier, out-of-fold ROC AUC > 0.5",
              statistic: dc.auc,
              pValue: dc.pValue,
              interval: dc.interval,
              note: "NannyML alerts outside 0.45–0.65, Evidently above 0.55",
            },
          ]),
      {
        test: "per-feature KS / chi-square, smallest Holm-adjusted p-value",
        statistic: null,
        pValue: covariate.tests.length > 0 ? minFeature : null,
      },
      { test: "both combined (Bonferroni)", statistic: null, pValue: combined },
    ],
    features: moved && !explainedByLabel ? carriedBy : [],
  };
  // Concept
  let conceptFinding: ShiftFinding;
  if (concept === null || concept.model === null) {
    conceptFinding = {
      kind: "concept",
      detected: false,
      testable: false,
      summary:
        labelData === null
          ? "No label given: concept shift not tested."
          : label?.bbse !== null && label !== null
            ? "Concept shift not testable without serving labels."
            : "Concept shift not tested for this label (needs a binary label with labels on both sides).",
      evidence: [],
      features: [],
    };
  } else {
    const m = concept.model;
    const detected = m.slopeTest.pValue < alpha;
    const flagged = concept.features
      .filter((f) => f.coefficient !== null && f.coefficient.adjustedPValue < alpha)
      .sort(
        (a, b) =>
          a.coefficient!.adjustedPValue - b.coefficient!.adjustedPValue ||
          b.coefficient!.statistic - a.coefficient!.statistic,
      )
      .map((f) => f.feature);
    const carriers2 =
      flagged.length > 0
        ? flagged
        : detected
          ? [...concept.features]
              .sort((a, b) => (a.coefficient?.pValue ?? 1) - (b.coefficient?.pValue ?? 1))
              .slice(0, 1)
              .map((f) => f.feature)
          : [];
    const gap = m.errorGap;
    conceptFinding = {
      kind: "concept",
      detected,
      testable: true,
      summary: detected
        ? `Concept shift: P(y | x) changed beyond covariate and label shift (slopes of y | x differ, ${pText(m.slopeTest.pValue)}); carried by ${list(carriers2)}. Serving ${m.errorName} ${formatNumber(m.servingError, 3)} vs ${formatNumber(m.weightedTrainingError, 3)} expected from training under covariate shift alone. Retrain on fresh labels.`
        : `No concept shift: the relationship of y to x held (${pText(m.slopeTest.pValue)}).`,
      evidence: [
        {
          test: "Wald χ² of equal slopes, importance-weighted training fit vs serving fit (intercept free)",
          statistic: m.slopeTest.statistic,
          pValue: m.slopeTest.pValue,
        },
        {
          test: `serving − importance-weighted training ${m.errorName}`,
          statistic: gap.estimate,
          pValue: null,
          interval: gap.interval,
        },
      ],
      features: carriers2,
    };
  }
  return { covariate: covariateFinding, label: labelFinding, concept: conceptFinding };
}

function features(covariate: CovariateJSON): number {
  return covariate.tests.length + (covariate.domainClassifier?.importances.length ?? 0);
}
