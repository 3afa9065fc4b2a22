import { DriftlabError } from "../errors.js";

export { isSource, type Source, type SourceColumn, type SourceProfileOptions } from "./profile.js";

/**
 * Options of the analyses over sources that need rows. skew runs on a seeded sample of at most `sampleRows` rows per
 * side (default 200,000); fairness rebuilds the rows of the columns it uses from GROUP BY counts when the source has
 * at most `sampleRows` rows (default 5,000,000: exact), and uses a seeded sample of that many rows beyond. The
 * reports say which.
 */
export interface SourceSampleOptions {
  sampleRows?: number;
  /** Seed of the samples. Default 0. */
  sampleSeed?: number;
}

/**
 * The analyses over sources (src/sources/analyses.ts registers them when driftlab is imported). The analysis files
 * dispatch to them when given a source, so that they stay below src/sources/ in the layers.
 */
export interface SourceAnalyses {
  drift(reference: unknown, current: unknown, options: unknown): Promise<unknown>;
  skew(training: unknown, serving: unknown, options: unknown): Promise<unknown>;
  validate(data: unknown, schema: unknown, options: unknown): Promise<unknown>;
  fairness(data: unknown, options: unknown): Promise<unknown>;
}

let registered: SourceAnalyses | undefined;

/** @internal Called once by src/sources/analyses.ts. */
export function registerSourceAnalyses(analyses: SourceAnalyses): void {
  registered = analyses;
}

/** @internal The registered analyses over sources (UNSUPPORTED_INPUT if src/sources was not loaded). */
export function sourceAnalyses(): SourceAnalyses {
  if (registered === undefined) {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      'Analyses over sources are not loaded. Import driftlab from its package entry ("driftlab"), which loads them.',
    );
  }
  return registered;
}
