/**
 * Collecting data: what each feature tells about the label (`predictiveContent`), how well training covers
 * serving (`coverage`), and who is in the data and which features stand in for a protected attribute
 * (`representation`).
 */

import { toDataset, type DatasetInput } from "../data/index.js";
import { computeCoverage, type CoverageOptions } from "./coverage.js";
import { computePredictiveContent, type PredictiveContentOptions } from "./predictive.js";
import { CoverageReport, PredictiveContentReport, RepresentationReport } from "./report.js";
import { computeRepresentation, type RepresentationOptions } from "./representation.js";

export type { CoverageOptions, PredictiveContentOptions, RepresentationOptions };
export { CoverageReport, PredictiveContentReport, RepresentationReport };
export type * from "../format/collection.js";

/**
 * Predictive content of every feature for `options.label`: mutual information with a permutation test ("no
 * signal" is tested), a univariate AUC / correlation, and flags for constant, duplicate, non-informative and
 * leaking features. See {@link computePredictiveContent} for the method and docs/collection.md.
 *
 * @example predictiveContent(train, { label: "churned", exclude: ["customer_id"] })
 */
export function predictiveContent(
  data: DatasetInput,
  options: PredictiveContentOptions,
): PredictiveContentReport {
  const dataset = toDataset(data, { kinds: options.kinds });
  const result = computePredictiveContent(dataset, options);
  return new PredictiveContentReport(
    result,
    dataset.source,
    options.title ?? `Predictive content for "${options.label}": ${dataset.source}`,
  );
}

/**
 * How well `training` covers `serving`: per feature, jointly (serving rows with no nearby training row, an exact
 * test against chance) and by slice. See {@link computeCoverage} and docs/collection.md.
 *
 * @example coverage(train, serving, { exclude: ["id"] })
 */
export function coverage(
  training: DatasetInput,
  serving: DatasetInput,
  options: CoverageOptions = {},
): CoverageReport {
  const t = toDataset(training, { kinds: options.kinds });
  const s = toDataset(serving, { kinds: options.kinds });
  return new CoverageReport(
    computeCoverage(t, s, options),
    options.title ?? `Coverage of ${s.source} by ${t.source}`,
  );
}

/**
 * Who is in the data: each group's share with an interval against a reference population (or parity), the
 * intersections, and features that predict a protected attribute (proxies). See {@link computeRepresentation}.
 *
 * @example representation(applicants, { groups: ["gender"], reference: { gender: { female: 0.5, male: 0.5 } } })
 */
export function representation(data: DatasetInput, options: RepresentationOptions): RepresentationReport {
  const dataset = toDataset(data);
  const result = computeRepresentation(dataset, options);
  const names = [...new Set(options.groups.flat())].join(", ");
  return new RepresentationReport(
    result,
    dataset.source,
    options.title ?? `Representation of ${names}: ${dataset.source}`,
  );
}
