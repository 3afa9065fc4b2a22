import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  type KappaWeights,
  type Rating,
} from "../measures/agreement.js";

/** An item the annotators did not all agree on. */
export interface Disagreement {
  /** Position of the item in the input. */
  item: number;
  /** The ratings given (null = none). */
  ratings: (Rating | null)[];
  /** The item's share of the disagreement (Cohen: 1 per item; Fleiss: 1 − P_i; Krippendorff: its part of D_o). */
  disagreement: number;
}

/** Agreement between annotators with the items they disagreed on, most disagreed first. */
export interface AgreementResult {
  method: "cohen" | "fleiss" | "krippendorff";
  value: number;
  items: number;
  disagreements: Disagreement[];
}

/**
 * Cohen's kappa between two annotators (`cohen_kappa_score`), with the items they labeled differently.
 *
 * @param weights "none" (default), "linear" or "quadratic".
 */
export function cohen(
  a: readonly Rating[],
  b: readonly Rating[],
  weights: KappaWeights = "none",
): AgreementResult {
  const value = cohenKappa(a, b, weights);
  const disagreements = a.flatMap((v, i) =>
    v === b[i] ? [] : [{ item: i, ratings: [v, b[i]], disagreement: 1 }],
  );
  return { method: "cohen", value, items: a.length, disagreements };
}

/**
 * Fleiss' kappa of many annotators: `ratings[i]` = the labels item i got (every item rated by the same number of
 * annotators), with the items whose agreement P_i was below 1.
 */
export function fleiss(ratings: readonly (readonly Rating[])[]): AgreementResult {
  const categories = [...new Set(ratings.flat())].sort((x, y) => (String(x) < String(y) ? -1 : 1));
  const table = ratings.map((item) => categories.map((c) => item.filter((r) => r === c).length));
  const result = fleissKappa(table);
  const disagreements = result.itemAgreement
    .map((p, i) => ({ item: i, ratings: [...ratings[i]], disagreement: 1 - p }))
    .filter((d) => d.disagreement > 1e-12)
    .sort((x, y) => y.disagreement - x.disagreement || x.item - y.item);
  return { method: "fleiss", value: result.kappa, items: ratings.length, disagreements };
}

/**
 * Krippendorff's alpha: `ratings[i]` = the labels item i got from each annotator, null where one gave none;
 * "nominal" for categories, "interval" for numbers. Items with one rating are left out.
 */
export function krippendorff(
  ratings: readonly (readonly (Rating | null)[])[],
  level: "nominal" | "interval" = "nominal",
): AgreementResult {
  const result = krippendorffAlpha(ratings, level);
  const disagreements = result.unitDisagreement
    .map((d, i) => ({ item: i, ratings: [...ratings[i]], disagreement: d ?? 0 }))
    .filter((d) => d.disagreement > 1e-12)
    .sort((x, y) => y.disagreement - x.disagreement || x.item - y.item);
  return { method: "krippendorff", value: result.alpha, items: ratings.length, disagreements };
}
