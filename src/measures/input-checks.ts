import { DriftlabError } from "../errors.js";
import { sortValues } from "./sort.js";

/** Throws EMPTY_TABLE when a sample is empty and UNSUPPORTED_INPUT when it holds NaN or ±Infinity. O(n). */
export function checkSample(sample: ArrayLike<number>, name: string, minimumSize = 1): void {
  if (sample.length < minimumSize) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${name} has ${sample.length} value(s); at least ${minimumSize} non-missing value(s) are needed. ` +
        "Drop missing values before calling, and check that the column is not empty.",
      { subject: name },
    );
  }
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i])) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `${name}[${i}] is ${sample[i]}; measures take finite numbers only. Remove NaN and ±Infinity first.`,
        { subject: name },
      );
    }
  }
}

/** Throws UNSUPPORTED_INPUT unless every entry is a finite number ≥ 0. */
export function checkCounts(counts: ArrayLike<number>, name: string): void {
  for (let i = 0; i < counts.length; i++) {
    const value = counts[i];
    if (!Number.isFinite(value) || value < 0) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `${name}[${i}] is ${value}; counts and proportions must be finite and non-negative.`,
        { subject: name },
      );
    }
  }
}

/** Throws INVALID_OPTION when two arrays that are compared entry by entry differ in length. */
export function checkSameLength(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  nameA: string,
  nameB: string,
): void {
  if (a.length !== b.length) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${nameA} has ${a.length} entries but ${nameB} has ${b.length}; align both on the same bins or categories ` +
        "(see alignedHistogram / alignedCategoryCounts).",
      { subject: nameB },
    );
  }
}

/** Sum of an array, Kahan-compensated. */
export function total(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i] - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
  }
  return sum;
}

/**
 * The sample sorted ascending as a Float64Array, for reading only: a Float64Array that is sorted already (drift
 * sorts each feature's values once and hands the same array to every test that needs order statistics) is
 * returned as it is after an O(n) check; anything else is copied and sorted (typed-array sort). O(n log n).
 */
export function sortedCopy(sample: ArrayLike<number>): Float64Array {
  if (sample instanceof Float64Array && isSorted(sample)) return sample;
  return sortValues(Float64Array.from(sample));
}

function isSorted(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1] <= values[i])) return false;
  return true;
}
