/**
 * kind "skew": which kind of shift training and serving differ by (covariate, label, concept) with the evidence and
 * the features that carry each, then the pictures: the kinds at a glance and the domain classifier's features, the
 * P(y | x) curves of a selected feature on both sides (the picture of concept shift), the decomposition of the
 * performance change, and the key-join match rates. Charts come from the library's shared builders.
 */
import {
  conditionalCurveSpec,
  decompositionSpec,
  matchRateSpec,
  skewOverlaySpec,
  skewSummarySpec,
} from "../../../src/charts/skew.js";
import { formatNumber, formatPercent, formatPValue } from "../../../src/core/format.js";
import type { FeatureConcept, FeatureKeySkew, ShiftFinding, SkewJSON } from "../../../src/format/skew.js";
import type { ChartSet } from "../ui/chart.js";
import { chip, h } from "../ui/dom.js";
import { featureColumn } from "../ui/columns.js";
import { DataTable } from "../ui/table.js";
import { header, type ViewModule } from "./view.js";

const TONE = { ok: "ok", warn: "warn", fail: "bad" } as const;
const KINDS = ["covariate", "label", "concept"] as const;

function findingRow(finding: ShiftFinding): HTMLElement {
  const state = !finding.testable
    ? chip("not testable", "info")
    : finding.detected
      ? chip("detected", "bad")
      : chip("not detected", "ok");
  const evidence = finding.evidence
    .map((e) => {
      const parts = [e.test];
      if (e.statistic !== null) parts.push(`statistic ${formatNumber(e.statistic, 4)}`);
      if (e.pValue !== null) parts.push(`p ${formatPValue(e.pValue)}`);
      if (e.interval !== undefined)
        parts.push(`[${formatNumber(e.interval.lower, 3)}, ${formatNumber(e.interval.upper, 3)}]`);
      if (e.note !== undefined) parts.push(e.note);
      return parts.join(", ");
    })
    .join("; ");
  return h(
    "tr",
    { "data-kind": finding.kind },
    h("td", {}, h("strong", {}, `${finding.kind} shift`)),
    h("td", {}, state),
    h(
      "td",
      {},
      h("span", { class: "dl-wrap" }, finding.summary),
      evidence === "" ? "" : h("br"),
      evidence === "" ? "" : h("span", { class: "dl-wrap dl-hint" }, evidence),
    ),
    h("td", {}, finding.features.slice(0, 6).join(", ")),
  );
}

function conceptSection(report: SkewJSON, set: ChartSet): HTMLElement | string {
  const concept = report.concept;
  if (concept === null || concept.features.length === 0) return "";
  const charts = set.child();
  const holder = h("div", { class: "dl-charts" });
  const show = (feature: FeatureConcept) => {
    charts.dispose();
    holder.replaceChildren(
      charts.add(conditionalCurveSpec(report, feature, { width: 360, height: 180 }), {
        label: `P(y | ${feature.feature}) on both sides`,
      }).element,
    );
  };
  const table = new DataTable<FeatureConcept>({
    label: "P(y | x) per feature",
    rows: concept.features,
    rowKey: (f) => f.feature,
    onSelect: show,
    columns: [
      featureColumn((f) => f.feature, "feature"),
      {
        key: "stratified",
        label: "Stratified test p (adj.)",
        numeric: true,
        sortValue: (f) => f.stratified?.adjustedPValue ?? null,
        render: (f) => (f.stratified === null ? "–" : formatPValue(f.stratified.adjustedPValue)),
      },
      {
        key: "coefficient",
        label: "Slope test p (adj.)",
        numeric: true,
        sortValue: (f) => f.coefficient?.adjustedPValue ?? null,
        render: (f) => (f.coefficient === null ? "–" : formatPValue(f.coefficient.adjustedPValue)),
      },
    ],
  });
  // Open on the feature that carries the concept shift, if one does.
  const carrier = report.shifts.concept.features[0];
  show(concept.features.find((f) => f.feature === carrier) ?? concept.features[0]);
  return h(
    "section",
    { class: "dl-group" },
    h("h3", {}, "P(y | x): select a feature to see both sides' curves"),
    table.element,
    holder,
  );
}

function keySection(report: SkewJSON, set: ChartSet): HTMLElement | string {
  const keyed = report.perExample;
  if (keyed === null) return "";
  return h(
    "section",
    { class: "dl-group" },
    h(
      "h3",
      {},
      `Per-example skew on "${keyed.key}"`,
      h(
        "span",
        { class: "dl-hint" },
        ` — ${formatNumber(keyed.joined)} joined, ${formatNumber(keyed.onlyInTraining)} only in training, ${formatNumber(keyed.onlyInServing)} only in serving, ${formatNumber(keyed.duplicateTrainingIds + keyed.duplicateServingIds)} duplicate ids`,
      ),
    ),
    new DataTable<FeatureKeySkew>({
      label: "Per-example skew",
      rows: keyed.features,
      rowKey: (f) => f.feature,
      sort: { key: "rate", descending: false },
      columns: [
        featureColumn((f) => f.feature, "feature"),
        {
          key: "rate",
          label: "Match rate",
          numeric: true,
          sortValue: (f) => f.matchRate,
          render: (f) => formatPercent(f.matchRate, 2),
        },
        {
          key: "mismatched",
          label: "Mismatched",
          numeric: true,
          sortValue: (f) => f.mismatched,
          render: (f) => formatNumber(f.mismatched),
        },
        {
          key: "training",
          label: "Only training",
          numeric: true,
          render: (f) => formatNumber(f.onlyInTraining),
        },
        {
          key: "serving",
          label: "Only serving",
          numeric: true,
          render: (f) => formatNumber(f.onlyInServing),
        },
        {
          key: "pairs",
          label: "Top value pairs",
          render: (f) =>
            f.topPairs
              .slice(0, 3)
              .map((p) => `${p.training} → ${p.serving} (${formatNumber(p.count)})`)
              .join("; "),
        },
      ],
    }).element,
    h(
      "div",
      { class: "dl-charts" },
      set.add(matchRateSpec(keyed), { label: "Key-join match rates" }).element,
    ),
  );
}

export const skewView: ViewModule = {
  kinds: ["skew"],
  check: (report) =>
    typeof report.shifts === "object" && report.shifts !== null && Array.isArray(report.distributions)
      ? null
      : 'its "shifts" or "distributions" field is missing',
  render(raw, set) {
    const report = raw as unknown as SkewJSON;
    const drifted = report.distributions.filter((d) => d.drifted).slice(0, 4);
    return h(
      "div",
      { class: "dl-view dl-skew" },
      header(
        report.title,
        chip(report.verdict.status, TONE[report.verdict.status]),
        report.headline,
        `training ${formatNumber(report.training.numRows)} rows`,
        `serving ${formatNumber(report.serving.numRows)} rows`,
      ),
      h(
        "div",
        { class: "dl-table-scroll" },
        h(
          "table",
          { class: "dl-table", "aria-label": "Kinds of shift" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Kind", "Found", "What was found, and the evidence", "Features"].map((t) => h("th", {}, t)),
            ),
          ),
          h(
            "tbody",
            {},
            KINDS.map((k) => findingRow(report.shifts[k])),
          ),
        ),
      ),
      report.schema.errors + report.schema.warnings > 0
        ? h(
            "p",
            { class: "dl-note" },
            `Schema skew: ${report.schema.errors} error${report.schema.errors === 1 ? "" : "s"}, ${report.schema.warnings} warning${report.schema.warnings === 1 ? "" : "s"} against ${report.schema.source}.`,
          )
        : "",
      report.notes.length > 0
        ? h(
            "ul",
            { class: "dl-reasons" },
            report.notes.map((n) => h("li", {}, n)),
          )
        : "",
      h(
        "div",
        { class: "dl-charts" },
        set.add(skewSummarySpec(report), { label: "Kinds of shift and the domain classifier" }).element,
      ),
      conceptSection(report, set),
      report.concept?.decomposition !== undefined && report.concept.decomposition !== null
        ? h(
            "div",
            { class: "dl-charts" },
            set.add(decompositionSpec(report), { label: "Decomposition of the performance change" }).element,
          )
        : "",
      keySection(report, set),
      drifted.length > 0
        ? h(
            "section",
            { class: "dl-group" },
            h("h3", {}, "Most skewed features"),
            h(
              "div",
              { class: "dl-charts" },
              drifted.map(
                (d) =>
                  set.add(skewOverlaySpec(report, d.name, { width: 300, height: 120 }), {
                    label: `${d.name}: training and serving`,
                  }).element,
              ),
            ),
          )
        : "",
    );
  },
};
