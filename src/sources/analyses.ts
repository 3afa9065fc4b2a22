import { DriftlabError } from "../errors.js";
import { agreedEdges } from "../drift/methods.js";
import type { DriftInput, DriftOptions } from "../drift/drift.js";
import type { DriftReport } from "../drift/report.js";
import { driftBetween } from "../drift/drift.js";
import type { Anomalies } from "../schema/anomalies.js";
import type { Schema } from "../schema/schema.js";
import {
  validate,
  type SourceValidateOptions,
  type ValidateOptions,
  type ValidationInput,
} from "../schema/validate.js";
import type { FeatureState, NumericState } from "../stats/feature-state.js";
import {
  isSource,
  profile as profileInMemory,
  Profile,
  type Source,
  type SourceProfileOptions,
} from "../stats/profile.js";
import { registerSourceAnalyses, type SourceSampleOptions } from "../stats/source.js";
import { Dataset } from "../data/column.js";
import type { DatasetInput } from "../data/index.js";
import { fromColumns, fromRecords } from "../data/records.js";
import { fairness } from "../fairness/fairness.js";
import type { FairnessOptions } from "../fairness/options.js";
import type { FairnessReport } from "../fairness/report.js";
import { skew } from "../skew/skew.js";
import type { SkewOptions } from "../skew/skew.js";
import type { SkewReport } from "../skew/report.js";

/** The profile of a drift side: a source's (computed in its engine) or the input as it is. */
async function sideOf(input: DriftInput | Source, options: SourceProfileOptions): Promise<DriftInput> {
  return isSource(input) ? input.profile(options) : input;
}

/**
 * Drift where one side or both are sources: each source is profiled in its engine (quantile summaries with their
 * bound, so KS reports D ± ε); then, for every numeric feature both sides have, both engines count their values
 * on the same agreed edges (Sturges over the union of the ranges, `agreedEdges`), so binned methods (PSI,
 * Jensen–Shannon, chi-square, …) use exact counts. Methods that need raw values (Anderson–Darling, Cramér–von Mises,
 * Mann–Whitney, energy) are skipped with a reason, as for profiles. The report names each side by its source,
 * which names the engine (`duckdb:…`, `clickhouse://…`).
 */
export async function driftSources(
  reference: DriftInput | Source,
  current: DriftInput | Source,
  options: DriftOptions = {},
): Promise<DriftReport> {
  const profileOptions: SourceProfileOptions = { kinds: options.kinds, features: undefined };
  const [r, c] = await Promise.all([sideOf(reference, profileOptions), sideOf(current, profileOptions)]);
  const exclude = new Set(options.exclude ?? []);
  const sources: [Source | undefined, Source | undefined] = [
    isSource(reference) ? reference : undefined,
    isSource(current) ? current : undefined,
  ];
  // Min, max and count per numeric feature of each side: the source's profile, a given profile, or (raw data) its
  // in-process profile, used for the edges only (the raw values stay the drift's input).
  const statsOf = (side: DriftInput): Profile =>
    side instanceof Profile ? side : profileInMemory(side, { kinds: options.kinds });
  const [rs, cs] = [statsOf(r), statsOf(c)];
  const asked = new Map<string, Float64Array>();
  for (const f of rs.features) {
    if (exclude.has(f.name) || (options.features !== undefined && !options.features.includes(f.name)))
      continue;
    const a = numericStateOf(rs.stateOf(f.name));
    const b = numericStateOf(cs.stateOf(f.name));
    if (a === undefined || b === undefined || a.moments.count === 0 || b.moments.count === 0) continue;
    asked.set(f.name, agreedEdges(momentsSide(a), momentsSide(b)));
  }
  const [rb, cb] = await Promise.all(
    [r, c].map((side, i) => (side instanceof Profile ? withCounts(side, sources[i], asked) : side)),
  );
  return driftBetween(rb, cb, named(options, reference, current));
}

function named(options: DriftOptions, reference: unknown, current: unknown): DriftOptions {
  return {
    ...options,
    referenceName: options.referenceName ?? (isSource(reference) ? reference.description : undefined),
    currentName: options.currentName ?? (isSource(current) ? current.description : undefined),
  };
}

function numericStateOf(state: FeatureState | undefined): NumericState | undefined {
  return state !== undefined && (state.kind === "numeric" || state.kind === "datetime") ? state : undefined;
}

function momentsSide(state: NumericState): { min: number; max: number; n: number } {
  return { min: state.moments.min, max: state.moments.max, n: state.moments.count };
}

/** The profile with each asked feature's exact counts on its edges from the source's engine (when a source). */
async function withCounts(
  profile: Profile,
  source: Source | undefined,
  asked: Map<string, Float64Array>,
): Promise<Profile> {
  if (source === undefined || asked.size === 0) return profile;
  const states = profile.states();
  for (const [name, edges] of asked) {
    const state = numericStateOf(states.get(name))!;
    const list = Array.from(edges);
    const counts = await source.histogram(name, list);
    states.set(name, { ...state, binned: [...(state.binned ?? []), { edges: list, counts }] });
  }
  return new Profile({
    source: profile.source,
    numRows: profile.numRows,
    settings: profile.settings,
    states,
    warnings: profile.warnings,
  });
}

/** {@link validate} where the data, `previous` or `serving` are sources: each is profiled in its engine first. */
export async function validateSources(
  data: ValidationInput | Source,
  schema: Schema,
  options: SourceValidateOptions = {},
): Promise<Anomalies> {
  const toInput = async (x: ValidationInput | Source | undefined): Promise<ValidationInput | undefined> =>
    x === undefined ? undefined : isSource(x) ? x.profile() : x;
  const [current, previous, serving] = await Promise.all([
    toInput(data),
    toInput(options.previous),
    toInput(options.serving),
  ]);
  const inMemory: ValidateOptions = { ...options, previous, serving };
  return validate(current!, schema, inMemory);
}

/** Default rows per side of skew's sample, and the most rows fairness rebuilds from counts. */
export const SKEW_SAMPLE_ROWS = 200_000;
export const FAIRNESS_MAX_ROWS = 5_000_000;

/** An engine's row values as driftlab reads them: 64-bit integers as numbers. */
function plainRecords(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows) {
    for (const key of Object.keys(row)) if (typeof row[key] === "bigint") row[key] = Number(row[key]);
  }
  return rows;
}

/** A dataset with a source name and a note the reports carry (fairness and skew put dataset warnings in notes). */
function noted(dataset: Dataset, source: string, note: string): Dataset {
  return new Dataset(dataset.columns, {
    source,
    numRows: dataset.numRows,
    warnings: [...dataset.warnings, note],
  });
}

function rowsOption(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `sampleRows must be a whole number ≥ 1, got ${String(value)}.`,
      {
        subject: "sampleRows",
      },
    );
  }
  return value;
}

/** A seeded sample of a source, of every column (by the key's hash when given), as a noted dataset. */
async function sampleOf(
  source: Source,
  rows: number,
  seed: number,
  key: string | undefined,
): Promise<Dataset> {
  const columns = (await source.columns()).filter((c) => c.kind !== undefined).map((c) => c.name);
  const [{ numRows }, records] = await Promise.all([
    source.profile({ features: columns.slice(0, 1) }),
    source.sample(columns, rows, seed, key === undefined ? undefined : [key]),
  ]);
  const dataset = fromRecords(plainRecords(records), { source: source.description });
  const note =
    records.length < numRows
      ? `computed on a seeded sample of ${records.length.toLocaleString("en-US")} of ${numRows.toLocaleString("en-US")} rows of ${source.description} (drawn in ${source.engine}${key === undefined ? "" : ` by the hash of "${key}"`}, seed ${seed})`
      : `computed on all ${numRows.toLocaleString("en-US")} rows of ${source.description} (fetched from ${source.engine})`;
  return noted(dataset, source.description, note);
}

/**
 * Skew where a side is a source: concept and covariate shift need rows (models are fit), so each source side is a
 * seeded sample of at most `sampleRows` rows (default {@link SKEW_SAMPLE_ROWS}) drawn in the engine — by the hash of
 * `key` when given, so that the key join pairs the same examples — and the report's notes say so.
 */
export async function skewSources(
  training: DatasetInput | Source,
  serving: DatasetInput | Source,
  options: SkewOptions & SourceSampleOptions = {},
): Promise<SkewReport> {
  const rows = rowsOption(options.sampleRows, SKEW_SAMPLE_ROWS);
  const seed = options.sampleSeed ?? 0;
  const side = (x: DatasetInput | Source) =>
    isSource(x) ? sampleOf(x, rows, seed, options.key) : Promise.resolve(x);
  const [t, s] = await Promise.all([side(training), side(serving)]);
  const { sampleRows: _rows, sampleSeed: _seed, ...rest } = options;
  return skew(t, s, rest);
}

/**
 * Fairness of a source: the engine counts rows per combination of the columns fairness uses (label, prediction or
 * score, groups, strata) with one GROUP BY; when there are at most `sampleRows` rows (default
 * {@link FAIRNESS_MAX_ROWS}) those columns' rows are rebuilt from the counts, so every metric, interval and test is
 * exactly the in-memory one (bootstrap included); beyond, a seeded sample of `sampleRows` rows is used. The notes say
 * which.
 */
export async function fairnessSources(
  source: Source,
  options: FairnessOptions & SourceSampleOptions,
): Promise<FairnessReport> {
  const limit = rowsOption(options.sampleRows, FAIRNESS_MAX_ROWS);
  const seed = options.sampleSeed ?? 0;
  const { sampleRows: _rows, sampleSeed: _seed, ...rest } = options;
  const groupColumns = (g: string | readonly string[] | undefined) =>
    g === undefined ? [] : typeof g === "string" ? [g] : [...g];
  const used = new Set<string>([
    ...[options.label, options.prediction, options.score].filter((c): c is string => c !== undefined),
    ...groupColumns(options.groups),
    ...groupColumns(options.stratifyBy),
    ...(Array.isArray(options.intersections) ? options.intersections.flatMap((g) => groupColumns(g)) : []),
  ]);
  const columns = [...used];
  const kinds = new Map((await source.columns()).map((c) => [c.name, c.kind]));
  const counts = await source.groupCounts(columns);
  const total = counts.reduce((t, c) => t + c.count, 0);
  if (total > limit) {
    const records = plainRecords(await source.sample(columns, limit, seed));
    const dataset = fromRecords(records, { source: source.description });
    return fairness(
      noted(
        dataset,
        source.description,
        `computed on a seeded sample of ${records.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows of ${source.description} (drawn in ${source.engine}, seed ${seed}); raise sampleRows for exact counts`,
      ),
      rest,
    );
  }
  const values: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c, new Array(total)]));
  let row = 0;
  for (const { values: key, count } of counts) {
    const typed = key.map((text, i) => typedValue(text, kinds.get(columns[i])));
    for (let k = 0; k < count; k++, row++) columns.forEach((c, i) => (values[c][row] = typed[i]));
  }
  const dataset = fromColumns(values, { source: source.description });
  return fairness(
    noted(
      dataset,
      source.description,
      `computed from ${counts.length.toLocaleString("en-US")} per-group counts (GROUP BY in ${source.engine}) of all ${total.toLocaleString("en-US")} rows of ${source.description}: exact`,
    ),
    rest,
  );
}

/** A group-count key (text from the engine) as the value the in-memory reader would give. */
function typedValue(text: string | null, kind: string | undefined): unknown {
  if (text === null) return null;
  switch (kind) {
    case "numeric":
      return Number(text);
    case "boolean":
      return text === "true" || text === "1";
    case "datetime":
      return new Date(text.includes("T") || !text.includes(" ") ? text : `${text.replace(" ", "T")}Z`);
    default:
      return text;
  }
}

registerSourceAnalyses({
  drift: (reference, current, options) =>
    driftSources(reference as DriftInput | Source, current as DriftInput | Source, options as DriftOptions),
  validate: (data, schema, options) =>
    validateSources(data as ValidationInput | Source, schema as Schema, options as ValidateOptions),
  skew: (training, serving, options) =>
    skewSources(
      training as DatasetInput | Source,
      serving as DatasetInput | Source,
      options as SkewOptions & SourceSampleOptions,
    ),
  fairness: (data, options) =>
    fairnessSources(data as Source, options as FairnessOptions & SourceSampleOptions),
});
