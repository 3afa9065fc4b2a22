/**
 * Simpson's paradox: a disparity between two groups whose direction flips once the rows are split by other columns
 * (the strata). Found by comparing a grouping with every grouping that refines it (sex vs. dept × sex).
 */

import { formatPercent } from "../report/html.js";
import { groupLabel } from "./groups.js";
import type { Confusion } from "./metrics.js";
import type { RateDefinition } from "./metrics.js";
import type { RowSetStats } from "./evaluate.js";
import { compareRates } from "./tests.js";
import type { ReversalJSON } from "../format/fairness.js";

/** The part of a computed grouping the search needs. */
export interface GroupingForReversals {
  name: string;
  columns: string[];
  keys: (string | null)[][];
  labels: string[];
  stats: RowSetStats[];
  judged: boolean[];
}

/** Groupings with more judged groups than this are not searched pairwise. */
const MAX_GROUPS_FOR_PAIRS = 12;

function addConfusion(into: Confusion, c: Confusion): void {
  into.truePositives += c.truePositives;
  into.falsePositives += c.falsePositives;
  into.trueNegatives += c.trueNegatives;
  into.falseNegatives += c.falseNegatives;
}

function rate(definition: RateDefinition, c: Confusion | undefined): number | null {
  if (c === undefined) return null;
  const d = definition.denominator(c);
  return d === 0 ? null : definition.numerator(c) / d;
}

/**
 * For every grouping G and every grouping H whose columns strictly contain G's, the strata are the values of H's
 * extra columns. For each rate and each pair of judged groups (a, b) of G whose overall ("crude") rates differ
 * significantly at `alpha` (two-sided z-test, or Fisher's exact test for small counts; not corrected),
 * oriented so that a has the lower crude rate, it compares a and b within each stratum and after direct
 * standardization (each stratum weighted by its total denominator count, e.g. its applicants). A pair is reported when
 * a's rate is above b's in more strata than below, or when a's standardized rate is above b's: the crude direction
 * does not hold within the strata. O(pairs · strata · rates).
 */
export function findReversals(
  groupings: readonly GroupingForReversals[],
  rates: readonly RateDefinition[],
  alpha: number,
): ReversalJSON[] {
  const found: ReversalJSON[] = [];
  for (const coarse of groupings) {
    const judgedGroups = coarse.judged.map((j, g) => (j ? g : -1)).filter((g) => g >= 0);
    if (judgedGroups.length < 2 || judgedGroups.length > MAX_GROUPS_FOR_PAIRS) continue;
    for (const fine of groupings) {
      if (fine === coarse || fine.columns.length <= coarse.columns.length) continue;
      if (!coarse.columns.every((c) => fine.columns.includes(c))) continue;
      const positions = coarse.columns.map((c) => fine.columns.indexOf(c));
      const strataColumns = fine.columns.filter((c) => !coarse.columns.includes(c));
      const strataPositions = strataColumns.map((c) => fine.columns.indexOf(c));
      const coarseIndex = new Map(coarse.keys.map((key, g) => [JSON.stringify(key), g]));
      const cells = new Map<number, Map<string, RowSetStats>>();
      const strataTotals = new Map<string, Confusion>();
      fine.keys.forEach((key, h) => {
        const g = coarseIndex.get(JSON.stringify(positions.map((p) => key[p])));
        if (g === undefined) return;
        const stratum = groupLabel(
          strataColumns,
          strataPositions.map((p) => key[p]),
        );
        let byStratum = cells.get(g);
        if (byStratum === undefined) cells.set(g, (byStratum = new Map()));
        byStratum.set(stratum, fine.stats[h]);
        let total = strataTotals.get(stratum);
        if (total === undefined) {
          total = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
          strataTotals.set(stratum, total);
        }
        if (fine.stats[h].confusion !== undefined) addConfusion(total, fine.stats[h].confusion!);
      });
      for (const definition of rates) {
        for (let i = 0; i < judgedGroups.length; i++) {
          for (let j = i + 1; j < judgedGroups.length; j++) {
            const reversal = comparePair(
              coarse,
              definition,
              judgedGroups[i],
              judgedGroups[j],
              cells,
              strataTotals,
              strataColumns,
              alpha,
            );
            if (reversal !== undefined) found.push(reversal);
          }
        }
      }
    }
  }
  return found;
}

function comparePair(
  coarse: GroupingForReversals,
  definition: RateDefinition,
  g1: number,
  g2: number,
  cells: Map<number, Map<string, RowSetStats>>,
  strataTotals: Map<string, Confusion>,
  strataColumns: string[],
  alpha: number,
): ReversalJSON | undefined {
  const c1 = coarse.stats[g1].confusion;
  const c2 = coarse.stats[g2].confusion;
  const r1 = rate(definition, c1);
  const r2 = rate(definition, c2);
  if (r1 === null || r2 === null || r1 === r2) return undefined;
  // Only a real overall gap can be said to reverse: its two-sided test (z, or Fisher for small counts) at alpha.
  const crudeTest = compareRates(
    definition.numerator(c1!),
    definition.denominator(c1!),
    definition.numerator(c2!),
    definition.denominator(c2!),
  );
  if (crudeTest.pValue > alpha) return undefined;
  const [first, second] = r1 < r2 ? [g1, g2] : [g2, g1];
  const firstCells = cells.get(first) ?? new Map<string, RowSetStats>();
  const secondCells = cells.get(second) ?? new Map<string, RowSetStats>();
  const strata: ReversalJSON["strata"] = [];
  let strataReversed = 0;
  let strataAgreeing = 0;
  let weightSum = 0;
  let firstWeighted = 0;
  let secondWeighted = 0;
  for (const [stratum, total] of strataTotals) {
    const a = firstCells.get(stratum);
    const b = secondCells.get(stratum);
    if (a === undefined && b === undefined) continue;
    const ra = rate(definition, a?.confusion);
    const rb = rate(definition, b?.confusion);
    strata.push({ stratum, first: ra, second: rb, firstN: a?.n ?? 0, secondN: b?.n ?? 0 });
    if (ra === null || rb === null) continue;
    if (ra > rb) strataReversed++;
    else if (ra < rb) strataAgreeing++;
    const weight = definition.denominator(total);
    weightSum += weight;
    firstWeighted += weight * ra;
    secondWeighted += weight * rb;
  }
  if (strataReversed + strataAgreeing < 2 || weightSum === 0) return undefined;
  const standardizedFirst = firstWeighted / weightSum;
  const standardizedSecond = secondWeighted / weightSum;
  if (!(strataReversed > strataAgreeing || standardizedFirst > standardizedSecond)) return undefined;
  const crudeFirst = rate(definition, coarse.stats[first].confusion)!;
  const crudeSecond = rate(definition, coarse.stats[second].confusion)!;
  return {
    grouping: coarse.name,
    stratifiedBy: strataColumns,
    metric: definition.name,
    groups: [coarse.labels[first], coarse.labels[second]],
    crude: {
      first: crudeFirst,
      second: crudeSecond,
      difference: crudeFirst - crudeSecond,
      pValue: crudeTest.pValue,
    },
    standardized: {
      first: standardizedFirst,
      second: standardizedSecond,
      difference: standardizedFirst - standardizedSecond,
    },
    strata,
    strataReversed,
    strataAgreeing,
  };
}

/** One sentence per reversal, for the report's notes. */
export function reversalNote(r: ReversalJSON, metricLabel: string): string {
  const [a, b] = r.groups;
  const by = r.stratifiedBy.join(" × ");
  const comparable = r.strataReversed + r.strataAgreeing;
  const examples = r.strata
    .filter((s) => s.first !== null && s.second !== null && s.first > s.second)
    .sort((x, y) => y.first! - y.second! - (x.first! - x.second!))
    .slice(0, 3)
    .map((s) => `${s.stratum}: ${formatPercent(s.first)} vs ${formatPercent(s.second)}`)
    .join("; ");
  return (
    `Simpson's paradox in ${metricLabel} by ${r.grouping}: overall ${a} (${formatPercent(r.crude.first)}) is below ` +
    `${b} (${formatPercent(r.crude.second)}), but within ${by} ${a} is above ${b} in ${r.strataReversed} of ` +
    `${comparable} strata (${examples}); standardized to the ${by} mix: ${a} ${formatPercent(r.standardized.first)}` +
    ` vs ${b} ${formatPercent(r.standardized.second)}. The overall gap reflects how the groups are distributed across ` +
    `${by}, not (only) a gap within them.`
  );
}
