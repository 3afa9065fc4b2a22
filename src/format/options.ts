/**
 * The one option vocabulary of every analysis (docs/api.md). An analysis's options interface extends the pieces it
 * uses, so the same word means the same thing everywhere:
 *
 * | option | meaning | default |
 * | --- | --- | --- |
 * | `features` | the columns to analyse, in this order | every column |
 * | `exclude` | columns to leave out (applied after `features`) | none |
 * | `kinds` | feature kinds to force per column, e.g. `{ zip: "categorical" }` | inferred (docs/data.md) |
 * | `alpha` | significance level of every test and 1 − confidence of every interval | 0.05 |
 * | `correction` | multiple-testing correction over the tests of one report | `"holm"` |
 * | `minSize` | the smallest unit (group, slice, window) that is judged; smaller ones are reported, not judged | per analysis |
 * | `groups` | the columns that define groups; an entry that is a list is an intersection | none |
 * | `reference` | what the analysis compares against (a dataset, a window rule, a group) | per analysis |
 * | `title` | the report's heading | per analysis |
 * | `onProgress` | called with progress in [0, 1] and a message | none |
 *
 * Types and constants only (the report format layer imports nothing).
 */
import type { FeatureKind } from "./profile.js";

/**
 * A multiple-testing correction over the p-values of one report:
 * - `none`: each test at `alpha` on its own;
 * - `bonferroni`: p × m (family-wise error, conservative);
 * - `holm`: Holm's step-down (family-wise error, uniformly more powerful than Bonferroni), the default;
 * - `bh`: Benjamini–Hochberg (false discovery rate, for many tests where some false alarms are acceptable).
 * The adjusted p-values match statsmodels' `multipletests` (methods `bonferroni`, `holm`, `fdr_bh`).
 */
export type Correction = "none" | "bonferroni" | "holm" | "bh";

/** Every correction, in the order the docs list them. */
export const CORRECTIONS: readonly Correction[] = ["none", "bonferroni", "holm", "bh"];

/**
 * The default correction of every analysis: Holm controls the family-wise error at `alpha` without assuming
 * independence between tests, and loses little power against no correction when few tests are significant.
 */
export const DEFAULT_CORRECTION: Correction = "holm";

/** The default significance level of every test (`alpha`). */
export const DEFAULT_ALPHA = 0.05;

/** Progress callback: `fraction` in [0, 1], `message` says what is being done ("feature 3 of 20: price"). */
export type ProgressCallback = (fraction: number, message: string) => void;

/** Which columns an analysis looks at. */
export interface FeatureSelection {
  /** The columns to analyse, in this order. Default: every column (minus the analysis's own, such as a label). */
  features?: string[];
  /** Columns to leave out, applied after `features`. Default: none. */
  exclude?: string[];
  /** Feature kinds to force per column, e.g. `{ zip: "categorical" }`. Default: inferred (docs/data.md). */
  kinds?: Record<string, FeatureKind>;
}

/** Tests and intervals. */
export interface SignificanceOptions {
  /** Significance level of every test, and 1 − the confidence of every interval. Default 0.05. */
  alpha?: number;
  /** Multiple-testing correction over the tests of the report. Default `"holm"` ({@link DEFAULT_CORRECTION}). */
  correction?: Correction;
}

/** The smallest unit that is judged. */
export interface MinSizeOption {
  /**
   * Groups, slices or windows with fewer rows are listed but not judged (and may be suppressed from shared
   * output). Default: per analysis, documented on its options.
   */
  minSize?: number;
}

/** Group definitions. */
export interface GroupsOption {
  /** Columns defining groups; an entry that is a list of columns is their intersection, e.g. `["sex", ["sex", "race"]]`. */
  groups?: (string | string[])[];
}

/** What every report-making call accepts. */
export interface ReportOptions {
  /** The report's heading. Default: per analysis ("Drift of serving.csv against train.csv"). */
  title?: string;
  /** Called with progress while the analysis runs (the kernel shows a bar, the CLI writes to stderr). */
  onProgress?: ProgressCallback;
}

/** All of the common vocabulary; an analysis picks the parts it uses. `reference` is typed per analysis. */
export interface AnalysisOptions
  extends FeatureSelection, SignificanceOptions, MinSizeOption, GroupsOption, ReportOptions {}
