import type { SkewJSON } from "../skew/types.js";

/** The main chart of a skew report: the domain classifier's feature importances (placeholder until charts land). */
export function skewSummarySpec(report: SkewJSON): Record<string, unknown> {
  const importances = report.covariate.domainClassifier?.importances ?? [];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: "Features that separate training from serving",
    data: { values: importances },
    mark: "bar",
    encoding: {
      y: { field: "feature", type: "nominal", sort: "-x" },
      x: { field: "share", type: "quantitative", title: "share of domain-classifier weight" },
    },
  };
}
