/**
 * fairness(): per-group failure rates with intervals, disparities to a reference with corrected tests, harm flags,
 * intersections, score thresholds, and Simpson's-paradox notes.
 */

import type { Dataset } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { adjustPValues } from "../measures/index.js";
import { isSource, type Source } from "../stats/profile.js";
import { sourceAnalyses, type SourceSampleOptions } from "../stats/source.js";
import { bootstrapIntervals } from "./bootstrap.js";
import {
  finiteOrNull,
  metricValue,
  statsOfRows,
  summaryOf,
  type Outcomes,
  type ResolvedMetric,
  type RowSetStats,
} from "./evaluate.js";
import { FairnessReport } from "./report.js";
import {
  asList,
  invalid,
  resolveFairnessOptions,
  type FairnessOptions,
  type ResolvedFairness,
} from "./options.js";

export type { FairnessOptions, ResolvedFairness } from "./options.js";
import { codeColumn, groupLabel, groupRows, type ColumnCoding } from "./groups.js";
import { RATE_METRICS, REGRESSION_METRICS, rowError, type RowError } from "./metrics.js";
import { binaryOutcome, isBinaryColumn, numericOutcome } from "./outcomes.js";
import { findReversals, reversalNote, type GroupingForReversals } from "./reversals.js";
import { compareRates, welchTTest, type TestResult } from "./tests.js";
import { scoreBinEdges, scoreHistogram, thresholdCounts } from "./thresholds.js";
import type {
  DisparityJSON,
  FairnessJSON,
  FlagJSON,
  GroupJSON,
  GroupingJSON,
  Harm,
  MetricInfoJSON,
  MetricValueJSON,
  SpreadJSON,
} from "../format/fairness.js";

const DEFAULT_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Per-group failure rates with honest uncertainty, disparities and harm flags (docs/fairness.md).
 *
 * For every group of every grouping, and for the whole population: n and each metric with its counts and interval
 * (Wilson score by default; seeded percentile bootstrap with `ci: "bootstrap"`); the difference and ratio to the
 * reference; a test of the group against the reference — against the *rest of the population* when the reference is
 * "overall", since the overall contains the group — by the pooled two-proportion z-test, or Fisher's exact test when
 * an expected cell count is below 5 (Welch's t-test for regression errors), with Holm (default) or
 * Benjamini–Hochberg correction across the grouping's groups. A disparity is flagged as a harm only when its ratio is
 * outside the band (default 0.8–1.25), in the harmful direction, and significant after correction; outside-band but
 * not significant disparities are listed apart. Groups below `minSize` are listed as too small to judge.
 *
 * O(rows · (groupings + thresholds)) plus O(resamples · rows · groupings) with the bootstrap.
 *
 * Given a source (`duckdb(…)`, `clickhouse({ … })`), the engine counts rows per combination of the columns fairness
 * uses (GROUP BY); up to `sampleRows` rows (default 5,000,000) those rows are rebuilt from the counts and the
 * report is exact, beyond it uses a seeded sample drawn in the engine. The report's notes say which. A promise then.
 */
export function fairness(
  data: Source,
  options: FairnessOptions & SourceSampleOptions,
): Promise<FairnessReport>;
export function fairness(data: DatasetInput, options: FairnessOptions): FairnessReport;
export function fairness(
  data: DatasetInput | Source,
  options: FairnessOptions & SourceSampleOptions,
): FairnessReport | Promise<FairnessReport>;
export function fairness(
  data: DatasetInput | Source,
  options: FairnessOptions & SourceSampleOptions,
): FairnessReport | Promise<FairnessReport> {
  if (isSource(data)) return sourceAnalyses().fairness(data, options) as Promise<FairnessReport>;
  return fairnessInMemory(data, options);
}

function fairnessInMemory(data: DatasetInput, options: FairnessOptions): FairnessReport {
  const dataset = toDataset(data);
  if (dataset.numRows === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${dataset.source}: no rows to analyse.`, {
      subject: dataset.source,
    });
  }
  const settings = resolveFairnessOptions(options);
  const prepared = prepareFairness(dataset, options, settings);
  const count = prepared.uniqueGroupings.length;
  const groupings = prepared.uniqueGroupings.map((columns, index) => {
    options.onProgress?.(index / count, `grouping ${index + 1} of ${count}: ${columns.join(" × ")}`);
    return evaluateGrouping(columns, index, prepared, settings, options);
  });
  options.onProgress?.(1, "done");
  return assembleFairness(dataset, options, settings, prepared, groupings);
}

/** Stage 2: outcomes read, rows kept, metrics resolved, group columns coded, overall statistics. */
export interface PreparedFairness {
  notes: string[];
  outcome: ReadOutcomes;
  task: Outcomes["task"];
  keptCount: number;
  metrics: ResolvedMetric[];
  uniqueGroupings: string[][];
  stratifiedGroupings: Map<string, string[]>;
  codings: Map<string, ColumnCoding>;
  outcomes: Outcomes;
  overallStats: RowSetStats;
  overallMetrics: Record<string, MetricValueJSON>;
  bootstrap: { resamples: number; seed: number; alpha: number };
  allRows: Int32Array;
  scoring: ReturnType<typeof scoringSetup> | undefined;
  labelForHistogram: Outcomes["y"] | undefined;
}

/** Stage 2 of {@link fairness}: reads the outcomes and prepares what every grouping needs. */
export function prepareFairness(
  dataset: Dataset,
  options: FairnessOptions,
  settings: ResolvedFairness,
): PreparedFairness {
  const { alpha, favorable, ci, resamples, seed, threshold } = settings;
  const notes: string[] = [...dataset.warnings];
  const outcome = readOutcomes(dataset, options, threshold);
  const { task } = outcome;
  const keptCount = outcome.kept.length;
  if (keptCount < dataset.numRows) {
    notes.push(
      `${(dataset.numRows - keptCount).toLocaleString("en-US")} of ${dataset.numRows.toLocaleString("en-US")} rows were left out: their ${outcome.roles.join(" or ")} is missing or not finite.`,
    );
  }
  if (keptCount === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${dataset.source}: every row has a missing ${outcome.roles.join(" or ")}.`,
    );
  }
  const metrics = resolveMetrics(options.metrics, task, favorable);

  // Groupings.
  const primary = asList(options.groups);
  if (primary.length === 0) invalid("groups is empty; name at least one column to group by.", "groups");
  const groupingColumns: string[][] = [primary];
  if (options.intersections === true) {
    if (primary.length > 1) groupingColumns.unshift(...primary.map((c) => [c]));
  } else if (Array.isArray(options.intersections)) {
    for (const extra of options.intersections as readonly (string | readonly string[])[])
      groupingColumns.push(asList(extra));
  }
  const strata = options.stratifyBy === undefined ? [] : asList(options.stratifyBy);
  const stratifiedGroupings = new Map<string, string[]>();
  if (strata.length > 0) {
    for (const columns of [...groupingColumns]) {
      if (columns.some((c) => strata.includes(c))) continue;
      const stratified = [...strata, ...columns];
      groupingColumns.push(stratified);
      stratifiedGroupings.set(JSON.stringify(stratified), strata);
    }
  }
  const seen = new Set<string>();
  const uniqueGroupings = groupingColumns.filter((columns) => {
    const key = JSON.stringify(columns);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const usedColumns = [...new Set(uniqueGroupings.flat())];
  for (const column of usedColumns) dataset.column(column);
  let groupData: Dataset = dataset.select(usedColumns);
  if (keptCount < dataset.numRows) groupData = groupData.take(outcome.kept);
  const codings = new Map<string, ColumnCoding>();
  for (const column of usedColumns) {
    codings.set(column, codeColumn(groupData, column, options.bins?.[column], 4));
  }
  for (const column of Object.keys(options.bins ?? {})) {
    if (!codings.has(column))
      notes.push(`bins were given for "${column}", which is not a group column; ignored.`);
  }

  const outcomes = outcome.outcomes;
  const overallStats = statsOfRows(outcomes, metrics);
  const bootstrap = { resamples, seed, alpha };
  const allRows = Int32Array.from({ length: keptCount }, (_, i) => i);
  const overallMetrics = valuesJSON(metrics, overallStats, outcomes, alpha);
  if (ci === "bootstrap")
    applyIntervals(overallMetrics, bootstrapIntervals(outcomes, metrics, allRows, bootstrap));

  const scoring =
    outcome.score === undefined
      ? undefined
      : scoringSetup(outcome.score, options, threshold, scoreBinCount(options.scoreBins), notes);
  const labelForHistogram = task === "classification" ? outcomes.y : undefined;

  return {
    notes,
    outcome,
    task,
    keptCount,
    metrics,
    uniqueGroupings,
    stratifiedGroupings,
    codings,
    outcomes,
    overallStats,
    overallMetrics,
    bootstrap,
    allRows,
    scoring,
    labelForHistogram,
  };
}

/** Stage 3: one grouping evaluated. */
export interface GroupingResult {
  grouping: GroupingJSON;
  forReversals: GroupingForReversals;
  flags: FlagJSON[];
  outsideBand: FlagJSON[];
  suppressed?: { column: string; count: number; minimumCount: number };
}

/**
 * Stage 3 of {@link fairness}, per unit: the groups of one grouping, their metrics and intervals, their disparities
 * to the reference with corrected tests, and the flags.
 */
export function evaluateGrouping(
  columns: string[],
  groupingIndex: number,
  prepared: PreparedFairness,
  settings: ResolvedFairness,
  options: FairnessOptions,
): GroupingResult {
  const { alpha, bandLower, bandUpper, minGroupSize, suppressBelow, ci, seed, correction } = settings;
  const { notes, keptCount, metrics, stratifiedGroupings, codings, outcomes, overallStats, bootstrap } =
    prepared;
  const { scoring, labelForHistogram } = prepared;
  const flags: FlagJSON[] = [];
  const outsideBand: FlagJSON[] = [];
  let suppressedTotal: GroupingResult["suppressed"];
  const columnCodings = columns.map((c) => codings.get(c)!);
  const { groupOf, keys, sizes } = groupRows(columnCodings, keptCount);
  const rowsOf = sizes.map((size) => new Int32Array(size));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < keptCount; i++) rowsOf[groupOf[i]][fill[groupOf[i]]++] = i;
  const stats = rowsOf.map((rows) => statsOfRows(outcomes, metrics, rows));
  const labels = keys.map((key) => groupLabel(columns, key));
  const name = columns.join(" × ");
  const judged = sizes.map((n) => n >= minGroupSize);
  const suppressed = sizes.map((n) => n < suppressBelow);
  const forReversals: GroupingForReversals = {
    name,
    columns,
    keys,
    labels,
    stats,
    judged: judged.map((j, g) => j && !suppressed[g]),
  };

  // Reference of each group: the overall population (or the group's stratum), or a reference group.
  const strataColumns = stratifiedGroupings.get(JSON.stringify(columns)) ?? [];
  let stratumOf = new Int32Array(keys.length);
  let strataStats: RowSetStats[] = [overallStats];
  let strataLabels = ["overall"];
  if (strataColumns.length > 0) {
    const strataGroups = groupRows(
      strataColumns.map((c) => codings.get(c)!),
      keptCount,
    );
    const strataRows = strataGroups.sizes.map((size) => new Int32Array(size));
    const strataFill = new Int32Array(strataGroups.sizes.length);
    for (let i = 0; i < keptCount; i++)
      strataRows[strataGroups.groupOf[i]][strataFill[strataGroups.groupOf[i]]++] = i;
    strataStats = strataRows.map((rows) => statsOfRows(outcomes, metrics, rows));
    strataLabels = strataGroups.keys.map((key) => groupLabel(strataColumns, key));
    stratumOf = Int32Array.from(rowsOf, (rows) => strataGroups.groupOf[rows[0]]);
  }
  const reference = resolveReference(
    options.reference,
    columns,
    strataColumns,
    keys,
    stratumOf,
    sizes,
    labels,
    notes,
    name,
  );
  const referenceOf = (g: number) => reference.groups[g];
  const referenceStatsOf = (g: number) =>
    referenceOf(g) >= 0 ? stats[referenceOf(g)] : strataStats[stratumOf[g]];
  const referenceLabelOf = (g: number) =>
    referenceOf(g) >= 0 ? labels[referenceOf(g)] : strataLabels[stratumOf[g]];
  const groupingReferenceStats =
    strataColumns.length === 0 && reference.groups[0] >= 0 ? stats[reference.groups[0]] : overallStats;
  const referenceValues: Record<string, number | null> = {};
  for (const metric of metrics)
    referenceValues[metric.name] = finiteOrNull(groupingReferenceStats.values.get(metric.name));
  for (const r of new Set(reference.groups)) {
    if (r >= 0 && !judged[r]) {
      notes.push(
        `The reference group ${labels[r]} of ${name} has fewer than ${minGroupSize} rows: comparisons with it are uncertain.`,
      );
    }
  }

  // Disparities and tests.
  const disparities: Record<string, DisparityJSON>[] = keys.map(() => ({}));
  for (const metric of metrics) {
    const tested: { group: number; result: TestResult }[] = [];
    stats.forEach((groupStats, g) => {
      const value = groupStats.values.get(metric.name)!;
      const referenceStats = referenceStatsOf(g);
      const referenceValue = referenceStats.values.get(metric.name)!;
      const entry = baseDisparity(value, referenceValue, metric, bandLower, bandUpper);
      disparities[g][metric.name] = entry;
      if (g === referenceOf(g)) {
        entry.status = "reference";
        return;
      }
      if (!judged[g]) {
        entry.status = "too-small";
        return;
      }
      if (!Number.isFinite(value) || !Number.isFinite(referenceValue)) {
        entry.status = "undefined";
        return;
      }
      if (metric.kind === "custom") {
        entry.status = "not-tested";
        return;
      }
      const result =
        referenceOf(g) >= 0
          ? testAgainstReference(metric, groupStats, referenceStats, undefined, outcomes)
          : testAgainstReference(metric, groupStats, undefined, referenceStats, outcomes);
      if (result === undefined) return;
      entry.test = result.test;
      entry.statistic = finiteOrNull(result.statistic);
      entry.pValue = result.pValue;
      tested.push({ group: g, result });
    });
    const adjusted = adjustPValues(
      tested.map((t) => t.result.pValue),
      correction,
    );
    tested.forEach(({ group }, k) => {
      const entry = disparities[group][metric.name];
      entry.adjustedPValue = adjusted[k];
      entry.significant = adjusted[k] <= alpha;
    });
    stats.forEach((_, g) => {
      const entry = disparities[g][metric.name];
      if (entry.status !== "within-band") return;
      if (entry.test === undefined) {
        entry.status = entry.outsideBand ? "outside-band-not-significant" : "within-band";
        return;
      }
      if (!entry.outsideBand) return;
      if (!entry.significant) entry.status = "outside-band-not-significant";
      else if (entry.direction === "worse" && metric.harm !== undefined) {
        entry.status = "harm";
        entry.harm = metric.harm;
      } else entry.status = "outside-band";
      if (suppressed[g]) return;
      const flag: FlagJSON = {
        grouping: name,
        group: labels[g],
        metric: metric.name,
        value: finiteOrNull(stats[g].values.get(metric.name)),
        reference: referenceLabelOf(g),
        referenceValue: entry.referenceValue,
        difference: entry.difference,
        ratio: entry.ratio,
        adjustedPValue: entry.adjustedPValue ?? null,
        n: sizes[g],
      };
      if (entry.status === "harm") flags.push({ ...flag, harm: metric.harm });
    });
    stats.forEach((_, g) => {
      const entry = disparities[g][metric.name];
      if (entry.status !== "outside-band-not-significant" || suppressed[g]) return;
      if (entry.direction !== "worse" || metric.harm === undefined) return;
      outsideBand.push({
        grouping: name,
        group: labels[g],
        metric: metric.name,
        harm: metric.harm,
        value: finiteOrNull(stats[g].values.get(metric.name)),
        reference: referenceLabelOf(g),
        referenceValue: entry.referenceValue,
        difference: entry.difference,
        ratio: entry.ratio,
        adjustedPValue: entry.adjustedPValue ?? null,
        n: sizes[g],
      });
    });
  }

  // Groups.
  const groups: GroupJSON[] = [];
  let suppressedCount = 0;
  stats.forEach((groupStats, g) => {
    if (suppressed[g]) {
      suppressedCount++;
      return;
    }
    const key: Record<string, string | null> = {};
    columns.forEach((c, j) => (key[c] = keys[g][j]));
    const metricValues = valuesJSON(metrics, groupStats, outcomes, alpha);
    if (ci === "bootstrap") {
      applyIntervals(
        metricValues,
        bootstrapIntervals(outcomes, metrics, rowsOf[g], {
          ...bootstrap,
          seed: seed + 1_000_003 * (groupingIndex + 1) + 7919 * (g + 1),
        }),
      );
    }
    const group: GroupJSON = {
      key,
      label: labels[g],
      n: sizes[g],
      judged: judged[g],
      metrics: metricValues,
      disparities: disparities[g],
    };
    if (scoring !== undefined) {
      group.thresholds = thresholdCounts(
        scoring.score,
        labelForHistogram,
        rowsOf[g],
        scoring.thresholds,
        metrics,
      );
      group.scoreHistogram = scoreHistogram(scoring.score, labelForHistogram, rowsOf[g], scoring.edges);
    }
    groups.push(group);
  });
  if (suppressedCount > 0)
    suppressedTotal = { column: name, count: suppressedCount, minimumCount: suppressBelow };

  const spread: Record<string, SpreadJSON | null> = {};
  for (const metric of metrics)
    spread[metric.name] = spreadOf(metric.name, stats, labels, judged, suppressed);
  const bins = columnCodings.flatMap((c) => (c.bins === undefined ? [] : [c.bins]));
  const grouping: GroupingJSON = {
    name,
    columns,
    reference: {
      kind: reference.kind,
      values: referenceValues,
      testedAgainst: reference.groups.some((r) => r >= 0) ? "reference-group" : "complement",
    },
    groups,
    spread,
    tooSmall: sizes.filter((n, g) => n < minGroupSize && !suppressed[g]).length,
    suppressed: suppressedCount,
  };
  if (strataColumns.length === 0 && reference.groups[0] >= 0)
    grouping.reference.group = labels[reference.groups[0]];
  if (strataColumns.length > 0) grouping.stratifiedBy = strataColumns;
  if (bins.length > 0) grouping.bins = bins;
  return { grouping, forReversals, flags, outsideBand, suppressed: suppressedTotal };
}

/** Stage 4 of {@link fairness}: reversals across groupings, the overall row, the settings, and the report. */
export function assembleFairness(
  dataset: Dataset,
  options: FairnessOptions,
  resolved: ResolvedFairness,
  prepared: PreparedFairness,
  results: readonly GroupingResult[],
): FairnessReport {
  const { alpha, minGroupSize, suppressBelow, ci, resamples, seed, correction, favorable, threshold } =
    resolved;
  const { notes, outcome, task, keptCount, metrics, overallMetrics, allRows, scoring, labelForHistogram } =
    prepared;
  const { bandLower, bandUpper } = resolved;
  const report = results.map((r) => r.grouping);
  const forReversals = results.map((r) => r.forReversals);
  const flags = results.flatMap((r) => r.flags);
  const outsideBand = results.flatMap((r) => r.outsideBand);
  const suppressedTotals = results.flatMap((r) => (r.suppressed === undefined ? [] : [r.suppressed]));
  // Simpson's paradox across groupings that refine one another.
  const rateDefinitions = metrics.flatMap((m) => (m.kind === "rate" ? [m.definition] : []));
  const reversals = findReversals(forReversals, rateDefinitions, alpha);
  if (suppressBelow > 0) {
    for (const reversal of reversals) {
      for (const stratum of reversal.strata) {
        if (stratum.firstN < suppressBelow) stratum.first = null;
        if (stratum.secondN < suppressBelow) stratum.second = null;
      }
    }
  }
  const labelOf = new Map(metrics.map((m) => [m.name, m.label]));
  const maxNotes = 10;
  reversals.slice(0, maxNotes).forEach((r) => notes.push(reversalNote(r, labelOf.get(r.metric) ?? r.metric)));
  if (reversals.length > maxNotes)
    notes.push(`${reversals.length - maxNotes} more reversals are listed in the report's reversals.`);
  if (flags.length === 0 && outsideBand.length > 0) {
    notes.push(
      `${outsideBand.length} disparit${outsideBand.length === 1 ? "y is" : "ies are"} outside the band in the harmful direction but not significant after correction: more data is needed to judge ${outsideBand.length === 1 ? "it" : "them"}.`,
    );
  }

  const overall: FairnessJSON["overall"] = { n: keptCount, metrics: overallMetrics };
  if (scoring !== undefined) {
    overall.thresholds = thresholdCounts(
      scoring.score,
      labelForHistogram,
      allRows,
      scoring.thresholds,
      metrics,
    );
    overall.scoreHistogram = scoreHistogram(scoring.score, labelForHistogram, allRows, scoring.edges);
  }

  const settings: FairnessJSON["settings"] = {
    alpha,
    ci,
    minGroupSize,
    band: { lower: bandLower, upper: bandUpper },
    reference:
      options.reference === undefined || options.reference === "overall"
        ? "overall"
        : options.reference === "largest"
          ? "largest"
          : "group",
    correction,
    favorable,
  };
  if (ci === "bootstrap") settings.bootstrap = { resamples, seed };
  if (outcome.positive !== undefined) settings.positiveLabel = outcome.positive;
  if (scoring !== undefined) {
    settings.threshold = threshold;
    settings.thresholds = scoring.thresholds;
    settings.scoreBins = {
      bins: scoring.edges.length - 1,
      min: scoring.edges[0],
      max: scoring.edges[scoring.edges.length - 1],
    };
  }
  if (suppressBelow > 0) settings.suppressBelow = suppressBelow;

  const columnsJSON: FairnessJSON["columns"] = {};
  if (options.label !== undefined) columnsJSON.label = options.label;
  if (options.prediction !== undefined) columnsJSON.prediction = options.prediction;
  if (options.score !== undefined) columnsJSON.score = options.score;

  return new FairnessReport({
    title: options.title ?? `Fairness of ${dataset.source} by ${report[0].name}`,
    source: dataset.source,
    numRows: dataset.numRows,
    rowsUsed: keptCount,
    task,
    columns: columnsJSON,
    settings,
    metrics: metrics.map(metricInfo),
    overall,
    groupings: report,
    flags,
    outsideBandNotSignificant: outsideBand,
    reversals,
    notes,
    suppressed: suppressedTotals,
  });
}

// ---------------------------------------------------------------- outcomes

interface ReadOutcomes {
  task: Outcomes["task"];
  outcomes: Outcomes;
  kept: Int32Array;
  roles: string[];
  positive?: string;
  /** Scores of the kept rows, for thresholds and histograms. */
  score?: Float64Array;
}

function readOutcomes(dataset: Dataset, options: FairnessOptions, threshold: number): ReadOutcomes {
  const n = dataset.numRows;
  const present = new Uint8Array(n).fill(1);
  const roles: string[] = [];
  const and = (mask: Uint8Array) => {
    for (let i = 0; i < n; i++) present[i] &= mask[i];
  };
  let task: Outcomes["task"];
  if (options.task !== undefined && options.task !== "classification" && options.task !== "regression") {
    invalid(`task = ${JSON.stringify(options.task)}; use "classification" or "regression".`, "task");
  }
  if (options.label === undefined) {
    if (options.task === "regression") invalid("Regression needs a label column (the true values).", "label");
    task = "decisions";
  } else if (options.task !== undefined) {
    task = options.task;
  } else {
    const labelColumn = dataset.column(options.label);
    const output = options.prediction === undefined ? undefined : dataset.column(options.prediction);
    task =
      options.positiveLabel === undefined &&
      labelColumn.kind === "numeric" &&
      !isBinaryColumn(labelColumn) &&
      output?.kind === "numeric" &&
      !isBinaryColumn(output)
        ? "regression"
        : "classification";
  }
  if (task === "regression" && options.score !== undefined) {
    invalid(
      "A score belongs to a classifier; for regression give the numeric prediction as prediction.",
      "score",
    );
  }
  let y = new Float64Array(n);
  let yhat = new Float64Array(n);
  let score: Float64Array | undefined;
  let positive: string | undefined;
  if (options.label !== undefined) {
    roles.push("label");
    if (task === "regression") {
      const label = numericOutcome(dataset, options.label, "label");
      y = label.values;
      and(label.present);
    } else {
      const label = binaryOutcome(dataset, options.label, "label", options.positiveLabel);
      positive = label.positive;
      y = Float64Array.from(label.values);
      and(label.present);
    }
  }
  if (options.prediction !== undefined) {
    roles.push("prediction");
    if (task === "regression") {
      const prediction = numericOutcome(dataset, options.prediction, "prediction");
      yhat = prediction.values;
      and(prediction.present);
    } else {
      const prediction = binaryOutcome(dataset, options.prediction, "prediction", options.positiveLabel);
      positive ??= prediction.positive;
      yhat = Float64Array.from(prediction.values);
      and(prediction.present);
    }
  } else {
    roles.push("score");
    const scores = numericOutcome(dataset, options.score!, "score");
    score = scores.values;
    and(scores.present);
    for (let i = 0; i < n; i++) yhat[i] = score[i] >= threshold ? 1 : 0;
  }
  let keptCount = 0;
  for (let i = 0; i < n; i++) keptCount += present[i];
  const kept = new Int32Array(keptCount);
  for (let i = 0, k = 0; i < n; i++) if (present[i] === 1) kept[k++] = i;
  const compact = (values: Float64Array) =>
    keptCount === n ? values : Float64Array.from(kept, (i) => values[i]);
  y = compact(y);
  yhat = compact(yhat);
  if (score !== undefined) score = compact(score);
  const shifts: Partial<Record<RowError, number>> = {};
  if (task === "regression") {
    for (const kind of ["absolute", "squared", "residual"] as const) {
      let sum = 0;
      for (let i = 0; i < keptCount; i++) sum += rowError(kind, y[i], yhat[i]);
      shifts[kind] = keptCount === 0 ? 0 : sum / keptCount;
    }
  }
  return {
    task,
    outcomes: { task, y, yhat, customInput: score ?? yhat, shifts },
    kept,
    roles,
    positive,
    score,
  };
}

// ---------------------------------------------------------------- metrics

function resolveMetrics(
  requested: FairnessOptions["metrics"],
  task: Outcomes["task"],
  favorable: "positive" | "negative",
): ResolvedMetric[] {
  const selectionWorse = favorable === "positive" ? "lower" : "higher";
  const selectionHarm: Harm = favorable === "positive" ? "opportunity-denial" : "harm-by-disadvantage";
  const rate = (name: string): ResolvedMetric | undefined => {
    const definition = RATE_METRICS.find((d) => d.name === name);
    if (definition === undefined) return undefined;
    if (definition.name === "selectionRate") {
      return {
        kind: "rate",
        name,
        label: definition.label,
        definition,
        worse: selectionWorse,
        harm: selectionHarm,
      };
    }
    return {
      kind: "rate",
      name,
      label: definition.label,
      definition,
      worse: definition.worse,
      harm: definition.harm,
    };
  };
  const mean = (name: string): ResolvedMetric | undefined => {
    const definition = REGRESSION_METRICS.find((d) => d.name === name);
    if (definition === undefined) return undefined;
    return {
      kind: "mean",
      name,
      label: definition.label,
      definition,
      worse: definition.worse,
      harm: definition.harm,
    };
  };
  if (requested === undefined) {
    if (task === "regression") return REGRESSION_METRICS.map((d) => mean(d.name)!);
    if (task === "decisions") return [rate("selectionRate")!];
    return RATE_METRICS.map((d) => rate(d.name)!);
  }
  const resolved: ResolvedMetric[] = [];
  for (const entry of requested) {
    if (typeof entry === "object") {
      if (typeof entry.name !== "string" || typeof entry.fn !== "function") {
        invalid("A custom metric needs a name and a function fn(y, yhat).", "metrics");
      }
      resolved.push({
        kind: "custom",
        name: entry.name,
        label: entry.label ?? entry.name,
        definition: entry,
        worse: entry.worse,
        harm: entry.harm,
      });
      continue;
    }
    const metric = task === "regression" ? mean(entry) : rate(entry);
    if (metric === undefined) {
      const known =
        task === "regression" ? REGRESSION_METRICS.map((d) => d.name) : RATE_METRICS.map((d) => d.name);
      invalid(`Metric "${entry}" does not apply to ${task}. Known: ${known.join(", ")}.`, "metrics");
    }
    if (metric.kind === "rate" && metric.definition.needsLabel && task === "decisions") {
      invalid(`Metric "${entry}" needs the true outcome: pass label.`, "metrics");
    }
    resolved.push(metric);
  }
  const names = new Set<string>();
  for (const metric of resolved) {
    if (names.has(metric.name)) invalid(`Metric "${metric.name}" is listed twice.`, "metrics");
    names.add(metric.name);
  }
  if (resolved.length === 0) invalid("metrics is empty.", "metrics");
  return resolved;
}

function metricInfo(metric: ResolvedMetric): MetricInfoJSON {
  const info: MetricInfoJSON = { name: metric.name, label: metric.label, kind: metric.kind };
  if (metric.kind !== "custom") info.formula = metric.definition.formula;
  if (metric.worse !== undefined) info.worse = metric.worse;
  if (metric.harm !== undefined) info.harm = metric.harm;
  return info;
}

function valuesJSON(
  metrics: readonly ResolvedMetric[],
  stats: RowSetStats,
  outcomes: Outcomes,
  alpha: number,
): Record<string, MetricValueJSON> {
  const values: Record<string, MetricValueJSON> = {};
  for (const metric of metrics) values[metric.name] = metricValue(metric, stats, outcomes.shifts, alpha);
  return values;
}

function applyIntervals(
  values: Record<string, MetricValueJSON>,
  intervals: Map<string, { lower: number | null; upper: number | null }>,
): void {
  for (const [name, interval] of intervals) {
    values[name].lower = values[name].value === null ? null : interval.lower;
    values[name].upper = values[name].value === null ? null : interval.upper;
  }
}

// ---------------------------------------------------------------- disparities

function baseDisparity(
  value: number,
  referenceValue: number,
  metric: ResolvedMetric,
  bandLower: number,
  bandUpper: number,
): DisparityJSON {
  const defined = Number.isFinite(value) && Number.isFinite(referenceValue);
  const difference = defined ? value - referenceValue : NaN;
  // Ratios are meaningful for non-negative quantities only (not for a mean residual of either sign).
  const ratio = defined && value >= 0 && referenceValue > 0 ? value / referenceValue : NaN;
  const outsideBand = Number.isFinite(ratio)
    ? ratio < bandLower || ratio > bandUpper
    : defined && referenceValue === 0 && value > 0;
  let direction: DisparityJSON["direction"] = "neutral";
  if (metric.worse !== undefined && defined && difference !== 0) {
    direction = difference > 0 === (metric.worse === "higher") ? "worse" : "better";
  }
  return {
    referenceValue: finiteOrNull(referenceValue),
    difference: finiteOrNull(difference),
    ratio: finiteOrNull(ratio),
    significant: false,
    outsideBand,
    direction,
    status: "within-band",
  };
}

function testAgainstReference(
  metric: ResolvedMetric,
  group: RowSetStats,
  referenceGroup: RowSetStats | undefined,
  /** Without a reference group: the population containing the group (overall or its stratum); tested against the rest. */
  population: RowSetStats | undefined,
  outcomes: Outcomes,
): TestResult | undefined {
  const overall = population ?? referenceGroup!;
  if (metric.kind === "rate") {
    const x1 = metric.definition.numerator(group.confusion!);
    const n1 = metric.definition.denominator(group.confusion!);
    let x2: number;
    let n2: number;
    if (referenceGroup === undefined) {
      x2 = metric.definition.numerator(overall.confusion!) - x1;
      n2 = metric.definition.denominator(overall.confusion!) - n1;
    } else {
      x2 = metric.definition.numerator(referenceGroup.confusion!);
      n2 = metric.definition.denominator(referenceGroup.confusion!);
    }
    if (n1 === 0 || n2 === 0) return undefined;
    return compareRates(x1, n1, x2, n2);
  }
  if (metric.kind === "mean") {
    const kind = metric.definition.rowError;
    const shift = outcomes.shifts[kind] ?? 0;
    const own = group.errors[kind]!;
    const other =
      referenceGroup === undefined
        ? {
            n: overall.n - own.n,
            sum: overall.errors[kind]!.sum - own.sum,
            sumSquares: overall.errors[kind]!.sumSquares - own.sumSquares,
          }
        : referenceGroup.errors[kind]!;
    if (own.n < 2 || other.n < 2) return undefined;
    return welchTTest(summaryOf(own, shift), summaryOf(other, shift));
  }
  return undefined;
}

/**
 * The reference group of each group (−1: none, compare with the population — overall, or the group's stratum).
 * "largest" picks the largest group (within each stratum); `{ column: value }` names the group by its non-strata
 * columns (within each stratum).
 */
function resolveReference(
  reference: FairnessOptions["reference"],
  columns: readonly string[],
  strataColumns: readonly string[],
  keys: (string | null)[][],
  stratumOf: Int32Array,
  sizes: number[],
  labels: string[],
  notes: string[],
  groupingName: string,
): { kind: "overall" | "largest" | "group"; groups: Int32Array } {
  const groups = new Int32Array(keys.length).fill(-1);
  if (reference === undefined || reference === "overall") return { kind: "overall", groups };
  const strataCount = stratumOf.reduce((a, b) => Math.max(a, b), 0) + 1;
  const chosen = new Int32Array(strataCount).fill(-1);
  if (reference === "largest") {
    sizes.forEach((n, g) => {
      const s = stratumOf[g];
      if (chosen[s] < 0 || n > sizes[chosen[s]]) chosen[s] = g;
    });
    stratumOf.forEach((s, g) => (groups[g] = chosen[s]));
    return { kind: "largest", groups };
  }
  if (typeof reference !== "object" || reference === null) {
    invalid(
      `reference = ${JSON.stringify(reference)}; use "overall", "largest" or { column: value }.`,
      "reference",
    );
  }
  const named = columns.filter((c) => !strataColumns.includes(c));
  if (!named.every((c) => c in reference)) {
    notes.push(
      `The reference group names no value for ${named.filter((c) => !(c in reference)).join(", ")}: ${groupingName} is compared with the ${strataColumns.length > 0 ? "stratum" : "overall population"}.`,
    );
    return { kind: "overall", groups };
  }
  const positions = named.map((c) => columns.indexOf(c));
  const wanted = named.map((c) => String(reference[c]));
  keys.forEach((key, g) => {
    if (positions.every((p, j) => (key[p] ?? "(missing)") === wanted[j])) chosen[stratumOf[g]] = g;
  });
  if (chosen.every((g) => g < 0)) {
    invalid(
      `No group ${groupLabel(named, wanted)} in ${groupingName}; groups are ${labels.slice(0, 12).join("; ")}${labels.length > 12 ? "; …" : ""}.`,
      "reference",
    );
  }
  if (chosen.some((g) => g < 0)) {
    notes.push(
      `Some strata of ${groupingName} have no group ${groupLabel(named, wanted)}: their groups are compared with the stratum.`,
    );
  }
  stratumOf.forEach((s, g) => (groups[g] = chosen[s]));
  return { kind: "group", groups };
}

function spreadOf(
  name: string,
  stats: readonly RowSetStats[],
  labels: readonly string[],
  judged: readonly boolean[],
  suppressed: readonly boolean[],
): SpreadJSON | null {
  let min = Infinity;
  let max = -Infinity;
  let minGroup = -1;
  let maxGroup = -1;
  stats.forEach((s, g) => {
    const value = s.values.get(name)!;
    if (!judged[g] || suppressed[g] || !Number.isFinite(value)) return;
    if (value < min) [min, minGroup] = [value, g];
    if (value > max) [max, maxGroup] = [value, g];
  });
  if (minGroup < 0) return null;
  return {
    min,
    max,
    minGroup: labels[minGroup],
    maxGroup: labels[maxGroup],
    difference: max - min,
    ratio: max > 0 && min >= 0 ? min / max : null,
  };
}

// ---------------------------------------------------------------- scores

function scoreBinCount(bins: number | undefined): number {
  const count = bins ?? 50;
  if (!(Number.isInteger(count) && count >= 1 && count <= 1000))
    invalid(`scoreBins = ${count}; give a whole number in 1..1000.`, "scoreBins");
  return count;
}

function scoringSetup(
  score: Float64Array,
  options: FairnessOptions,
  threshold: number,
  bins: number,
  notes: string[],
): { score: Float64Array; thresholds: number[]; edges: Float64Array } {
  let min = Infinity;
  let max = -Infinity;
  for (const s of score) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const inUnit = min >= 0 && max <= 1;
  if (!inUnit) {
    notes.push(
      `Scores of "${options.score}" lie outside [0, 1] (${min} to ${max}): the score histograms span their range.`,
    );
  }
  const requested = options.thresholds ?? DEFAULT_THRESHOLDS;
  for (const t of requested)
    if (!Number.isFinite(t)) invalid(`thresholds holds ${t}; give finite numbers.`, "thresholds");
  const thresholds = [...new Set([...requested, threshold])].sort((a, b) => a - b);
  const edges = scoreBinEdges(inUnit ? 0 : min, inUnit ? 1 : max === min ? min + 1 : max, bins);
  return { score, thresholds, edges };
}
