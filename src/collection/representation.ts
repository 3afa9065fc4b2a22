/**
 * Representation: each group's and intersection's share of the data with a confidence interval, against a
 * reference population or against parity; and proxies: features that predict a protected attribute, so that the
 * attribute reaches a model even when the column itself is dropped (harm by disadvantage).
 */

import type {
  GroupShare,
  GroupingShares,
  ProxyScore,
  RepresentationResult,
  RepresentationStatus,
} from "../format/collection.js";
import {
  DEFAULT_ALPHA,
  DEFAULT_CORRECTION,
  type MinSizeOption,
  type ReportOptions,
  type SignificanceOptions,
} from "../format/options.js";
import type { Dataset } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { codeColumn, groupLabel, groupRows } from "../fairness/groups.js";
import { mutualInformationTest } from "../measures/mutual-information.js";
import { wilsonInterval } from "../measures/index.js";
import { separation } from "./association.js";
import { adjustPValues } from "../measures/multiple-testing.js";
import { codeFeature } from "./encode.js";
import { codeTarget } from "./label.js";

/** Options of {@link representation}. */
export interface RepresentationOptions extends SignificanceOptions, MinSizeOption, ReportOptions {
  /**
   * The protected attributes. Each entry is a grouping: a column, or a list of columns for their intersection
   * (`["sex", "race", ["sex", "race"]]`). Required.
   */
  groups: (string | string[])[];
  /**
   * Shares in a reference population (e.g. census), per column and value: `{ sex: { F: 0.51, M: 0.49 } }`.
   * Intersections are compared with the product of their columns' reference shares (attributes independent in the
   * population) unless given under the intersection's label (`{ "sex × race": { "sex=F, race=B": 0.07 } }`).
   * Default: none (single columns against parity, intersections against the product of the observed shares).
   */
  reference?: Record<string, Record<string, number>>;
  /** When `groups` lists several single columns and no list, also their intersection. Default true. */
  intersections?: boolean;
  /** Features checked as proxies. Default: every column that is not a group column. */
  features?: string[];
  /** Features to leave out of the proxy check. Default none. */
  exclude?: string[];
  /** The band of share / expected share inside which a group counts as represented. Default [0.8, 1.25]. */
  band?: [number, number];
  /** A feature whose ROC AUC for the attribute reaches this (and is significant) is a proxy. Default 0.7. */
  proxyAuc?: number;
  /** Quantile bins for numeric features and numeric group columns. Default 10 (features), 4 (groups). */
  bins?: number;
  /** Permutations of each proxy test. Default 199. */
  permutations?: number;
  /** Seed. Default 0. */
  seed?: number;
}

function checkReference(reference: Record<string, Record<string, number>> | undefined): void {
  if (reference === undefined) return;
  for (const [column, shares] of Object.entries(reference)) {
    let total = 0;
    for (const [value, share] of Object.entries(shares)) {
      if (!(share >= 0 && share <= 1)) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `reference share of ${column}=${value} is ${share}; shares must lie in [0, 1].`,
          { subject: "reference" },
        );
      }
      total += share;
    }
    if (total > 1 + 1e-6) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `reference shares of "${column}" add up to ${total.toFixed(4)}; they must not exceed 1.`,
        { subject: "reference" },
      );
    }
  }
}

function statusOf(ratio: number | null, significant: boolean, band: [number, number]): RepresentationStatus {
  if (ratio === null || !significant) return "represented";
  if (ratio < band[0]) return "under-represented";
  if (ratio > band[1]) return "over-represented";
  return "represented";
}

function proxyStrength(auc: number | null, significant: boolean): ProxyScore["strength"] {
  if (!significant || auc === null) return "none";
  if (auc >= 0.8) return "strong";
  if (auc >= 0.7) return "moderate";
  return "weak";
}

/**
 * Shares of each group (one column, and the intersection of all group columns) with Wilson intervals, compared
 * with the reference population's shares when given, else with parity (1 / number of groups) for single columns
 * and with the product of the columns' shares for intersections (so an intersection rarer than its parts predict
 * stands out). A group is under- or over-represented when share / expected lies outside `band` and the expected
 * share lies outside the interval; groups smaller than `minSize` are marked too small.
 *
 * Proxies: for every other feature and every group column, the mutual information with the attribute (permutation
 * test, corrected across all pairs) and the ROC AUC with which the feature alone predicts the attribute (macro
 * one-vs-rest; categories out-of-fold). A significant feature with AUC ≥ `proxyAuc` is a proxy.
 * O(rows · (groups + features · permutations)).
 */
export function computeRepresentation(
  dataset: Dataset,
  options: RepresentationOptions,
): RepresentationResult {
  const entries = options.groups;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      'representation needs the protected attributes: { groups: ["sex"] }.',
      {
        subject: "groups",
      },
    );
  }
  if (dataset.numRows === 0) {
    throw new DriftlabError("EMPTY_TABLE", `${dataset.source} has no rows; representation needs data.`);
  }
  // The attributes: every column named in `groups`, once, in order.
  const groupColumns = [...new Set(entries.flat())];
  for (const g of groupColumns) dataset.column(g);
  checkReference(options.reference);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) {
    throw new DriftlabError("INVALID_OPTION", `alpha = ${alpha}; it must lie in (0, 1).`, {
      subject: "alpha",
    });
  }
  const band = options.band ?? [0.8, 1.25];
  const minSize = options.minSize ?? 30;
  const proxyAuc = options.proxyAuc ?? 0.7;
  const correction = options.correction ?? DEFAULT_CORRECTION;
  const seed = options.seed ?? 0;
  const n = dataset.numRows;

  const codings = new Map(groupColumns.map((g) => [g, codeColumn(dataset, g, undefined, 4)]));
  const observedShare = new Map<string, Map<string | null, number>>();
  for (const [column, coding] of codings) {
    const rows = groupRows([coding], n);
    const shares = new Map<string | null, number>();
    rows.keys.forEach((key, k) => shares.set(key[0], rows.sizes[k] / n));
    observedShare.set(column, shares);
  }
  // Each entry is a grouping; with several single columns and no list entry, the intersection of all is added.
  const groupingColumns: string[][] = entries.map((e) => (typeof e === "string" ? [e] : [...e]));
  if (
    options.intersections !== false &&
    groupColumns.length > 1 &&
    entries.every((e) => typeof e === "string")
  ) {
    groupingColumns.push([...groupColumns]);
  }
  const groupings: GroupingShares[] = groupingColumns.map((columns) => {
    const name = columns.join(" × ");
    const rows = groupRows(
      columns.map((c) => codings.get(c)!),
      n,
    );
    const given = options.reference?.[name];
    const present = rows.keys.filter((key) => key.every((v) => v !== null)).length;
    const expectedOf = (
      key: (string | null)[],
    ): { expected: number | null; from: GroupShare["expectedFrom"] } => {
      if (key.some((v) => v === null)) return { expected: null, from: null };
      if (given !== undefined) return { expected: given[groupLabel(columns, key)] ?? 0, from: "reference" };
      if (columns.length === 1) return { expected: 1 / present, from: "parity" };
      if (columns.every((c) => options.reference?.[c] !== undefined)) {
        const product = key.reduce((p, v, j) => p * (options.reference![columns[j]][v!] ?? 0), 1);
        return { expected: product, from: "reference product" };
      }
      const product = key.reduce((p, v, j) => p * (observedShare.get(columns[j])!.get(v) ?? 0), 1);
      return { expected: product, from: "observed product" };
    };
    return {
      name,
      columns,
      groups: rows.keys.map((key, k): GroupShare => {
        const count = rows.sizes[k];
        const share = count / n;
        const interval = wilsonInterval(count, n, alpha);
        const { expected, from } = expectedOf(key);
        const ratio = expected === null || expected === 0 ? null : share / expected;
        const significant = expected !== null && (expected < interval.lower || expected > interval.upper);
        return {
          group: groupLabel(columns, key),
          count,
          share,
          interval,
          expected,
          expectedFrom: expected === null ? null : from,
          ratio,
          significant,
          status: statusOf(ratio, significant, band),
          tooSmall: count < minSize,
        };
      }),
    };
  });

  const excluded = new Set([...(options.exclude ?? []), ...groupColumns]);
  const features = (options.features ?? dataset.columnNames).filter((f) => !excluded.has(f));
  for (const f of features) dataset.column(f);
  const bins = options.bins ?? 10;
  const raw: Omit<ProxyScore, "adjustedPValue" | "proxy" | "strength">[] = [];
  groupColumns.forEach((attribute, a) => {
    const target = codeTarget(dataset, attribute, 4, "group");
    features.forEach((feature, f) => {
      const column = dataset.column(feature);
      const coded = codeFeature(dataset, feature, bins);
      const test = mutualInformationTest(
        coded.codes,
        coded.levels.length,
        target.codes,
        target.levels.length,
        {
          permutations: options.permutations ?? 199,
          seed: seed + 104729 * (a + 1) + 7919 * (f + 1),
        },
      );
      const targetEntropy = test.entropyY;
      const excess = Math.max(0, test.plugIn - test.baseline);
      raw.push({
        feature,
        kind: column.kind,
        attribute,
        auc: separation(column, coded, target, seed + f).auc,
        mutualInformation: test.plugIn,
        baseline: test.baseline,
        normalized: targetEntropy > 0 ? Math.min(1, excess / targetEntropy) : 0,
        pValue: test.pValue,
      });
    });
  });
  const adjusted = adjustPValues(
    raw.map((r) => r.pValue),
    correction,
  );
  const proxies: ProxyScore[] = raw
    .map((r, k) => {
      const significant = adjusted[k] < alpha;
      return {
        ...r,
        adjustedPValue: adjusted[k],
        proxy: significant && r.auc !== null && r.auc >= proxyAuc,
        strength: proxyStrength(r.auc, significant),
      };
    })
    .sort((x, y) => (y.auc ?? 0) - (x.auc ?? 0));
  return { rows: n, alpha, band, minSize, groupings, proxies, proxyAuc, correction };
}
