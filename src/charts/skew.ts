/** Vega-Lite specs of a skew report: pure functions of the report JSON (browser-safe). */
import type { DriftJSON } from "../format/drift.js";
import type { FeatureConcept, KeySkewJSON, SkewJSON } from "../format/skew.js";
import { CURRENT_COLOR, featureOverlaySpec, REFERENCE_COLOR, type VegaLiteSpec } from "./drift.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const SIDES = { domain: ["training", "serving"], range: [REFERENCE_COLOR, CURRENT_COLOR] };

/**
 * The domain classifier's view: which features tell serving from training (share of the standardised coefficient
 * norm), with the out-of-fold AUC and NannyML's 0.45–0.65 band in the title.
 */
export function skewImportanceSpec(report: SkewJSON, options: { maxFeatures?: number } = {}): VegaLiteSpec {
  const dc = report.covariate.domainClassifier;
  const values = (dc?.importances ?? []).slice(0, options.maxFeatures ?? 15).map((x) => ({
    ...x,
    carries: report.shifts.covariate.features.includes(x.feature) ? "carries covariate shift" : "other",
  }));
  const auc =
    dc === null
      ? ""
      : `AUC ${dc.auc.toFixed(3)} [${dc.interval.lower.toFixed(3)}, ${dc.interval.upper.toFixed(3)}]`;
  return {
    $schema: SCHEMA,
    title: {
      text: "What tells serving from training (domain classifier)",
      subtitle:
        dc === null
          ? "no domain classifier"
          : `${auc}; 0.5 = indistinguishable; NannyML alerts outside 0.45–0.65, Evidently above 0.55`,
    },
    width: 320,
    height: { step: 18 },
    data: { values },
    mark: "bar",
    encoding: {
      y: { field: "feature", type: "nominal", sort: "-x", title: null },
      x: {
        field: "share",
        type: "quantitative",
        title: "share of the classifier's weight",
        axis: { format: "%" },
      },
      color: {
        field: "carries",
        type: "nominal",
        scale: { domain: ["carries covariate shift", "other"], range: [CURRENT_COLOR, "#b6bcc4"] },
        legend: { title: null, orient: "bottom" },
      },
      tooltip: [
        { field: "feature" },
        { field: "share", format: ".1%" },
        { field: "importance", format: ".3f", title: "coefficient norm" },
      ],
    },
  };
}

/** The verdict at a glance: one row per kind of shift, detected or not, with the deciding p-value. */
export function skewKindsSpec(report: SkewJSON): VegaLiteSpec {
  const values = (["covariate", "label", "concept"] as const).map((kind) => {
    const s = report.shifts[kind];
    const p = s.evidence.find((e) => e.pValue !== null)?.pValue ?? null;
    return {
      kind: `${kind} shift`,
      status: s.detected ? "detected" : s.testable ? "not detected" : "not testable",
      p,
      features: s.features.join(", "),
      summary: s.summary,
    };
  });
  return {
    $schema: SCHEMA,
    title: { text: report.headline },
    width: 260,
    height: { step: 24 },
    data: { values },
    layer: [
      {
        mark: { type: "point", filled: true, size: 260, shape: "circle" },
        encoding: {
          y: { field: "kind", type: "nominal", sort: null, title: null },
          color: {
            field: "status",
            type: "nominal",
            scale: {
              domain: ["detected", "not detected", "not testable"],
              range: ["#cf222e", "#1a7f37", "#b6bcc4"],
            },
            legend: { title: null, orient: "bottom" },
          },
          tooltip: [
            { field: "kind" },
            { field: "status" },
            { field: "p", format: ".3g" },
            { field: "summary" },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", dx: 14 },
        encoding: {
          y: { field: "kind", type: "nominal", sort: null },
          text: { field: "features" },
        },
      },
    ],
  };
}

/** Per-feature overlay of training and serving (the drift chart, with the sides named training and serving). */
export function skewOverlaySpec(
  report: SkewJSON,
  feature: string,
  options: { width?: number; height?: number } = {},
): VegaLiteSpec {
  const f = report.distributions.find((x) => x.name === feature);
  if (f === undefined)
    return { $schema: SCHEMA, title: `${feature}: no distribution`, data: { values: [] }, mark: "point" };
  // featureOverlaySpec reads only the two sides' names from the drift report.
  const sides = { reference: { name: "training" }, current: { name: "serving" } } as unknown as DriftJSON;
  return featureOverlaySpec(sides, f, options);
}

/**
 * The picture of concept shift: P(y | x in bin) on both sides across the bins of one feature, with the training
 * and serving counts as point sizes. Parallel curves that moved up or down together are a prior change; curves
 * that cross or change slope are concept shift.
 */
export function conditionalCurveSpec(
  report: SkewJSON,
  concept: FeatureConcept,
  options: { width?: number; height?: number } = {},
): VegaLiteSpec {
  const values = concept.bins
    .flatMap((b, i) => [
      { order: i, bin: b.bin, side: "training", rate: b.trainingRate, count: b.trainingCount },
      { order: i, bin: b.bin, side: "serving", rate: b.servingRate, count: b.servingCount },
    ])
    .filter((v) => v.rate !== null);
  const label = report.settings.label ?? "y";
  const regression = report.concept?.task === "regression";
  const positive = regression ? undefined : report.label?.classes[1];
  const c = concept.coefficient;
  const subtitle = [
    concept.stratified ? `CMH p = ${concept.stratified.adjustedPValue.toPrecision(2)} (Holm)` : null,
    c ? `slope test p = ${c.adjustedPValue.toPrecision(2)} (Holm)` : null,
  ]
    .filter((x) => x !== null)
    .join(" · ");
  return {
    $schema: SCHEMA,
    title: {
      text: regression
        ? `E(${label} | ${concept.feature})`
        : `P(${label}${positive === undefined ? "" : ` = ${positive}`} | ${concept.feature})`,
      subtitle,
    },
    width: options.width ?? 300,
    height: options.height ?? 140,
    data: { values },
    encoding: {
      x: {
        field: "bin",
        type: "ordinal",
        sort: { field: "order" },
        title: concept.feature,
        axis: { labelAngle: -40, labelLimit: 70 },
      },
      y: {
        field: "rate",
        type: "quantitative",
        title: regression ? `mean ${label}` : `share ${label} = ${positive ?? "1"}`,
        scale: regression ? { zero: false } : { domain: [0, 1] },
      },
      color: { field: "side", type: "nominal", scale: SIDES, legend: { title: null, orient: "top" } },
      tooltip: [
        { field: "side" },
        { field: "bin" },
        { field: "rate", format: ".3f" },
        { field: "count", format: "," },
      ],
    },
    layer: [
      { mark: { type: "line" } },
      {
        mark: { type: "point", filled: true },
        encoding: { size: { field: "count", type: "quantitative", legend: null } },
      },
    ],
  };
}

/** DISDE: the change of the model's error split into covariate, concept and unseen-region parts, with intervals. */
export function decompositionSpec(report: SkewJSON): VegaLiteSpec {
  const d = report.concept?.decomposition;
  if (d === undefined || d === null)
    return { $schema: SCHEMA, title: "no decomposition", data: { values: [] }, mark: "bar" };
  const values = [
    { part: "total change", ...flat(d.total) },
    { part: "covariate: x moved", ...flat(d.covariate) },
    { part: "concept: y | x changed", ...flat(d.concept) },
    { part: "x unseen in training", ...flat(d.unseen) },
  ];
  return {
    $schema: SCHEMA,
    title: {
      text: "Why the error changed (DISDE decomposition)",
      subtitle: `${d.errorName}; bars: estimate, lines: ${Math.round(100 * (1 - report.settings.alpha))}% intervals`,
    },
    width: 320,
    height: { step: 26 },
    data: { values },
    layer: [
      {
        mark: "bar",
        encoding: {
          y: { field: "part", type: "nominal", sort: null, title: null },
          x: { field: "estimate", type: "quantitative", title: "serving − training error" },
          color: {
            field: "part",
            type: "nominal",
            legend: null,
            scale: {
              domain: [
                "total change",
                "covariate: x moved",
                "concept: y | x changed",
                "x unseen in training",
              ],
              range: ["#59636e", REFERENCE_COLOR, "#cf222e", "#bf8700"],
            },
          },
          tooltip: [
            { field: "part" },
            { field: "estimate", format: "+.4f" },
            { field: "lower", format: "+.4f" },
            { field: "upper", format: "+.4f" },
          ],
        },
      },
      {
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          y: { field: "part", type: "nominal", sort: null },
          x: { field: "lower", type: "quantitative" },
          x2: { field: "upper" },
        },
      },
    ],
  };
}

function flat(x: { estimate: number; interval: { lower: number; upper: number } }) {
  return { estimate: x.estimate, lower: x.interval.lower, upper: x.interval.upper };
}

/** Key-join match rates: per feature, the shares of matched, mismatched and one-side-missing joined ids. */
export function matchRateSpec(keyed: KeySkewJSON): VegaLiteSpec {
  const parts = ["matched", "mismatched", "missing in serving", "missing in training"] as const;
  const values = keyed.features.flatMap((f) => {
    const total = Math.max(1, f.matched + f.mismatched + f.onlyInTraining + f.onlyInServing);
    const counts = [f.matched, f.mismatched, f.onlyInTraining, f.onlyInServing];
    return parts.map((part, k) => ({
      feature: f.feature,
      part,
      order: k,
      count: counts[k],
      share: counts[k] / total,
    }));
  });
  return {
    $schema: SCHEMA,
    title: {
      text: `Rows joined on ${keyed.key}: do the values agree?`,
      subtitle: `${keyed.joined} ids joined · ${keyed.onlyInTraining} only in training · ${keyed.onlyInServing} only in serving · duplicates ${keyed.duplicateTrainingIds} / ${keyed.duplicateServingIds}`,
    },
    width: 320,
    height: { step: 18 },
    data: { values },
    mark: "bar",
    encoding: {
      y: { field: "feature", type: "nominal", sort: null, title: null },
      x: {
        field: "share",
        type: "quantitative",
        stack: "zero",
        axis: { format: "%" },
        title: "share of joined ids",
      },
      order: { field: "order" },
      color: {
        field: "part",
        type: "nominal",
        scale: { domain: [...parts], range: ["#1a7f37", "#cf222e", "#bf8700", "#8250df"] },
        legend: { title: null, orient: "bottom", columns: 2 },
      },
      tooltip: [
        { field: "feature" },
        { field: "part" },
        { field: "count", format: "," },
        { field: "share", format: ".2%" },
      ],
    },
  };
}

/** The main chart of a skew report (the Vega-Lite MIME output): the kinds at a glance above the domain classifier. */
export function skewSummarySpec(report: SkewJSON): VegaLiteSpec {
  const { $schema: _a, ...kinds } = skewKindsSpec(report);
  const { $schema: _b, ...importance } = skewImportanceSpec(report);
  void _a;
  void _b;
  return { $schema: SCHEMA, vconcat: [kinds, importance], resolve: { scale: { color: "independent" } } };
}
