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
import { registerSourceAnalyses } from "../stats/source.js";

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

function notYet(analysis: string): DriftlabError {
  return new DriftlabError(
    "UNSUPPORTED_INPUT",
    `${analysis} over a source is not available in this version. Run it on a sample: ${analysis}(await read(…)) or on rows you select with sql().`,
  );
}

registerSourceAnalyses({
  drift: (reference, current, options) =>
    driftSources(reference as DriftInput | Source, current as DriftInput | Source, options as DriftOptions),
  validate: (data, schema, options) =>
    validateSources(data as ValidationInput | Source, schema as Schema, options as ValidateOptions),
  skew: () => Promise.reject(notYet("skew")),
  fairness: () => Promise.reject(notYet("fairness")),
});
