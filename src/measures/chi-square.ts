import { DriftlabError } from "../errors.js";
import { checkCounts, checkSameLength, total } from "./input-checks.js";
import { chiSquareSf } from "./special.js";

/** Result of the chi-square tests. */
export interface ChiSquareResult {
  /** Pearson's X² = Σ (O − E)² / E. */
  statistic: number;
  /** Upper tail of the chi-square distribution with `dof` degrees of freedom at `statistic`. */
  pValue: number;
  dof: number;
}

/**
 * Pearson's chi-square test of independence on an r×c contingency table of counts, matching
 * `scipy.stats.chi2_contingency(table, correction=True)` (scipy 1.10).
 *
 * E_ij = row_i · col_j / total; dof = (r − 1)(c − 1). When dof = 1 Yates' continuity correction moves every
 * observed count towards its expected count by min(0.5, |O − E|), as scipy does by default. When dof = 0 the result
 * is statistic 0, p-value 1 (scipy's convention).
 *
 * A row or column whose total is 0 makes some expected count 0; scipy raises, and so does this function
 * (`INVALID_OPTION`): drop empty categories first (see {@link alignedCategoryCounts}, which never produces them).
 * O(r·c).
 *
 * @param table rows of equal length, counts ≥ 0.
 */
export function chiSquareContingency(table: readonly ArrayLike<number>[]): ChiSquareResult {
  const rows = table.length;
  const columns = rows === 0 ? 0 : table[0].length;
  if (rows === 0 || columns === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      "The contingency table is empty; pass at least one row and one column.",
      {
        subject: "table",
      },
    );
  }
  const rowTotals = new Float64Array(rows);
  const columnTotals = new Float64Array(columns);
  for (let i = 0; i < rows; i++) {
    checkSameLength(table[0], table[i], "table[0]", `table[${i}]`);
    checkCounts(table[i], `table[${i}]`);
    for (let j = 0; j < columns; j++) {
      rowTotals[i] += table[i][j];
      columnTotals[j] += table[i][j];
    }
  }
  const grandTotal = total(rowTotals);
  for (let i = 0; i < rows; i++) checkPositiveMargin(rowTotals[i], `row ${i}`);
  for (let j = 0; j < columns; j++) checkPositiveMargin(columnTotals[j], `column ${j}`);
  const dof = (rows - 1) * (columns - 1);
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const expected = (rowTotals[i] * columnTotals[j]) / grandTotal;
      let observed = table[i][j];
      if (dof === 1) {
        const difference = expected - observed;
        observed += Math.sign(difference) * Math.min(0.5, Math.abs(difference));
      }
      statistic += ((observed - expected) * (observed - expected)) / expected;
    }
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

function checkPositiveMargin(value: number, name: string): void {
  if (value === 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `The contingency table's ${name} sums to 0, so an expected count is 0 and the test is undefined. ` +
        "Remove categories that occur in neither sample.",
      { subject: name },
    );
  }
}

/**
 * Pearson's chi-square goodness-of-fit test, matching `scipy.stats.chisquare(observed, expected)` (scipy 1.10):
 * X² = Σ (O_i − E_i)² / E_i, dof = k − 1.
 *
 * - `expected` defaults to the uniform distribution over the k categories with the observed total.
 * - The totals of `observed` and `expected` must agree to a relative 1e-8 (scipy 1.10 raises otherwise); Evidently
 *   rescales reference counts by n_current / n_reference to achieve that, see {@link chiSquareTwoSampleCounts}.
 * - A category with E_i = 0 and O_i > 0 gives X² = ∞ and p = 0 (as scipy). A category with E_i = O_i = 0 is dropped
 *   (term and degree of freedom); scipy would return NaN there — this is the one deliberate difference.
 *
 * O(k).
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expected?: ArrayLike<number>,
): ChiSquareResult {
  checkCounts(observed, "observed");
  const observedTotal = total(observed);
  const k = observed.length;
  if (k === 0) {
    throw new DriftlabError("EMPTY_TABLE", "No categories to test; observed is empty.", {
      subject: "observed",
    });
  }
  let expectedCounts: ArrayLike<number>;
  if (expected === undefined) {
    expectedCounts = new Float64Array(k).fill(observedTotal / k);
  } else {
    checkSameLength(observed, expected, "observed", "expected");
    checkCounts(expected, "expected");
    const expectedTotal = total(expected);
    if (Math.abs(observedTotal - expectedTotal) > 1e-8 * Math.max(observedTotal, expectedTotal)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `observed counts sum to ${observedTotal} but expected counts sum to ${expectedTotal}; ` +
          "scale expected to the observed total first.",
        { subject: "expected" },
      );
    }
    expectedCounts = expected;
  }
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i];
    const e = expectedCounts[i];
    if (e === 0 && o === 0) continue;
    categories++;
    statistic += e === 0 ? Infinity : ((o - e) * (o - e)) / e;
  }
  const dof = Math.max(categories - 1, 0);
  return { statistic, pValue: dof === 0 ? (statistic === 0 ? 1 : NaN) : chiSquareSf(statistic, dof), dof };
}

/**
 * Evidently's two-sample chi-square (`chisquare` stattest): goodness of fit of the current counts against the
 * reference counts rescaled to the current total, `scipy.stats.chisquare(current, reference · n_cur / n_ref)`, on
 * counts aligned over the union of categories. A category seen only in the current sample gives X² = ∞, p = 0.
 * O(k).
 */
export function chiSquareTwoSampleCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): ChiSquareResult {
  checkSameLength(referenceCounts, currentCounts, "referenceCounts", "currentCounts");
  checkCounts(referenceCounts, "referenceCounts");
  const referenceTotal = total(referenceCounts);
  const currentTotal = total(currentCounts);
  if (referenceTotal === 0 || currentTotal === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      "One of the samples has no counts; both need at least one value.",
      {
        subject: referenceTotal === 0 ? "referenceCounts" : "currentCounts",
      },
    );
  }
  const expected = new Float64Array(referenceCounts.length);
  for (let i = 0; i < expected.length; i++)
    expected[i] = (referenceCounts[i] * currentTotal) / referenceTotal;
  return chiSquareGoodnessOfFit(currentCounts, expected);
}
