import { Dataset, type Column, type FeatureKind } from "../data/column.js";
import { toDataset, type DatasetInput as DataInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { MAX_VALUE_LENGTH, shortValueCounts } from "../report/limits.js";
import type { Verdict } from "../format/envelope.js";
import type { ProfileJSON, SliceProfileJSON } from "../format/profile.js";
import { envelope, Report } from "../report/report.js";
import {
  DEFAULT_STATE_SETTINGS,
  featureProfileOf,
  mergeStates,
  stateFromJSON,
  stateOfColumn,
  stateToJSON,
  type FeatureState,
  type FeatureStateJSON,
  type StateSettings,
} from "./feature-state.js";
import { profileWorkerCount, statesInWorkers, type ProfileWorkers } from "./parallel.js";
import { sliceRows } from "./slices.js";
import type { FeatureProfile } from "./types.js";

/** Options of {@link profile}. Every field has a default; partitions must use the same settings to merge. */
export interface ProfileOptions extends Partial<StateSettings> {
  /** Features to profile, in this order. Default: every column. */
  features?: string[];
  /** Kinds to force per column, e.g. `{ zip: "categorical" }`. Default: inferred (docs/data.md). */
  kinds?: Record<string, FeatureKind>;
  /**
   * Slicings: each entry is a column name, or several names whose value combinations form the slices.
   * Each slice gets a full profile, e.g. `slices: ["region", ["region", "sex"]]`. Default: none.
   */
  slices?: (string | string[])[];
  /** Slices with fewer rows are left out of the report, and the report says so. Default 1. */
  minSize?: number;
  /** Title of the report. Default: "Profile of <source>". */
  title?: string;
  /**
   * "lazy" (default): quantile sketches of numeric features are built on first use (merge, toState, drift from
   * profiles), keeping a reference to the profiled values until then; "eager": built while profiling, so the
   * profile holds only sketches and bounded memory from the start.
   */
  sketches?: "lazy" | "eager";
  /** Called with progress in [0, 1] while features are summarized. */
  onProgress?: (fraction: number, message: string) => void;
}

export type { ProfileJSON, SliceProfileJSON } from "../format/profile.js";

/**
 * A table where it lives — files queried by DuckDB, a ClickHouse table — that analyses accept in place of data
 * (`profile`, `drift`, `skew`, `validate`, `fairness`). The analysis runs in the engine (SQL aggregates) and only
 * summaries come back into Node. Implementations: src/sources/ (`duckdb()`, `sql()`, and every engine built on
 * `sqlSource()`). Defined here (with the profile it returns), below the analyses, so that they can recognise a source without importing the
 * engines (docs/architecture.md layers).
 */
export interface Source {
  /** Brand: analyses tell a source from data by it. */
  readonly driftlabSource: true;
  /** What the data is, as reports name it, e.g. `duckdb:flights/*.parquet?where=delay > 0`. */
  readonly description: string;
  /** The engine that computes, as reports name it: "duckdb", "clickhouse", … */
  readonly engine: string;
  /** The columns with the kind each is profiled as (`kind: undefined`: a type driftlab does not profile). */
  columns(): Promise<SourceColumn[]>;
  /** The profile of the source, computed in the engine: the same type as `profile(data)`. */
  profile(options?: SourceProfileOptions): Promise<Profile>;
  /**
   * Exact counts of a numeric/datetime column's finite values on agreed `edges` ([e_i, e_i+1), the last closed; values
   * outside not counted). Drift asks both sides for the same edges.
   */
  histogram(column: string, edges: readonly number[]): Promise<number[]>;
  /** Row counts per combination of the columns' values, as text (missing: null): for fairness. */
  groupCounts(columns: readonly string[]): Promise<{ values: (string | null)[]; count: number }[]>;
  /**
   * A seeded sample of at most `rows` rows of `columns` (same seed and data, same rows), as records; with `by`, the
   * rows are chosen by those columns' hash only (two tables keep the same keys).
   */
  sample(
    columns: readonly string[],
    rows: number,
    seed: number,
    by?: readonly string[],
  ): Promise<Record<string, unknown>[]>;
  /** Frees the engine's connection when the source opened it (a no-op otherwise). */
  close(): Promise<void>;
}

/** Options of `profile(source)`: those of `profile(data)` (slices excepted) plus how the engine summarizes. */
export interface SourceProfileOptions extends ProfileOptions {
  /**
   * Buckets of the quantile summary each numeric feature gets from the engine (exact count, min and max per
   * equal-width bucket; heavy buckets are split again). Default 2048.
   */
  summaryBuckets?: number;
  /**
   * Target rank error of that summary: buckets whose error exceeds it are refined (up to 3 rounds), and the
   * reached bound is reported (docs/scale.md). Default 0.001.
   */
  summaryRankError?: number;
}

/** One column of a {@link Source}. */
export interface SourceColumn {
  name: string;
  /** The engine's type name, e.g. "BIGINT", "Nullable(Float64)". */
  type: string;
  /** The kind driftlab profiles it as; undefined when the type is not profiled (lists, maps, blobs). */
  kind: FeatureKind | undefined;
}

/** True for a {@link Source}. */
export function isSource(value: unknown): value is Source {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as { driftlabSource?: unknown }).driftlabSource === true
  );
}

/** A saved, mergeable profile: the report's numbers plus the sketches they come from. */
export interface ProfileStateJSON {
  format: "driftlab-profile-state";
  version: 1;
  source: string;
  numRows: number;
  settings: StateSettings;
  features: { name: string; state: FeatureStateJSON }[];
}

/** A profile describes, it does not judge: `warn` only when a feature has no value at all, else `ok`. */
export function profileVerdict(features: readonly FeatureProfile[]): Verdict {
  const empty = features.filter((f) => f.count > 0 && f.missing === f.count).map((f) => f.name);
  if (empty.length > 0) return { status: "warn", reasons: [`every value is missing in ${empty.join(", ")}`] };
  return { status: "ok", reasons: [] };
}

/**
 * Dataset statistics per feature (what TFDV and Facets Overview report and more), built from mergeable
 * sketches. Exact where the data fits (`exactQuantileLimit`, `exactCategoryLimit`), bounded beyond; every
 * statistic says which. `Profile.merge` of partition profiles equals the profile of the whole in every exact field.
 */
export class Profile extends Report<ProfileJSON> {
  readonly source: string;
  readonly numRows: number;
  readonly settings: StateSettings;
  readonly features: readonly FeatureProfile[];
  readonly slices: readonly SliceProfileJSON[];
  readonly #states: Map<string, FeatureState>;
  readonly #title: string;
  readonly #omittedSlices: number;

  /** @internal Use {@link profile} or {@link Profile.merge}. */
  constructor(init: {
    source: string;
    numRows: number;
    settings: StateSettings;
    states: Map<string, FeatureState>;
    slices?: SliceProfileJSON[];
    title?: string;
    omittedSlices?: number;
    warnings?: readonly string[];
  }) {
    super();
    this.source = init.source;
    this.numRows = init.numRows;
    this.settings = init.settings;
    this.#states = init.states;
    this.features = [...init.states].map(([name, state]) => featureProfileOf(name, state, init.settings));
    this.slices = init.slices ?? [];
    this.#title = init.title ?? `Profile of ${init.source}`;
    this.#omittedSlices = init.omittedSlices ?? 0;
    this.warnings = init.warnings ?? [];
  }

  /** The input's warnings (renamed duplicate or empty column names, ...), also in the report JSON. */
  readonly warnings: readonly string[];

  /** The statistics of one feature; throws MISSING_COLUMN naming the features that exist. */
  feature(name: string): FeatureProfile {
    const found = this.features.find((f) => f.name === name);
    if (found === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `Profile of ${this.source} has no feature "${name}". Features are: ${this.features.map((f) => `"${f.name}"`).join(", ")}.`,
        { subject: name },
      );
    }
    return found;
  }

  /** @internal Every feature's mergeable state, in feature order. */
  states(): Map<string, FeatureState> {
    return new Map(this.#states);
  }

  /** @internal The mergeable state of a feature (used by drift and schema on profiles). */
  stateOf(name: string): FeatureState | undefined {
    return this.#states.get(name);
  }

  toJSON(): ProfileJSON {
    const cut = { values: 0 };
    const json: ProfileJSON = {
      ...envelope("profile", this.#title, profileVerdict(this.features)),
      source: this.source,
      numRows: this.numRows,
      settings: this.settings,
      features: this.features.map((f) => reportedFeature(f, cut)),
    };
    if (this.slices.length > 0) {
      json.slices = this.slices.map((s) => ({
        ...s,
        features: s.features.map((f) => reportedFeature(f, cut)),
      }));
    }
    const notes: string[] = [];
    if (this.#omittedSlices > 0) {
      notes.push(`${this.#omittedSlices} slice(s) with fewer than the minimum slice size rows left out`);
    }
    if (cut.values > 0) {
      notes.push(
        `${cut.values} value(s) longer than ${MAX_VALUE_LENGTH} characters cut to their first ${MAX_VALUE_LENGTH} (full length in "length")`,
      );
    }
    if (notes.length > 0) json.omitted = { notes };
    if (this.warnings.length > 0) json.warnings = [...this.warnings];
    return json;
  }

  /** The profile with its sketches, to save and merge later ({@link Profile.fromState}). */
  toState(): ProfileStateJSON {
    return {
      format: "driftlab-profile-state",
      version: 1,
      source: this.source,
      numRows: this.numRows,
      settings: this.settings,
      features: [...this.#states].map(([name, state]) => ({ name, state: stateToJSON(state) })),
    };
  }

  /** Restores a profile saved with {@link Profile.toState}. */
  static fromState(json: ProfileStateJSON): Profile {
    if (json === null || typeof json !== "object" || json.format !== "driftlab-profile-state") {
      throw new DriftlabError(
        "INVALID_SKETCH",
        'Not a saved driftlab profile (expected format "driftlab-profile-state"). Save one with profile.toState().',
      );
    }
    if (json.version !== 1) {
      throw new DriftlabError(
        "INVALID_SKETCH",
        `Saved profile has version ${String(json.version)}; this driftlab reads version 1. Upgrade driftlab.`,
      );
    }
    const states = new Map<string, FeatureState>();
    for (const f of json.features) states.set(f.name, stateFromJSON(f.name, f.state));
    return new Profile({ source: json.source, numRows: json.numRows, settings: json.settings, states });
  }

  /**
   * Merges profiles of partitions of one dataset (days, files, shards) into the profile of the whole. Counts,
   * missing, zeros, NaN/Infinity, min, max, sums and exact category counts merge exactly; mean and variance merge
   * with Chan et al.'s formulas (exact up to floating point); quantiles and histograms come from the merged KLL
   * sketches and are marked `sketch` with their rank-error bound. Features missing from a partition count as missing
   * values there.
   */
  static merge(...profiles: Profile[]): Profile {
    if (profiles.length === 0) {
      throw new DriftlabError("EMPTY_TABLE", "Profile.merge needs at least one profile.");
    }
    const settings = profiles[0].settings;
    for (const p of profiles) {
      if (JSON.stringify(p.settings) !== JSON.stringify(settings)) {
        throw new DriftlabError(
          "INCOMPATIBLE_MERGE",
          `Profiles of ${profiles[0].source} and ${p.source} were made with different settings; profile every partition with the same options.`,
        );
      }
    }
    const names: string[] = [];
    for (const p of profiles)
      for (const name of p.#states.keys()) if (!names.includes(name)) names.push(name);
    const states = new Map<string, FeatureState>();
    for (const name of names) {
      const parts: FeatureState[] = [];
      let absentRows = 0;
      for (const p of profiles) {
        const s = p.#states.get(name);
        if (s === undefined) absentRows += p.numRows;
        else parts.push(s);
      }
      const merged = mergeStates(name, parts, settings);
      if (absentRows > 0) {
        merged.count += absentRows;
        merged.missing += absentRows;
      }
      states.set(name, merged);
    }
    const sources = [...new Set(profiles.map((p) => p.source))];
    return new Profile({
      source: sources.length === 1 ? sources[0] : sources.join(" + "),
      numRows: profiles.reduce((t, p) => t + p.numRows, 0),
      settings,
      states,
    });
  }
}

/** A feature as the report JSON carries it: long top values cut, their length kept (counted in `cut`). */
function reportedFeature(feature: FeatureProfile, cut: { values: number }): FeatureProfile {
  const categorical = feature.categorical;
  if (categorical === undefined) return { ...feature };
  const rank = shortValueCounts(categorical.rankHistogram);
  const top = shortValueCounts(categorical.top);
  cut.values += Math.max(rank.cut, top.cut);
  if (rank.cut === 0 && top.cut === 0) return { ...feature };
  return { ...feature, categorical: { ...categorical, top: top.list, rankHistogram: rank.list } };
}

/** @internal Validates and completes profile settings (INVALID_OPTION naming the option). */
export function settingsOf(options: ProfileOptions): StateSettings {
  const settings = { ...DEFAULT_STATE_SETTINGS };
  for (const key of Object.keys(DEFAULT_STATE_SETTINGS) as (keyof StateSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `profile option ${key} must be a positive integer, got ${String(value)}.`,
        {
          subject: key,
        },
      );
    }
    settings[key] = value;
  }
  return settings;
}

/** Stage 3 of {@link profile}, per feature: the mergeable state of each column (one pass per column). */
function statesOf(
  dataset: Dataset,
  names: readonly string[],
  settings: StateSettings,
  eagerSketches: boolean,
  onProgress?: (fraction: number, message: string) => void,
): Map<string, FeatureState> {
  const states = new Map<string, FeatureState>();
  names.forEach((name, i) => {
    onProgress?.(i / names.length, `profiling ${name}`);
    states.set(name, stateOfColumn(dataset.column(name), settings, eagerSketches));
  });
  onProgress?.(1, "done");
  return states;
}

/**
 * Profiles a dataset: per feature count and missing values, and by kind
 * - numeric: mean, std, min, median, max, quantiles, zeros, NaN and ±Infinity counts, skewness, kurtosis,
 *   equal-width (STANDARD) and equal-frequency (QUANTILES) histograms;
 * - categorical and text: unique count, top values, rank histogram, value lengths;
 * - boolean: true/false counts; datetime: range, granularity, histogram over time.
 *
 * Cost: one pass per column plus a selection for exact quantiles (O(n) expected).
 *
 * Given a stream of record batches (an async iterable: `readBatches(path)`, `recordBatches(records)`, an Arrow
 * `RecordBatchReader`, any async generator of tables or records), it returns a promise: each batch is profiled with
 * eager sketches and merged into the running profile ({@link Profile.merge}), so memory is bounded by one batch
 * plus the sketches, not by the rows. Exact fields (counts, missing, min, max, sums, exact category counts) equal
 * the whole data's; quantiles and histograms then come from the merged KLL sketch (marked `sketch`, with the bound).
 * Slices are not computed over streams (INVALID_OPTION).
 *
 * Given a {@link Source} (`duckdb("big/*.parquet")`, `sql(db, "SELECT …")`, `clickhouse({ … })`), the profile is
 * computed by SQL in the engine and only aggregates come back (docs/scale.md): a promise of the same Profile.
 *
 * @example profile(await read("train.parquet"), { slices: ["region"] })
 * @example await profile(readBatches("big.parquet"))
 */
export function profile(data: Source, options?: SourceProfileOptions): Promise<Profile>;
export function profile(data: AsyncIterable<BatchInput>, options?: ProfileOptions): Promise<Profile>;
export function profile(data: DataInput, options?: ProfileOptions): Profile;
export function profile(
  data: DataInput | AsyncIterable<BatchInput> | Source,
  options: ProfileOptions = {},
): Profile | Promise<Profile> {
  if (isSource(data)) return data.profile(options);
  if (isAsyncIterable(data)) return profileBatches(data, options);
  const resolved = resolveProfileOptions(options);
  const { dataset, names } = prepareProfile(data, options);
  const states = statesOf(dataset, names, resolved.settings, resolved.eager, options.onProgress);
  return assembleProfile(dataset, names, states, resolved, options);
}

/**
 * {@link profile} of data in memory with the numeric and datetime columns' kernels on `workers` worker threads
 * (default: the machine's available parallelism; see src/stats/parallel.ts). The same report as `profile`; worth it
 * for millions of values (below 2^21 numeric values in all it runs on the calling thread).
 * @internal Used by the CLI.
 */
export async function profileWithWorkers(
  data: DataInput,
  options: ProfileOptions & { workers?: number | ProfileWorkers } = {},
): Promise<Profile> {
  const resolved = resolveProfileOptions(options);
  const { dataset, names } = prepareProfile(data, options);
  options.onProgress?.(0, "profiling");
  const list = await statesInWorkers(
    names.map((name) => dataset.column(name)),
    resolved.settings,
    resolved.eager,
    typeof options.workers === "object" ? options.workers : profileWorkerCount(options.workers),
  );
  options.onProgress?.(1, "done");
  const states = new Map(names.map((name, i) => [name, list[i]] as const));
  return assembleProfile(dataset, names, states, resolved, options);
}

/** Stage 4 of {@link profile}: slices (if asked for) and the report. */
function assembleProfile(
  dataset: Dataset,
  names: readonly string[],
  states: Map<string, FeatureState>,
  resolved: { settings: StateSettings; eager: boolean; minSize: number },
  options: ProfileOptions,
): Profile {
  const { slices, omittedSlices } = sliceProfiles(dataset, names, resolved, options.slices ?? []);
  return new Profile({
    source: dataset.source,
    numRows: dataset.numRows,
    settings: resolved.settings,
    states,
    slices,
    title: options.title,
    omittedSlices,
    warnings: dataset.warnings,
  });
}

/** One batch of a stream given to {@link profile}: anything `toDataset` takes, or an Arrow record batch. */
export type BatchInput = DataInput | ArrowRecordBatchLike;

/** An Arrow `RecordBatch` (duck-typed): what an Arrow `RecordBatchReader` yields. */
export interface ArrowRecordBatchLike {
  schema: unknown;
  numRows: number;
  data: unknown;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<BatchInput> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}

function isRecordBatch(value: unknown): value is ArrowRecordBatchLike {
  return (
    value !== null &&
    typeof value === "object" &&
    value.constructor?.name === "RecordBatch" &&
    "schema" in value &&
    "data" in value
  );
}

async function batchDataset(batch: BatchInput): Promise<DataInput> {
  if (!isRecordBatch(batch)) return batch;
  const { Table } = await import("apache-arrow");
  return new Table(batch as never) as unknown as DataInput;
}

/** {@link profile} over a stream: profile each batch (eager sketches), merge into the running profile. */
async function profileBatches(batches: AsyncIterable<BatchInput>, options: ProfileOptions): Promise<Profile> {
  if (options.slices !== undefined && options.slices.length > 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      "profile over a stream of batches does not compute slices. Profile each slice's stream, or read() the data whole.",
      { subject: "slices" },
    );
  }
  const batchOptions: ProfileOptions = {
    ...options,
    sketches: "eager",
    onProgress: undefined,
    title: undefined,
  };
  let kinds = options.kinds;
  let merged: Profile | undefined;
  let rows = 0;
  let batchCount = 0;
  for await (const batch of batches) {
    const input = await batchDataset(batch);
    const dataset = toDataset(input, { kinds });
    if (dataset.numRows === 0 && merged !== undefined) continue;
    // Later batches get the first batch's kinds, so every batch's states merge.
    kinds ??= Object.fromEntries(dataset.columns.map((c) => [c.name, c.kind]));
    const part = profile(dataset, { ...batchOptions, kinds: undefined });
    merged = merged === undefined ? part : Profile.merge(merged, part);
    rows += dataset.numRows;
    batchCount++;
    options.onProgress?.(0, `profiled ${batchCount} batch(es), ${rows} rows`);
  }
  if (merged === undefined) throw new DriftlabError("EMPTY_TABLE", "profile got a stream without any batch.");
  options.onProgress?.(1, "done");
  return new Profile({
    source: merged.source,
    numRows: merged.numRows,
    settings: merged.settings,
    states: merged.states(),
    title: options.title,
    warnings: merged.warnings,
  });
}

/** Stage 1 of {@link profile}: the options checked, with their defaults. Throws INVALID_OPTION. */
function resolveProfileOptions(options: ProfileOptions): {
  settings: StateSettings;
  eager: boolean;
  minSize: number;
} {
  const settings = settingsOf(options);
  const eager = options.sketches === "eager";
  if (options.sketches !== undefined && options.sketches !== "lazy" && !eager) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `profile option sketches must be "lazy" or "eager", got "${String(options.sketches)}".`,
      { subject: "sketches" },
    );
  }
  return { settings, eager, minSize: options.minSize ?? 1 };
}

/** Stage 2 of {@link profile}: the dataset and the features to profile (MISSING_COLUMN early, naming the columns). */
function prepareProfile(data: DataInput, options: ProfileOptions): { dataset: Dataset; names: string[] } {
  const dataset = toDataset(data, { kinds: options.kinds });
  if (dataset.columns.length === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${dataset.source} has no columns to profile.`);
  }
  const names = options.features ?? dataset.columnNames;
  for (const name of names) dataset.column(name);
  return { dataset, names };
}

/** Stage 3 of {@link profile}, per slice: the profile of every slice with at least `minSize` rows. */
function sliceProfiles(
  dataset: Dataset,
  names: readonly string[],
  resolved: { settings: StateSettings; eager: boolean; minSize: number },
  slicings: readonly (string | string[])[],
): { slices: SliceProfileJSON[]; omittedSlices: number } {
  const slices: SliceProfileJSON[] = [];
  let omittedSlices = 0;
  for (const slicing of slicings) {
    const sliceColumns = (Array.isArray(slicing) ? slicing : [slicing]).map((n) => dataset.column(n));
    for (const { key, rows } of sliceRows(sliceColumns)) {
      if (rows.length < resolved.minSize) {
        omittedSlices++;
        continue;
      }
      const sliceStates = statesOf(dataset.take(rows), names, resolved.settings, resolved.eager);
      slices.push({
        key,
        numRows: rows.length,
        features: [...sliceStates].map(([name, state]) => featureProfileOf(name, state, resolved.settings)),
      });
    }
  }
  return { slices, omittedSlices };
}

export type { Column };
