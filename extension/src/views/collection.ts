/**
 * kinds "predictive-content", "coverage", "representation": the verdict and its reasons, a sortable, filterable
 * table (features by information share; per-feature coverage and under-covered slices; group shares and proxies),
 * and the library's shared charts (hover for exact numbers).
 */
import {
  associationText,
  coverageFeatureChart,
  coverageMapChart,
  predictiveContentChart,
  proxyChart,
  representationChart,
} from "../../../src/charts/collection.js";
import { formatNumber, formatPercent } from "../../../src/core/format.js";
import type {
  CoverageJSON,
  CoverageSlice,
  FeatureContent,
  FeatureCoverage,
  GroupShare,
  PredictiveContentJSON,
  ProxyScore,
  RepresentationJSON,
  Verdict,
} from "../../../src/format/index.js";
import type { ChartSet, Spec } from "../ui/chart.js";
import { chip, h } from "../ui/dom.js";
import { featureColumn, pValueColumn } from "../ui/columns.js";
import { DataTable } from "../ui/table.js";
import { header, needArray, searchBox, type ViewModule } from "./view.js";

const TONE = { ok: "ok", warn: "warn", fail: "bad" } as const;

function verdictBlock(verdict: Verdict): HTMLElement | string {
  if (verdict.reasons.length === 0) return "";
  return h(
    "ul",
    { class: "dl-reasons" },
    verdict.reasons.map((r) => h("li", {}, r)),
  );
}

function charts(set: ChartSet, specs: [Spec | undefined, string][]): HTMLElement {
  return h(
    "div",
    { class: "dl-charts" },
    specs.flatMap(([spec, label]) => (spec === undefined ? [] : [set.add(spec, { label }).element])),
  );
}

function filtered<R>(table: DataTable<R>, text: (row: R) => string, label: string): HTMLElement {
  return h(
    "div",
    { class: "dl-toolbar" },
    searchBox(label, (query) => table.setFilter((row) => text(row).toLowerCase().includes(query))),
  );
}

const CONTENT_TONE = { informative: "ok", "non-informative": "warn", "leakage-suspect": "bad" } as const;

function renderPredictive(report: PredictiveContentJSON, set: ChartSet): HTMLElement {
  const table = new DataTable<FeatureContent>({
    label: "Features",
    rows: report.features,
    rowKey: (f) => f.name,
    sort: { key: "share", descending: true },
    columns: [
      {
        key: "status",
        label: "",
        sortValue: (f) => f.status,
        render: (f) => chip(f.status, CONTENT_TONE[f.status]),
      },
      featureColumn((f) => f.name),
      {
        key: "share",
        label: "Info share",
        description: "mutual information above its permutation baseline, as a share of the label's entropy",
        numeric: true,
        sortValue: (f) => f.mutualInformation.normalized,
        render: (f) => formatPercent(f.mutualInformation.normalized),
      },
      {
        key: "mi",
        label: "MI (nats)",
        numeric: true,
        sortValue: (f) => f.mutualInformation.plugIn,
        render: (f) => formatNumber(f.mutualInformation.plugIn, 3),
      },
      {
        key: "baseline",
        label: "Baseline",
        description: "mean MI over label permutations: what no signal looks like",
        numeric: true,
        render: (f) => formatNumber(f.mutualInformation.baseline, 3),
      },
      pValueColumn((f) => f.mutualInformation.adjustedPValue),
      {
        key: "alone",
        label: "Alone",
        description: "how well the feature alone predicts the label",
        render: associationText,
      },
      {
        key: "why",
        label: "Why",
        render: (f) => h("span", { class: "dl-wrap" }, f.flags.map((x) => x.message).join(" ")),
      },
    ],
  });
  return h(
    "div",
    { class: "dl-view dl-collection" },
    header(
      report.title,
      chip(report.verdict.status, TONE[report.verdict.status]),
      `label "${report.label.name}" (${report.label.task})`,
      `${formatNumber(report.label.rows)} labelled rows`,
      `${report.permutations} permutations, ${report.correction} correction`,
    ),
    verdictBlock(report.verdict),
    report.features.length > 8 ? filtered(table, (f) => `${f.name} ${f.status}`, "Filter features") : "",
    table.element,
    charts(set, [[predictiveContentChart(report), "Information share per feature"]]),
  );
}

function coverageDetail(f: FeatureCoverage): string {
  if (f.range !== undefined) {
    return `${formatNumber(f.range.below)} below ${formatNumber(f.range.min)}, ${formatNumber(f.range.above)} above ${formatNumber(f.range.max)}`;
  }
  const unseen = f.unseen!;
  return unseen.distinct === 0
    ? "no unseen category"
    : `${formatNumber(unseen.count)} rows in ${formatNumber(unseen.distinct)} unseen: ${unseen.values
        .slice(0, 4)
        .map((v) => v.value)
        .join(", ")}`;
}

function renderCoverage(report: CoverageJSON, set: ChartSet): HTMLElement {
  const joint = report.joint;
  const features = new DataTable<FeatureCoverage>({
    label: "Per feature",
    rows: report.features,
    rowKey: (f) => f.name,
    sort: { key: "outside", descending: true },
    columns: [
      featureColumn((f) => f.name),
      { key: "kind", label: "Kind", render: (f) => f.kind },
      {
        key: "outside",
        label: "Outside training",
        numeric: true,
        sortValue: (f) => f.outsideShare,
        render: (f) => formatPercent(f.outsideShare, 2),
      },
      { key: "detail", label: "Detail", render: coverageDetail },
    ],
  });
  const slices = new DataTable<CoverageSlice>({
    label: "Under-covered slices",
    rows: report.slices,
    rowKey: (s) => s.label,
    emptyText: "No slice is under-covered.",
    columns: [
      {
        key: "label",
        label: "Slice",
        sortValue: (s) => s.label,
        render: (s) => h("span", { class: "dl-wrap" }, s.label),
      },
      {
        key: "serving",
        label: "Serving rows",
        numeric: true,
        sortValue: (s) => s.servingCount,
        render: (s) => formatNumber(s.servingCount),
      },
      {
        key: "training",
        label: "Training rows",
        numeric: true,
        sortValue: (s) => s.trainingCount,
        render: (s) => formatNumber(s.trainingCount),
      },
      {
        key: "ratio",
        label: "Coverage ratio",
        description: "training share / serving share",
        numeric: true,
        sortValue: (s) => s.coverageRatio,
        render: (s) => formatNumber(s.coverageRatio, 2),
      },
      {
        key: "excess",
        label: "Rows not covered",
        numeric: true,
        sortValue: (s) => s.excessRows,
        render: (s) => formatNumber(Math.round(s.excessRows)),
      },
      pValueColumn((s) => s.adjustedPValue, { sortable: false }),
    ],
  });
  return h(
    "div",
    { class: "dl-view dl-collection" },
    header(
      report.title,
      chip(report.verdict.status, TONE[report.verdict.status]),
      joint === null
        ? ""
        : `${formatPercent(joint.uncoveredShare)} of serving rows without training support (chance ${formatPercent(joint.expectedShare)})`,
      `${formatNumber(report.training.rows)} training rows`,
      `${formatNumber(report.serving.rows)} serving rows`,
    ),
    verdictBlock(report.verdict),
    joint !== null && joint.uncovered > 0
      ? h(
          "p",
          { class: "dl-note" },
          `Uncovered rows are far mostly in ${joint.featureContributions
            .slice(0, 4)
            .map((f) => `${f.name} (${formatPercent(f.share, 0)})`)
            .join(", ")}.`,
        )
      : "",
    h("h3", {}, "Under-covered slices"),
    slices.element,
    h("h3", {}, "Per feature"),
    features.element,
    charts(set, [
      [coverageMapChart(report), "Coverage map"],
      [coverageFeatureChart(report), "Serving values training never saw"],
    ]),
  );
}

const REPRESENTATION_TONE = {
  represented: "ok",
  "under-represented": "bad",
  "over-represented": "warn",
} as const;

function renderRepresentation(report: RepresentationJSON, set: ChartSet): HTMLElement {
  type Row = GroupShare & { grouping: string };
  const rows: Row[] = report.groupings.flatMap((g) => g.groups.map((x) => ({ ...x, grouping: g.name })));
  const groups = new DataTable<Row>({
    label: "Groups",
    rows,
    rowKey: (r) => `${r.grouping}/${r.group}`,
    columns: [
      { key: "grouping", label: "Grouping", sortValue: (r) => r.grouping, render: (r) => r.grouping },
      {
        key: "group",
        label: "Group",
        sortValue: (r) => r.group,
        render: (r) => h("span", { class: "dl-feature-name" }, r.group),
      },
      {
        key: "rows",
        label: "Rows",
        numeric: true,
        sortValue: (r) => r.count,
        render: (r) => formatNumber(r.count),
      },
      {
        key: "share",
        label: "Share [CI]",
        numeric: true,
        sortValue: (r) => r.share,
        render: (r) =>
          `${formatPercent(r.share)} [${formatPercent(r.interval.lower)}, ${formatPercent(r.interval.upper)}]`,
      },
      {
        key: "expected",
        label: "Expected",
        numeric: true,
        render: (r) => (r.expected === null ? "–" : `${formatPercent(r.expected)} (${r.expectedFrom ?? ""})`),
      },
      {
        key: "ratio",
        label: "Ratio",
        numeric: true,
        sortValue: (r) => r.ratio,
        render: (r) => formatNumber(r.ratio, 3),
      },
      {
        key: "status",
        label: "Status",
        sortValue: (r) => r.status,
        render: (r) =>
          h(
            "span",
            {},
            chip(r.status, REPRESENTATION_TONE[r.status]),
            r.tooSmall ? chip("too small", "info") : "",
          ),
      },
    ],
  });
  const proxies = new DataTable<ProxyScore>({
    label: "Proxies",
    rows: report.proxies,
    rowKey: (p) => `${p.feature}/${p.attribute}`,
    sort: { key: "auc", descending: true },
    pageSize: 10,
    columns: [
      featureColumn((p) => p.feature, "feature"),
      { key: "attribute", label: "Attribute", sortValue: (p) => p.attribute, render: (p) => p.attribute },
      {
        key: "auc",
        label: "AUC",
        numeric: true,
        sortValue: (p) => p.auc,
        render: (p) => formatNumber(p.auc, 3),
      },
      {
        key: "share",
        label: "Info share",
        numeric: true,
        sortValue: (p) => p.normalized,
        render: (p) => formatPercent(p.normalized),
      },
      pValueColumn((p) => p.adjustedPValue, { sortable: false }),
      {
        key: "strength",
        label: "Proxy",
        sortValue: (p) => p.strength,
        render: (p) => (p.proxy ? chip(p.strength, p.strength === "strong" ? "bad" : "warn") : p.strength),
      },
    ],
  });
  return h(
    "div",
    { class: "dl-view dl-collection" },
    header(
      report.title,
      chip(report.verdict.status, TONE[report.verdict.status]),
      `${formatNumber(report.rows)} rows`,
      `band ×${report.band[0]}–${report.band[1]}`,
      `proxy from AUC ${report.proxyAuc}`,
    ),
    verdictBlock(report.verdict),
    groups.element,
    h("h3", {}, "Proxies: features that predict a protected attribute"),
    proxies.element,
    charts(set, [
      [representationChart(report), "Group shares"],
      [proxyChart(report), "Proxies"],
    ]),
  );
}

export const collectionView: ViewModule = {
  kinds: ["predictive-content", "coverage", "representation"],
  check(report) {
    if (report.kind === "predictive-content") return needArray(report, "features");
    if (report.kind === "coverage") return needArray(report, "features") ?? needArray(report, "slices");
    return needArray(report, "groupings") ?? needArray(report, "proxies");
  },
  render(raw, set) {
    if (raw.kind === "predictive-content")
      return renderPredictive(raw as unknown as PredictiveContentJSON, set);
    if (raw.kind === "coverage") return renderCoverage(raw as unknown as CoverageJSON, set);
    return renderRepresentation(raw as unknown as RepresentationJSON, set);
  },
};
