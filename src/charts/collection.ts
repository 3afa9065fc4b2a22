/**
 * Charts of the collection reports ("predictive-content", "coverage", "representation"): pure functions from report
 * JSON to Vega-Lite v5 specs. Browser-safe: no Node imports.
 */

import type {
  CoverageJSON,
  FeatureContent,
  PredictiveContentJSON,
  RepresentationJSON,
} from "../format/collection.js";

type Spec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** How a feature alone relates to the label, in a table cell: "AUC 0.804", "η 0.841", "ρ −0.12" ("–" when undefined). */
export function associationText(f: FeatureContent): string {
  const a = f.association;
  if (a.value === null) return "–";
  const name = { "roc-auc": "AUC", "macro-roc-auc": "macro AUC", "correlation-ratio": "η", spearman: "ρ" }[
    a.measure
  ];
  return `${name} ${a.value.toFixed(3)}`;
}

/** Colors of a feature's predictive-content status. */
export const CONTENT_COLORS: Record<string, string> = {
  informative: "#1f77b4",
  "non-informative": "#9e9e9e",
  "leakage-suspect": "#c62828",
};

const REPRESENTATION_COLORS: Record<string, string> = {
  "under-represented": "#c62828",
  "over-represented": "#ef6c00",
  represented: "#1f77b4",
};

const PROXY_COLORS: Record<string, string> = {
  strong: "#c62828",
  moderate: "#ef6c00",
  weak: "#f9a825",
  none: "#9e9e9e",
};

/**
 * Predictive content: one bar per feature, the mutual information with the label above its permutation baseline
 * as a share of the label's entropy, colored by status; sorted from most to least informative.
 */
export function predictiveContentChart(json: PredictiveContentJSON): Spec | undefined {
  if (json.features.length === 0) return undefined;
  const values = json.features.map((f) => ({
    feature: f.name,
    share: f.mutualInformation.normalized,
    mi: f.mutualInformation.plugIn,
    baseline: f.mutualInformation.baseline,
    p: f.mutualInformation.adjustedPValue,
    association: f.association.value,
    measure: f.association.measure,
    status: f.status,
    flags: f.flags.map((x) => x.code).join(", "),
  }));
  return {
    $schema: SCHEMA,
    title: {
      text: `What each feature tells about "${json.label.name}"`,
      subtitle: "mutual information above its permutation baseline, as a share of the label's entropy",
    },
    data: { values },
    width: 360,
    height: Math.max(60, 18 * values.length),
    mark: { type: "bar" },
    encoding: {
      y: { field: "feature", type: "nominal", sort: "-x", title: null },
      x: {
        field: "share",
        type: "quantitative",
        title: "share of the label's information",
        axis: { format: ".0%" },
      },
      color: {
        field: "status",
        type: "nominal",
        title: "status",
        scale: { domain: Object.keys(CONTENT_COLORS), range: Object.values(CONTENT_COLORS) },
        legend: { orient: "bottom" },
      },
      tooltip: [
        { field: "feature" },
        { field: "status" },
        { field: "share", title: "share of label entropy", format: ".2%" },
        { field: "mi", title: "MI (nats)", format: ".4g" },
        { field: "baseline", title: "permutation baseline", format: ".4g" },
        { field: "p", title: "p (adjusted)", format: ".3g" },
        { field: "measure", title: "association" },
        { field: "association", title: "value", format: ".3f" },
        { field: "flags" },
      ],
    },
    config: { view: { stroke: null }, axis: { labelLimit: 200 } },
  };
}

/** Coverage per feature: the share of serving rows outside the training range or in unseen categories. */
export function coverageFeatureChart(json: CoverageJSON): Spec | undefined {
  if (json.features.length === 0) return undefined;
  const values = json.features.map((f) => ({
    feature: f.name,
    share: f.outsideShare,
    count: f.outside,
    what: f.unseen !== undefined ? "unseen category" : "outside range",
  }));
  return {
    $schema: SCHEMA,
    title: { text: "Serving values training never saw", subtitle: "share of serving rows, per feature" },
    data: { values },
    width: 360,
    height: Math.max(60, 18 * values.length),
    mark: { type: "bar" },
    encoding: {
      y: { field: "feature", type: "nominal", sort: "-x", title: null },
      x: { field: "share", type: "quantitative", title: "share of serving rows", axis: { format: ".1%" } },
      color: {
        field: "what",
        type: "nominal",
        title: null,
        scale: { domain: ["outside range", "unseen category"], range: ["#1f77b4", "#ef6c00"] },
        legend: { orient: "bottom" },
      },
      tooltip: [
        { field: "feature" },
        { field: "what" },
        { field: "count", format: "," },
        { field: "share", format: ".2%" },
      ],
    },
    config: { view: { stroke: null }, axis: { labelLimit: 200 } },
  };
}

/**
 * The coverage map: for two features' bins, the serving share minus the training share of each cell (red: serving
 * has rows that training lacks), with both counts on hover.
 */
export function coverageMapChart(json: CoverageJSON): Spec | undefined {
  const map = json.map;
  if (map === null) return undefined;
  const trainingTotal = map.training.flat().reduce((a, b) => a + b, 0);
  const servingTotal = map.serving.flat().reduce((a, b) => a + b, 0);
  const values: Record<string, unknown>[] = [];
  map.xLabels.forEach((x, i) =>
    map.yLabels.forEach((y, j) => {
      const t = map.training[i][j];
      const s = map.serving[i][j];
      if (t === 0 && s === 0) return;
      values.push({
        x,
        y,
        xOrder: i,
        yOrder: j,
        training: t,
        serving: s,
        trainingShare: trainingTotal > 0 ? t / trainingTotal : 0,
        servingShare: servingTotal > 0 ? s / servingTotal : 0,
        gap: (servingTotal > 0 ? s / servingTotal : 0) - (trainingTotal > 0 ? t / trainingTotal : 0),
      });
    }),
  );
  const extent = Math.max(0.01, ...values.map((v) => Math.abs(v.gap as number)));
  return {
    $schema: SCHEMA,
    title: {
      text: `Coverage map: ${map.x} × ${map.y}`,
      subtitle: "serving share − training share per cell; red = serving rows training lacks",
    },
    data: { values },
    mark: { type: "rect", stroke: "#ffffff", strokeWidth: 0.5 },
    width: Math.max(160, 44 * map.xLabels.length),
    height: Math.max(120, 24 * map.yLabels.length),
    encoding: {
      x: {
        field: "x",
        type: "ordinal",
        sort: map.xLabels,
        title: map.x,
        axis: { labelAngle: -30, labelLimit: 140 },
      },
      y: { field: "y", type: "ordinal", sort: map.yLabels, title: map.y, axis: { labelLimit: 160 } },
      color: {
        field: "gap",
        type: "quantitative",
        title: "serving − training",
        scale: { scheme: "redblue", reverse: true, domain: [-extent, extent] },
        legend: { format: ".0%" },
      },
      tooltip: [
        { field: "x", title: map.x },
        { field: "y", title: map.y },
        { field: "training", format: "," },
        { field: "serving", format: "," },
        { field: "trainingShare", title: "training share", format: ".2%" },
        { field: "servingShare", title: "serving share", format: ".2%" },
      ],
    },
    config: { view: { stroke: null } },
  };
}

/**
 * Group shares with their intervals (rules) and the expected share (ticks: reference, parity or product of the
 * parts), one row of panels per grouping, colored by status.
 */
export function representationChart(json: RepresentationJSON): Spec | undefined {
  const values: Record<string, unknown>[] = [];
  for (const grouping of json.groupings) {
    grouping.groups.forEach((g, order) => {
      values.push({
        grouping: grouping.name,
        group: g.group,
        order,
        share: g.share,
        lower: g.interval.lower,
        upper: g.interval.upper,
        expected: g.expected,
        expectedFrom: g.expectedFrom ?? "",
        ratio: g.ratio,
        count: g.count,
        status: g.status,
        small: g.tooSmall ? "yes" : "no",
      });
    });
  }
  if (values.length === 0) return undefined;
  const y = { field: "group", type: "nominal", title: null, sort: { field: "order", op: "min" } };
  const color = {
    field: "status",
    type: "nominal",
    title: "status",
    scale: { domain: Object.keys(REPRESENTATION_COLORS), range: Object.values(REPRESENTATION_COLORS) },
    legend: { orient: "bottom" },
  };
  const layers = [
    {
      mark: { type: "rule", strokeWidth: 2 },
      encoding: { y, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" }, color },
    },
    {
      mark: { type: "point", filled: true, size: 60 },
      encoding: {
        y,
        x: { field: "share", type: "quantitative", title: "share of rows", axis: { format: ".0%" } },
        color,
        tooltip: [
          { field: "group" },
          { field: "count", format: "," },
          { field: "share", format: ".2%" },
          { field: "lower", format: ".2%" },
          { field: "upper", format: ".2%" },
          { field: "expected", format: ".2%" },
          { field: "expectedFrom", title: "expected from" },
          { field: "ratio", format: ".3f" },
          { field: "status" },
          { field: "small", title: "too small" },
        ],
      },
    },
    // Null expected shares are dropped by the mark's default invalid-value handling.
    {
      mark: { type: "tick", color: "#212121", thickness: 2 },
      encoding: { y, x: { field: "expected", type: "quantitative" } },
    },
  ];
  // One panel per grouping, stacked (a concat rather than a facet: each panel has only its own groups).
  return {
    $schema: SCHEMA,
    title: {
      text: "Who is in the data",
      subtitle: `share of rows with ${Math.round((1 - json.alpha) * 100)}% Wilson intervals; tick: expected share`,
    },
    vconcat: json.groupings.map((grouping) => ({
      title: { text: grouping.name, anchor: "start", fontSize: 12 },
      data: { values: values.filter((v) => v.grouping === grouping.name) },
      width: 320,
      height: { step: 18 },
      layer: layers,
    })),
    resolve: { scale: { x: "shared" } },
    config: { view: { stroke: "#e0e0e0" }, axis: { labelLimit: 220 } },
  };
}

/** Proxies: how well each feature alone predicts each protected attribute (ROC AUC), with the proxy rule. */
export function proxyChart(json: RepresentationJSON): Spec | undefined {
  const values = json.proxies
    .filter((p) => p.auc !== null)
    .map((p) => ({
      pair: `${p.feature} → ${p.attribute}`,
      auc: p.auc,
      strength: p.strength,
      normalized: p.normalized,
      p: p.adjustedPValue,
    }));
  if (values.length === 0) return undefined;
  return {
    $schema: SCHEMA,
    title: {
      text: "Proxies: features that predict a protected attribute",
      subtitle: `ROC AUC of the feature alone (0.5 = no information); rule: proxy threshold ${json.proxyAuc}`,
    },
    data: { values },
    width: 360,
    height: Math.max(60, 18 * values.length),
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: { field: "pair", type: "nominal", sort: "-x", title: null },
          x: {
            field: "auc",
            type: "quantitative",
            title: "ROC AUC",
            scale: { domain: [0.5, 1], clamp: true },
          },
          color: {
            field: "strength",
            type: "nominal",
            title: "proxy",
            scale: { domain: Object.keys(PROXY_COLORS), range: Object.values(PROXY_COLORS) },
            legend: { orient: "bottom" },
          },
          tooltip: [
            { field: "pair", title: "feature → attribute" },
            { field: "auc", format: ".3f" },
            { field: "normalized", title: "share of attribute entropy", format: ".1%" },
            { field: "p", title: "p (adjusted)", format: ".3g" },
            { field: "strength" },
          ],
        },
      },
      {
        mark: { type: "rule", strokeDash: [4, 3], color: "#424242" },
        encoding: { x: { datum: json.proxyAuc } },
      },
    ],
    config: { view: { stroke: null }, axis: { labelLimit: 220 } },
  };
}
