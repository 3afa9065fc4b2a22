import type { Column, Dataset } from "../data/column.js";
import { drift } from "../drift/index.js";
import { seededRandom } from "../measures/bootstrap.js";
import { blackBoxShiftEstimate } from "../measures/black-box-shift.js";
import { chiSquareContingency } from "../measures/chi-square.js";
import { cochranMantelHaenszel, type TwoByTwo } from "../measures/cochran-mantel-haenszel.js";
import { domainClassifier, type DomainClassifierResult } from "../measures/domain-classifier.js";
import { inverseQuadraticForm, subMatrix } from "../measures/linear-algebra.js";
import { linearPredict, linearRegression } from "../measures/linear-regression.js";
import { logisticPredict, logisticRegression } from "../measures/logistic-regression.js";
import { holm } from "../measures/multiple-testing.js";
import { wilsonInterval } from "../measures/proportion-intervals.js";
import { chiSquareSf } from "../measures/special.js";
import { quantileOfSorted } from "../measures/binning.js";
import { ksTwoSample } from "../measures/kolmogorov-smirnov.js";
import { buildDesign, designRows, type Design } from "./design.js";
import type { LabelData } from "./labels.js";
import type {
  ConceptJSON,
  ConditionalBin,
  CovariateJSON,
  FeatureConcept,
  IntervalJSON,
  LabelShiftJSON,
} from "./types.js";

/** Settings shared by the analyses. */
export interface AnalysisSettings {
  alpha: number;
  seed: number;
  folds: number;
  resamples: number;
}

/** Two-sample tests per feature (KS numeric, chi-square categorical), Holm-adjusted across features. */
export function featureTests(
  training: Dataset,
  serving: Dataset,
  features: readonly string[],
): { feature: string; test: string; statistic: number; pValue: number; adjustedPValue: number }[] {
  if (features.length === 0) return [];
  const report = drift(training, serving, {
    features: [...features],
    method: { numeric: "ks", categorical: "chisquare" },
    correction: "holm",
  });
  return report.features
    .filter((f) => f.pValue !== null)
    .map((f) => ({
      feature: f.name,
      test: f.methodLabel,
      statistic: f.statistic,
      pValue: f.pValue!,
      adjustedPValue: f.adjustedPValue ?? f.pValue!,
    }));
}

/** The multivariate covariate-shift section: a domain classifier on the features (with squares) and per-feature tests. */
export function covariateShift(
  training: Dataset,
  serving: Dataset,
  features: readonly string[],
  settings: AnalysisSettings,
): { json: CovariateJSON; classifier: DomainClassifierResult | null; design: Design } {
  const design = buildDesign(training, serving, features, { squares: true });
  const tests = featureTests(training, serving, features);
  let classifier: DomainClassifierResult | null = null;
  if (design.p > 0 && training.numRows >= settings.folds && serving.numRows >= settings.folds) {
    classifier = domainClassifier(design.training, design.serving, design.p, {
      folds: settings.folds,
      seed: settings.seed,
      alpha: settings.alpha,
    });
  }
  let json: CovariateJSON["domainClassifier"] = null;
  if (classifier !== null) {
    const norms = design.groups.map((g) => ({
      feature: g.feature,
      importance: Math.sqrt(g.columns.reduce((s, c) => s + classifier!.model.coefficients[c] ** 2, 0)),
    }));
    const total = norms.reduce((s, x) => s + x.importance, 0);
    json = {
      model: "logistic regression (L2, C = 1) on standardised features and their squares, one-hot categories",
      folds: settings.folds,
      auc: classifier.auc.auc,
      interval: classifier.auc.interval,
      pValue: classifier.auc.pValue,
      nannymlBand: [0.45, 0.65],
      evidentlyThreshold: 0.55,
      importances: norms
        .map((x) => ({ ...x, share: total > 0 ? x.importance / total : 0 }))
        .sort((a, b) => b.importance - a.importance),
    };
  }
  return { json: { domainClassifier: json, tests }, classifier, design };
}

function counts(codes: Int32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (const c of codes) if (c >= 0) out[c]++;
  return out;
}

function rowsWhere(codes: Int32Array, value: number): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < codes.length; i++) if (codes[i] === value) rows.push(i);
  return Int32Array.from(rows);
}

/** Regression labels are cut at training quintiles into pseudo-classes for the class-conditional test. */
function quintileCodes(training: Float64Array, values: Float64Array): { codes: Int32Array; names: string[] } {
  const sorted = Float64Array.from(training.filter((v) => Number.isFinite(v))).sort();
  const edges = [0.2, 0.4, 0.6, 0.8].map((q) => quantileOfSorted(sorted, q));
  const codes = Int32Array.from(values, (v) => {
    if (!Number.isFinite(v)) return -1;
    let k = 0;
    while (k < edges.length && v > edges[k]) k++;
    return k;
  });
  return { codes, names: ["q1", "q2", "q3", "q4", "q5"] };
}

/** The label-shift section with labels on both sides: P(y) with intervals and a test, and P(x | y) per class. */
export function labelShiftBothSides(
  training: Dataset,
  serving: Dataset,
  label: LabelData,
  features: readonly string[],
  settings: AnalysisSettings,
): LabelShiftJSON {
  const servingCodes = label.servingCodes!;
  let priorTest: LabelShiftJSON["priorTest"];
  let classes = label.classes;
  let trainingCodes = label.trainingCodes;
  let sCodes = servingCodes;
  if (label.task === "regression") {
    const t = label.trainingValues.filter((v) => Number.isFinite(v));
    const s = label.servingValues!.filter((v) => Number.isFinite(v));
    const ks = ksTwoSample(t, s);
    priorTest = { test: "Kolmogorov–Smirnov on y", statistic: ks.statistic, pValue: ks.pValue };
    const tq = quintileCodes(label.trainingValues, label.trainingValues);
    const sq = quintileCodes(label.trainingValues, label.servingValues!);
    classes = tq.names;
    trainingCodes = tq.codes;
    sCodes = sq.codes;
  } else {
    const tc = counts(trainingCodes, classes.length);
    const sc = counts(sCodes, classes.length);
    const keep = tc.map((_, k) => tc[k] + sc[k] > 0);
    const table = [tc.filter((_, k) => keep[k]), sc.filter((_, k) => keep[k])];
    const result = chiSquareContingency(table);
    priorTest = {
      test: "chi-square on the class counts",
      statistic: result.statistic,
      pValue: result.pValue,
    };
  }
  const k = classes.length;
  const tc = counts(trainingCodes, k);
  const sc = counts(sCodes, k);
  const nt = tc.reduce((a, b) => a + b, 0);
  const ns = sc.reduce((a, b) => a + b, 0);
  // Class-conditional drift: P(x | y = c) per class, Holm over every (class, feature) pair.
  const raw: { class: string; feature: string; test: string; pValue: number }[] = [];
  for (let c = 0; c < k; c++) {
    if (tc[c] < 20 || sc[c] < 20) continue;
    const t = training.take(rowsWhere(trainingCodes, c));
    const s = serving.take(rowsWhere(sCodes, c));
    const report = drift(t, s, {
      features: [...features],
      method: { numeric: "ks", categorical: "chisquare" },
    });
    for (const f of report.features) {
      if (f.pValue !== null)
        raw.push({ class: classes[c], feature: f.name, test: f.methodLabel, pValue: f.pValue });
    }
  }
  const adjusted = raw.length > 0 ? holm(raw.map((r) => r.pValue)) : new Float64Array(0);
  const classConditional = raw
    .map((r, i) => ({ ...r, adjustedPValue: adjusted[i] }))
    .sort((a, b) => a.adjustedPValue - b.adjustedPValue);
  return {
    task: label.task,
    classes,
    trainingPrior: tc.map((c) => c / nt),
    servingPrior: sc.map((c) => c / ns),
    trainingIntervals: tc.map((c) => wilsonInterval(c, nt, settings.alpha)),
    servingIntervals: sc.map((c) => wilsonInterval(c, ns, settings.alpha)),
    priorTest,
    classConditional,
    classConditionalPValue: classConditional.length > 0 ? classConditional[0].adjustedPValue : null,
    bbse: null,
  };
}

/** Class scores per row for BBSE: from a score column (binary: [1 − s, s]) or a prediction column (one-hot). */
export function classScores(
  dataset: Dataset,
  column: string,
  from: "score" | "prediction",
  classes: string[],
): Float64Array {
  const k = classes.length;
  const col = dataset.column(column);
  const out = new Float64Array(dataset.numRows * k);
  const index = new Map(classes.map((c, i) => [c, i]));
  for (let i = 0; i < dataset.numRows; i++) {
    const missing = col.valid !== null && col.valid[i] === 0;
    if (from === "score") {
      const s = col.kind === "numeric" && !missing ? Math.min(1, Math.max(0, col.values[i])) : 0.5;
      out[i * k] = 1 - s;
      out[i * k + 1] = s;
      continue;
    }
    let value: string | null = null;
    if (!missing) {
      if (col.kind === "categorical" || col.kind === "text")
        value = col.codes[i] < 0 ? null : col.dictionary[col.codes[i]];
      else if (col.kind === "boolean") value = col.values[i] === 1 ? "true" : "false";
      else value = String((col as { values: ArrayLike<number> }).values[i]);
    }
    const c = value === null ? undefined : index.get(value);
    if (c === undefined) for (let j = 0; j < k; j++) out[i * k + j] = 1 / k;
    else out[i * k + c] = 1;
  }
  return out;
}

/** Label shift without serving labels: BBSE from a score or prediction, and the prediction-rate test. */
export function labelShiftByBbse(
  training: Dataset,
  serving: Dataset,
  label: LabelData,
  column: string,
  from: "score" | "prediction",
  settings: AnalysisSettings,
): LabelShiftJSON {
  const k = label.classes.length;
  const rows: number[] = [];
  for (let i = 0; i < label.trainingCodes.length; i++) if (label.trainingCodes[i] >= 0) rows.push(i);
  const labelled = training.take(Int32Array.from(rows));
  const ts = classScores(labelled, column, from, label.classes);
  const ss = classScores(serving, column, from, label.classes);
  const codes = Int32Array.from(rows, (i) => label.trainingCodes[i]);
  const result = blackBoxShiftEstimate(ts, codes, ss, k, {
    resamples: settings.resamples,
    alpha: settings.alpha,
    seed: settings.seed,
  });
  // Lipton et al.'s test: are the hard prediction rates the same on both sides?
  const hard = (scores: Float64Array, n: number): number[] => {
    const out = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[i * k + c] > scores[i * k + best]) best = c;
      out[best]++;
    }
    return out;
  };
  const th = hard(ts, labelled.numRows);
  const sh = hard(ss, serving.numRows);
  const keep = th.map((_, c) => th[c] + sh[c] > 0);
  const test =
    keep.filter(Boolean).length >= 2
      ? chiSquareContingency([th.filter((_, c) => keep[c]), sh.filter((_, c) => keep[c])])
      : { statistic: 0, pValue: 1 };
  const tc = counts(codes, k);
  const nt = codes.length;
  return {
    task: "classification",
    classes: label.classes,
    trainingPrior: result.trainingPrior,
    servingPrior: null,
    trainingIntervals: tc.map((c) => wilsonInterval(c, nt, settings.alpha)),
    servingIntervals: null,
    priorTest: null,
    classConditional: [],
    classConditionalPValue: null,
    bbse: {
      from,
      servingPrior: result.servingPrior,
      intervals: result.intervals,
      weights: result.weights,
      confusion: result.confusion,
      predictionTest: { statistic: test.statistic, pValue: test.pValue },
      resamples: result.resamples,
    },
  };
}

function wald(
  a: Float64Array,
  va: Float64Array,
  b: Float64Array,
  vb: Float64Array,
  q: number,
  indices: number[],
): { statistic: number; dof: number; pValue: number } {
  const d = indices.map((i) => b[i] - a[i]);
  const sa = subMatrix(va, q, indices);
  const sb = subMatrix(vb, q, indices);
  const v = sa.map((x, i) => x + sb[i]);
  const statistic = inverseQuadraticForm(v, d);
  const dof = indices.length;
  return { statistic, dof, pValue: Number.isFinite(statistic) ? chiSquareSf(statistic, dof) : 1 };
}

/** Balanced P(serving | x) from the domain classifier's probability with unequal side sizes. */
function balanced(pi: number, nt: number, ns: number): number {
  const a = pi / ns;
  const b = (1 - pi) / nt;
  return a / (a + b);
}

/** Bins of one feature on training's deciles (numeric) or categories. */
function featureBins(
  training: Dataset,
  serving: Dataset,
  feature: string,
): { names: string[]; bounds: [number | null, number | null][]; tb: Int32Array; sb: Int32Array } {
  const t = training.column(feature);
  const s = serving.column(feature);
  if (t.kind === "numeric" || t.kind === "datetime") {
    const values: number[] = [];
    for (let i = 0; i < t.length; i++)
      if ((t.valid === null || t.valid[i] === 1) && Number.isFinite(t.values[i])) values.push(t.values[i]);
    const sorted = Float64Array.from(values).sort();
    const edges = [...new Set([1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => quantileOfSorted(sorted, d / 10)))];
    const assign = (c: Column) =>
      Int32Array.from({ length: c.length }, (_, i) => {
        if (c.kind !== "numeric" && c.kind !== "datetime") return -1;
        const v = c.values[i];
        if ((c.valid !== null && c.valid[i] === 0) || !Number.isFinite(v)) return -1;
        let k = 0;
        while (k < edges.length && v > edges[k]) k++;
        return k;
      });
    const bounds: [number | null, number | null][] = [];
    const lo = sorted.length > 0 ? sorted[0] : null;
    const hi = sorted.length > 0 ? sorted[sorted.length - 1] : null;
    for (let k = 0; k <= edges.length; k++)
      bounds.push([k === 0 ? lo : edges[k - 1], k === edges.length ? hi : edges[k]]);
    const names = bounds.map(([a, b], k) =>
      k === 0 ? `≤ ${fmt(b)}` : k === edges.length ? `> ${fmt(a)}` : `(${fmt(a)}, ${fmt(b)}]`,
    );
    return { names, bounds, tb: assign(t), sb: assign(s) };
  }
  const label = (c: Column, i: number): string | null => {
    if (c.valid !== null && c.valid[i] === 0) return null;
    if (c.kind === "categorical" || c.kind === "text")
      return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
    if (c.kind === "boolean") return c.values[i] === 1 ? "true" : "false";
    return String((c as { values: ArrayLike<number> }).values[i]);
  };
  const countsOf = new Map<string, number>();
  for (let i = 0; i < t.length; i++) {
    const v = label(t, i);
    if (v !== null) countsOf.set(v, (countsOf.get(v) ?? 0) + 1);
  }
  const kept = [...countsOf.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 12)
    .map((e) => e[0]);
  const index = new Map(kept.map((c, k) => [c, k]));
  const names = [...kept, "other"];
  const assign = (c: Column) =>
    Int32Array.from({ length: c.length }, (_, i) => {
      const v = label(c, i);
      if (v === null) return -1;
      return index.get(v) ?? kept.length;
    });
  return { names, bounds: names.map(() => [null, null]), tb: assign(t), sb: assign(s) };
}

function fmt(v: number | null): string {
  if (v === null) return "–";
  return Number(v.toPrecision(3)).toString();
}

/** Fitted values of the unweighted training fit on both sides (P(y = 1 | x) for a binary label). */
function fittedValues(
  design: Design,
  yt: Float64Array,
  regression: boolean,
): { training: Float64Array; serving: Float64Array } {
  if (regression) {
    const model = linearRegression(design.training, design.p, yt);
    return {
      training: linearPredict(model, design.training, design.p),
      serving: linearPredict(model, design.serving, design.p),
    };
  }
  const model = logisticRegression(design.training, design.p, yt, { l2: 1e-4 });
  return {
    training: logisticPredict(model, design.training, design.p),
    serving: logisticPredict(model, design.serving, design.p),
  };
}

/**
 * Per-bin mean-residual test for a numeric label: in each bin, the serving minus the training mean residual of the
 * training fit, z = d / √(s²_s/n_s + s²_t/n_t); Σ z² ~ χ² with one degree of freedom per bin with ≥ 2 rows a side.
 */
function meanResidualTest(
  tb: Int32Array,
  sb: Int32Array,
  bins: number,
  fittedTraining: Float64Array,
  fittedServing: Float64Array,
  yt: Float64Array,
  ys: Float64Array,
): FeatureConcept["stratified"] {
  const moments = (assign: Int32Array, fitted: Float64Array, y: Float64Array) => {
    const n = new Float64Array(bins);
    const sum = new Float64Array(bins);
    const squares = new Float64Array(bins);
    for (let i = 0; i < assign.length; i++) {
      const b = assign[i];
      if (b < 0) continue;
      const r = y[i] - fitted[i];
      n[b]++;
      sum[b] += r;
      squares[b] += r * r;
    }
    return { n, sum, squares };
  };
  const t = moments(tb, fittedTraining, yt);
  const s = moments(sb, fittedServing, ys);
  let statistic = 0;
  let dof = 0;
  for (let b = 0; b < bins; b++) {
    if (t.n[b] < 2 || s.n[b] < 2) continue;
    const mt = t.sum[b] / t.n[b];
    const ms = s.sum[b] / s.n[b];
    const vt = (t.squares[b] - t.n[b] * mt * mt) / (t.n[b] - 1);
    const vs = (s.squares[b] - s.n[b] * ms * ms) / (s.n[b] - 1);
    const se2 = vt / t.n[b] + vs / s.n[b];
    if (!(se2 > 0)) continue;
    statistic += ((ms - mt) * (ms - mt)) / se2;
    dof++;
  }
  if (dof === 0) return null;
  const pValue = chiSquareSf(statistic, dof);
  return { test: "mean residual per bin (χ²)", statistic, pValue, adjustedPValue: pValue };
}

/** The concept-shift section for a binary or numeric label with labels on both sides. */
export function conceptShift(
  training: Dataset,
  serving: Dataset,
  label: LabelData,
  features: readonly string[],
  classifier: DomainClassifierResult | null,
  errors: { training: Float64Array; serving: Float64Array; name: string } | null,
  settings: AnalysisSettings,
): ConceptJSON {
  const yt = label.trainingValues;
  const ys = label.servingValues!;
  const nt = training.numRows;
  const ns = serving.numRows;
  // Importance weights w(x) = q(x)/p(x) from the domain classifier, clipped to [1/20, 20] and normalised to mean 1.
  const weights = new Float64Array(nt).fill(1);
  if (classifier !== null) {
    let sum = 0;
    for (let i = 0; i < nt; i++) {
      const pi = Math.min(Math.max(classifier.probabilities[i], 1e-6), 1 - 1e-6);
      weights[i] = Math.min(20, Math.max(1 / 20, (pi / (1 - pi)) * (nt / ns)));
      sum += weights[i];
    }
    for (let i = 0; i < nt; i++) weights[i] *= nt / sum;
  }
  const design = buildDesign(training, serving, features);
  const q = design.p + 1;
  const regression = label.task === "regression";
  const trainingFit = regression
    ? linearRegression(design.training, design.p, yt, weights)
    : logisticRegression(design.training, design.p, yt, { weights, covariance: "sandwich", l2: 1e-4 });
  const servingFit = regression
    ? linearRegression(design.serving, design.p, ys)
    : logisticRegression(design.serving, design.p, ys, { covariance: "sandwich", l2: 1e-4 });
  const a = Float64Array.from([trainingFit.intercept, ...trainingFit.coefficients]);
  const b = Float64Array.from([servingFit.intercept, ...servingFit.coefficients]);
  const slopes = Array.from({ length: design.p }, (_, j) => j + 1);
  const slopeTest = wald(a, trainingFit.covariance, b, servingFit.covariance, q, slopes);
  const perFeature = design.groups.map((g) =>
    wald(
      a,
      trainingFit.covariance,
      b,
      servingFit.covariance,
      q,
      g.columns.map((c) => c + 1),
    ),
  );
  const adjustedCoefficients =
    perFeature.length > 0 ? holm(perFeature.map((r) => r.pValue)) : new Float64Array(0);
  // Errors: the user's model when given, else the (unweighted) training fit's predictions.
  let errorTraining: Float64Array;
  let errorServing: Float64Array;
  let errorName: string;
  if (errors !== null) {
    errorTraining = errors.training;
    errorServing = errors.serving;
    errorName = errors.name;
  } else {
    const fitted = fittedValues(design, yt, regression);
    if (regression) {
      errorTraining = Float64Array.from(fitted.training, (f, i) => (yt[i] - f) ** 2);
      errorServing = Float64Array.from(fitted.serving, (f, i) => (ys[i] - f) ** 2);
      errorName = "squared error of a linear regression fitted on training";
    } else {
      errorTraining = Float64Array.from(fitted.training, (p, i) => ((p >= 0.5 ? 1 : 0) === yt[i] ? 0 : 1));
      errorServing = Float64Array.from(fitted.serving, (p, i) => ((p >= 0.5 ? 1 : 0) === ys[i] ? 0 : 1));
      errorName = "error rate of a logistic regression fitted on training";
    }
  }
  // Residuals of the (unweighted) training fit, for the per-bin mean-residual test of a numeric label.
  const residuals = regression ? fittedValues(design, yt, true) : null;
  const piT = Float64Array.from({ length: nt }, (_, i) =>
    classifier === null ? 0.5 : balanced(classifier.probabilities[i], nt, ns),
  );
  const piS = Float64Array.from({ length: ns }, (_, i) =>
    classifier === null ? 0.5 : balanced(classifier.probabilities[nt + i], nt, ns),
  );
  const statistics = (tr: Int32Array | null, sr: Int32Array | null) => {
    let eP = 0;
    let wSum = 0;
    let wE = 0;
    let sP = 0;
    let sE = 0;
    for (let r = 0; r < nt; r++) {
      const i = tr === null ? r : tr[r];
      eP += errorTraining[i];
      wSum += weights[i];
      wE += weights[i] * errorTraining[i];
      sP += piT[i];
      sE += piT[i] * errorTraining[i];
    }
    let eQ = 0;
    let sQ = 0;
    let sQE = 0;
    for (let r = 0; r < ns; r++) {
      const i = sr === null ? r : sr[r];
      eQ += errorServing[i];
      sQ += 1 - piS[i];
      sQE += (1 - piS[i]) * errorServing[i];
    }
    const trainingError = eP / nt;
    const servingError = eQ / ns;
    const sharedP = sE / sP;
    const sharedQ = sQE / sQ;
    return {
      trainingError,
      servingError,
      weighted: wE / wSum,
      gap: servingError - wE / wSum,
      total: servingError - trainingError,
      covariate: sharedP - trainingError,
      concept: sharedQ - sharedP,
      unseen: servingError - sharedQ,
    };
  };
  const point = statistics(null, null);
  const random = seededRandom(settings.seed + 17);
  const draws: Record<"gap" | "total" | "covariate" | "concept" | "unseen", number[]> = {
    gap: [],
    total: [],
    covariate: [],
    concept: [],
    unseen: [],
  };
  const tr = new Int32Array(nt);
  const sr = new Int32Array(ns);
  for (let r = 0; r < settings.resamples; r++) {
    for (let i = 0; i < nt; i++) tr[i] = Math.floor(random() * nt);
    for (let i = 0; i < ns; i++) sr[i] = Math.floor(random() * ns);
    const s = statistics(tr, sr);
    for (const key of Object.keys(draws) as (keyof typeof draws)[]) draws[key].push(s[key]);
  }
  const interval = (values: number[]): IntervalJSON => {
    const sorted = Float64Array.from(values).sort();
    return {
      lower: quantileOfSorted(sorted, settings.alpha / 2),
      upper: quantileOfSorted(sorted, 1 - settings.alpha / 2),
    };
  };
  const featureSections: FeatureConcept[] = design.groups.map((g, k) => {
    const bins = featureBins(training, serving, g.feature);
    const B = bins.names.length;
    const tPos = new Float64Array(B);
    const tAll = new Float64Array(B);
    const sPos = new Float64Array(B);
    const sAll = new Float64Array(B);
    for (let i = 0; i < nt; i++) {
      const bin = bins.tb[i];
      if (bin < 0) continue;
      tAll[bin]++;
      tPos[bin] += yt[i];
    }
    for (let i = 0; i < ns; i++) {
      const bin = bins.sb[i];
      if (bin < 0) continue;
      sAll[bin]++;
      sPos[bin] += ys[i];
    }
    const conditional: ConditionalBin[] = bins.names.map((name, j) => ({
      bin: name,
      lower: bins.bounds[j][0],
      upper: bins.bounds[j][1],
      trainingCount: tAll[j],
      servingCount: sAll[j],
      trainingRate: tAll[j] > 0 ? tPos[j] / tAll[j] : null,
      servingRate: sAll[j] > 0 ? sPos[j] / sAll[j] : null,
    }));
    let stratified: FeatureConcept["stratified"] = null;
    if (residuals !== null) {
      stratified = meanResidualTest(bins.tb, bins.sb, B, residuals.training, residuals.serving, yt, ys);
    } else {
      const tables: TwoByTwo[] = [];
      for (let j = 0; j < B; j++) {
        if (tAll[j] + sAll[j] < 2) continue;
        tables.push([sPos[j], sAll[j] - sPos[j], tPos[j], tAll[j] - tPos[j]]);
      }
      if (tables.length > 0) {
        const cmh = cochranMantelHaenszel(tables);
        stratified = {
          test: "Cochran–Mantel–Haenszel over bins",
          statistic: cmh.statistic,
          pValue: cmh.pValue,
          adjustedPValue: cmh.pValue,
          commonOddsRatio: cmh.commonOddsRatio,
          homogeneityPValue: cmh.homogeneityPValue,
        };
      }
    }
    return {
      feature: g.feature,
      bins: conditional,
      stratified,
      coefficient: { ...perFeature[k], adjustedPValue: adjustedCoefficients[k] },
    };
  });
  const withCmh = featureSections.filter((f) => f.stratified !== null);
  if (withCmh.length > 0) {
    const adjusted = holm(withCmh.map((f) => f.stratified!.pValue));
    withCmh.forEach((f, i) => (f.stratified!.adjustedPValue = adjusted[i]));
  }
  return {
    task: label.task,
    model: {
      kind: regression ? "linear regression" : "logistic regression",
      labels: ["(intercept)", ...design.labels],
      training: Array.from(a),
      serving: Array.from(b),
      slopeTest,
      weightedTrainingError: point.weighted,
      servingError: point.servingError,
      trainingError: point.trainingError,
      errorGap: { estimate: point.gap, interval: interval(draws.gap) },
      errorName,
    },
    decomposition: {
      total: { estimate: point.total, interval: interval(draws.total) },
      covariate: { estimate: point.covariate, interval: interval(draws.covariate) },
      concept: { estimate: point.concept, interval: interval(draws.concept) },
      unseen: { estimate: point.unseen, interval: interval(draws.unseen) },
      errorName,
    },
    features: featureSections,
  };
}

export { designRows };
