import { DriftlabError } from "../errors.js";

export { isSource, type Source, type SourceColumn, type SourceProfileOptions } from "./profile.js";

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
