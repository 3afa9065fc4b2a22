/**
 * kind "drift": the verdict, a table of features sorted by drift score with status chips, and the selected
 * feature's overlay of both distributions (histogram ⇄ ECDF, linear ⇄ log; hover for exact numbers), then the
 * summary chart of every feature. Charts come from the library's shared builders.
 */
import { driftSummarySpec, featureOverlaySpec } from "../charts.js";
import type { DriftJSON, FeatureDrift, SideSummary } from "../report-types.js";
import type { Chart } from "../ui/chart.js";
import { chip, h, lazySection, segmented } from "../ui/dom.js";
import { formatNumber, formatPercent, formatPValue } from "../../../src/core/format.js";
import { shareBar } from "../ui/sparkline.js";
import { featureColumn, statisticColumn } from "../ui/columns.js";
import { DataTable } from "../ui/table.js";
import { header, needArray, searchBox, type ViewModule } from "./view.js";

type OverlayView = "histogram" | "ecdf";
type OverlayScale = "linear" | "log";

/** "p < 0.05", "≥ 0.1": when the feature counts as drifted. */
export function ruleText(f: FeatureDrift): string {
  return `${f.comparison === ">=" ? "≥" : f.comparison === "p<=" ? "p ≤" : "p <"} ${formatNumber(f.threshold)}`;
}

function statusChip(f: FeatureDrift): HTMLElement {
  return f.drifted
    ? chip("drift", "bad", `drift score ${formatNumber(f.strength, 3)} × threshold`)
    : chip("ok", "ok");
}

function strengthCell(f: FeatureDrift): HTMLElement {
  const strength = Number.isFinite(f.strength) ? f.strength : 10;
  return h(
    "span",
    { class: "dl-strength", title: "drift score ÷ threshold (≥ 1 means drift)" },
    shareBar(Math.min(strength, 2) / 2, f.drifted ? "bad" : "neutral", 40),
    formatNumber(f.strength, 3),
  );
}

function sideRows(report: DriftJSON, f: FeatureDrift): HTMLElement {
  const row = (label: string, pick: (s: SideSummary) => string) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, label),
      h("td", { class: "dl-num" }, pick(f.reference)),
      h("td", { class: "dl-num" }, pick(f.current)),
    );
  const rows = [
    row("rows", (s) => formatNumber(s.count)),
    row("missing", (s) => `${formatNumber(s.missing)} (${formatPercent(s.missing / Math.max(1, s.count))})`),
  ];
  if (f.reference.mean !== undefined) {
    rows.push(
      row("mean", (s) => formatNumber(s.mean)),
      row("std dev", (s) => formatNumber(s.std)),
      row("min", (s) => formatNumber(s.min)),
      row("max", (s) => formatNumber(s.max)),
    );
  }
  if (f.reference.categories !== undefined) rows.push(row("categories", (s) => formatNumber(s.categories)));
  return h(
    "table",
    { class: "dl-table dl-sides", "aria-label": `${f.name}: reference and current` },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, ""),
        h("th", { class: "dl-num" }, report.reference.name),
        h("th", { class: "dl-num" }, report.current.name),
      ),
    ),
    h("tbody", {}, rows),
  );
}

export const driftView: ViewModule = {
  kinds: ["drift"],
  check: (report) =>
    needArray(report, "features") ??
    (typeof report.dataset === "object" && report.dataset !== null
      ? null
      : 'its "dataset" verdict is missing') ??
    ((report.features as unknown[]).every((f) => typeof f === "object" && f !== null && "distribution" in f)
      ? null
      : "a feature has no distribution"),
  render(raw, charts) {
    const report = raw as unknown as DriftJSON;
    const d = report.dataset;
    let view: OverlayView = "histogram";
    let scale: OverlayScale = "linear";
    let selected: FeatureDrift | undefined = report.features[0];
    let overlay: Chart | undefined;

    const overlaySpec = (f: FeatureDrift) => {
      const spec = featureOverlaySpec(report, f, {
        view: f.distribution?.type === "categorical" ? "histogram" : view,
        scale,
        width: 420,
        height: 190,
      });
      // The detail's heading already names the feature and says what changed.
      delete spec.title;
      return spec;
    };

    const detailTitle = h("h3", { class: "dl-detail-title" });
    const detailFacts = h("p", { class: "dl-detail-facts" });
    const sides = h("div", { class: "dl-sides-host" });
    const viewToggle = segmented(
      "Distribution view",
      [
        { value: "histogram", label: "Histogram" },
        { value: "ecdf", label: "ECDF" },
      ],
      view,
      (value) => {
        view = value;
        void drawSelected();
      },
    );
    const scaleToggle = segmented(
      "Scale of the share axis",
      [
        { value: "linear", label: "Linear" },
        { value: "log", label: "Log" },
      ],
      scale,
      (value) => {
        scale = value;
        void drawSelected();
      },
    );
    const chartHost = h("div", { class: "dl-overlay-host" });
    const detail = h(
      "section",
      { class: "dl-detail dl-drift-detail", "aria-live": "polite" },
      detailTitle,
      h(
        "div",
        { class: "dl-detail-body" },
        h("div", {}, h("div", { class: "dl-toolbar" }, viewToggle, scaleToggle), chartHost),
        h("div", { class: "dl-detail-side" }, detailFacts, sides),
      ),
    );

    const drawSelected = async () => {
      const f = selected;
      if (f === undefined) {
        detail.hidden = true;
        return;
      }
      detail.hidden = false;
      detail.dataset.feature = f.name;
      detailTitle.replaceChildren(
        f.name,
        " ",
        statusChip(f),
        " ",
        h("span", { class: `dl-kind dl-kind-${f.kind}` }, f.kind),
      );
      detailFacts.replaceChildren(
        `${f.methodLabel}${f.approximate ? " (from sketches, approximate)" : ""}: statistic ${formatNumber(f.statistic, 4)}`,
        f.pValue === null
          ? ""
          : `, p = ${formatPValue(f.pValue)}${f.adjustedPValue === null ? "" : ` (adjusted ${formatPValue(f.adjustedPValue)})`}`,
        `; drift if ${ruleText(f)}. `,
        h("strong", {}, f.summary),
      );
      // ECDF needs quantiles, which only numeric distributions carry.
      viewToggle.hidden = f.distribution === null || f.distribution.type === "categorical";
      sides.replaceChildren(sideRows(report, f));
      if (overlay === undefined) {
        overlay = charts.add(overlaySpec(f), { label: `Distributions of ${f.name}`, lazy: false });
        chartHost.replaceChildren(overlay.element);
        await overlay.ready;
      } else {
        await overlay.update(overlaySpec(f));
      }
    };

    let nameFilter = "";
    let driftedOnly = false;
    const table = new DataTable<FeatureDrift>({
      label: "Features by drift score",
      rows: report.features,
      rowKey: (f) => f.name,
      pageSize: 15,
      sort: { key: "strength", descending: true },
      emptyText: "No feature matches the filter.",
      onSelect: (f) => {
        selected = f;
        void drawSelected();
      },
      columns: [
        { key: "status", label: "Status", sortValue: (f) => (f.drifted ? 1 : 0), render: statusChip },
        featureColumn((f) => f.name),
        {
          key: "kind",
          label: "Kind",
          sortValue: (f) => f.kind,
          render: (f) => h("span", { class: `dl-kind dl-kind-${f.kind}` }, f.kind),
        },
        {
          key: "method",
          label: "Method",
          sortValue: (f) => f.methodLabel,
          render: (f) => f.methodLabel + (f.approximate ? " ≈" : ""),
        },
        {
          key: "strength",
          label: "Score ÷ threshold",
          description: "drift strength comparable across methods: ≥ 1 means drift",
          numeric: true,
          sortValue: (f) => (Number.isFinite(f.strength) ? f.strength : Number.MAX_VALUE),
          render: strengthCell,
        },
        statisticColumn((f) => f.statistic),
        {
          key: "pValue",
          label: "p-value",
          numeric: true,
          sortValue: (f) => f.pValue,
          render: (f) => formatPValue(f.adjustedPValue ?? f.pValue),
        },
        { key: "rule", label: "Drift if", render: ruleText },
        {
          key: "summary",
          label: "What changed",
          render: (f) => h("span", { class: "dl-summary", title: f.summary }, f.summary),
        },
      ],
    });
    if (selected !== undefined) {
      // The most drifted feature opens selected.
      selected = table.visibleRows[0];
      table.select(selected?.name);
    }
    const refilter = () =>
      table.setFilter((f) => (!driftedOnly || f.drifted) && f.name.toLowerCase().includes(nameFilter));
    const driftedBox = h("input", { type: "checkbox", class: "dl-checkbox" });
    driftedBox.addEventListener("change", () => {
      driftedOnly = driftedBox.checked;
      refilter();
    });

    const verdict = d.datasetDrift
      ? chip(`Dataset drift: ${d.drifted} of ${d.features} features drifted`, "bad")
      : chip(
          `No dataset drift: ${d.drifted} of ${d.features} features drifted`,
          d.drifted > 0 ? "warn" : "ok",
        );
    const element = h(
      "div",
      { class: "dl-view dl-drift" },
      header(
        report.title,
        verdict,
        `drift share ${formatPercent(d.share, 0)} (dataset drift at ${formatPercent(d.driftShare, 0)})`,
        `${report.reference.name}: ${formatNumber(report.reference.numRows)} rows`,
        `${report.current.name}: ${formatNumber(report.current.numRows)} rows`,
        report.correction !== "none" ? `${report.correction} correction` : "",
      ),
      h(
        "div",
        { class: "dl-toolbar" },
        searchBox("Filter features by name", (text) => {
          nameFilter = text;
          refilter();
        }),
        h("label", { class: "dl-check" }, driftedBox, " drifted only"),
        h("span", { class: "dl-hint" }, "Select a feature (click or Enter) to compare its distributions."),
      ),
      table.element,
      detail,
      report.skipped.length > 0
        ? h(
            "p",
            { class: "dl-note" },
            `Not compared: ${report.skipped.map((s) => `${s.name} (${s.reason})`).join("; ")}`,
          )
        : "",
      report.features.length > 0
        ? lazySection(`Summary chart: every feature's score`, report.features.length <= 40, (body) => {
            body.append(
              charts.add(driftSummarySpec(report, { maxFeatures: 60 }), { label: "Drift summary chart" })
                .element,
            );
            if (report.features.length > 60)
              body.append(
                h(
                  "p",
                  { class: "dl-note" },
                  `The 60 most drifted of ${report.features.length} features are shown.`,
                ),
              );
          })
        : "",
    );
    void drawSelected();
    return element;
  },
};
