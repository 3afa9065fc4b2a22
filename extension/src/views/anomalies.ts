/**
 * kind "anomalies": what schema validation found, grouped by severity (errors, then warnings, then checks that
 * could not run), each with its catalogued code, what was measured against which bound, and the unexpected values.
 * The comparators measured (drift against the previous span, skew against serving) follow, anomalous or not.
 */
import type { AnomaliesJSON, Anomaly, ComparatorResult } from "../report-types.js";
import { chip, h } from "../ui/dom.js";
import { formatNumber, formatPercent } from "../../../src/core/format.js";
import { featureColumn } from "../ui/columns.js";
import { DataTable } from "../ui/table.js";
import { header, needArray, searchBox, type ViewModule } from "./view.js";

const SEVERITIES = [
  { severity: "error", title: "Errors", tone: "bad", meaning: "the data breaks a constraint of the schema" },
  {
    severity: "warning",
    title: "Warnings",
    tone: "warn",
    meaning: "changes that are often legitimate; review them",
  },
  { severity: "info", title: "Not checked", tone: "info", meaning: "checks that could not run" },
] as const;

function measuredText(a: Anomaly): string {
  const show = (v: number | string | undefined) =>
    v === undefined
      ? ""
      : typeof v === "number"
        ? Math.abs(v) <= 1 && !Number.isInteger(v)
          ? formatPercent(v, 2)
          : formatNumber(v)
        : v;
  if (a.measured === undefined) return "–";
  return a.threshold === undefined ? show(a.measured) : `${show(a.measured)} (bound ${show(a.threshold)})`;
}

function valuesCell(a: Anomaly): Node | string {
  if (a.values === undefined || a.values.length === 0)
    return a.category === undefined ? "" : h("code", {}, a.category);
  return h(
    "span",
    { class: "dl-values" },
    a.values
      .slice(0, 6)
      .map((v) =>
        h(
          "span",
          { class: "dl-value", title: `${formatNumber(v.count)} rows (${formatPercent(v.fraction, 2)})` },
          h("code", {}, v.value),
          ` ${formatPercent(v.fraction)}`,
        ),
      ),
    a.values.length > 6 ? ` +${a.values.length - 6} more` : "",
  );
}

export const anomaliesView: ViewModule = {
  kinds: ["anomalies"],
  check: (report) =>
    needArray(report, "anomalies") ??
    (typeof report.summary === "object" && report.summary !== null ? null : 'its "summary" is missing'),
  render(raw) {
    const report = raw as unknown as AnomaliesJSON;
    const total = report.anomalies.length;
    let filter = "";
    const tables: DataTable<Anomaly>[] = [];
    const sections = SEVERITIES.flatMap(({ severity, title, tone, meaning }) => {
      const rows = report.anomalies.filter((a) => a.severity === severity);
      if (rows.length === 0) return [];
      const table = new DataTable<Anomaly>({
        label: `${title}`,
        rows,
        rowKey: (a) => `${a.feature ?? ""}/${a.code}`,
        pageSize: 20,
        emptyText: "No anomaly matches the filter.",
        columns: [
          {
            key: "feature",
            label: "Feature",
            sortValue: (a) => a.feature ?? "",
            render: (a) =>
              a.feature === null
                ? h("em", {}, "dataset")
                : h("span", { class: "dl-feature-name" }, a.feature),
          },
          {
            key: "code",
            label: "Anomaly",
            sortValue: (a) => a.short,
            render: (a) =>
              h(
                "span",
                { class: "dl-anomaly" },
                h("strong", {}, a.short),
                h("br"),
                h("code", { class: "dl-code" }, a.code),
              ),
          },
          {
            key: "description",
            label: "What was found",
            render: (a) => h("span", { class: "dl-wrap" }, a.description),
          },
          { key: "measured", label: "Measured", numeric: true, render: measuredText },
          { key: "values", label: "Values", render: valuesCell },
        ],
      });
      tables.push(table);
      return [
        h(
          "section",
          { class: "dl-group", "data-severity": severity },
          h(
            "h3",
            {},
            chip(`${rows.length}`, tone),
            ` ${title}`,
            h("span", { class: "dl-hint" }, ` — ${meaning}`),
          ),
          table.element,
        ),
      ];
    });
    const comparisons = report.comparisons ?? [];
    const summary = report.summary;
    const element = h(
      "div",
      { class: "dl-view dl-anomalies" },
      header(
        report.title,
        total === 0
          ? chip("no anomalies", "ok")
          : chip(`${summary.error} error${summary.error === 1 ? "" : "s"}`, summary.error > 0 ? "bad" : "ok"),
        summary.warning > 0
          ? chip(`${summary.warning} warning${summary.warning === 1 ? "" : "s"}`, "warn")
          : "",
        summary.info > 0 ? chip(`${summary.info} not checked`, "info") : "",
        `${formatNumber(report.numRows)} rows`,
        report.environment === null ? "" : `environment ${report.environment}`,
        report.schemaSource === null ? "" : `schema ${report.schemaSource}`,
      ),
      total > 8
        ? h(
            "div",
            { class: "dl-toolbar" },
            searchBox("Filter by feature or code", (text) => {
              filter = text;
              for (const t of tables)
                t.setFilter((a) =>
                  `${a.feature ?? "dataset"} ${a.code} ${a.short}`.toLowerCase().includes(filter),
                );
            }),
          )
        : "",
      total === 0
        ? h("p", { class: "dl-note" }, "The data satisfies every constraint of the schema.")
        : sections,
      comparisons.length > 0
        ? h(
            "section",
            { class: "dl-group", "data-group": "comparisons" },
            h("h3", {}, "Comparators (drift and skew)"),
            new DataTable<ComparatorResult>({
              label: "Comparators",
              rows: comparisons,
              rowKey: (c) => `${c.feature}/${c.against}/${c.measure}`,
              sort: { key: "ratio", descending: true },
              columns: [
                {
                  key: "status",
                  label: "",
                  render: (c) => (c.exceeds ? chip("exceeds", "bad") : chip("ok", "ok")),
                },
                featureColumn((c) => c.feature, "feature"),
                { key: "against", label: "Against", sortValue: (c) => c.against, render: (c) => c.against },
                { key: "measure", label: "Measure", sortValue: (c) => c.measure, render: (c) => c.measure },
                {
                  key: "ratio",
                  label: "Value",
                  numeric: true,
                  sortValue: (c) => c.value / (c.threshold || 1),
                  render: (c) => formatNumber(c.value, 3),
                },
                {
                  key: "threshold",
                  label: "Threshold",
                  numeric: true,
                  render: (c) => formatNumber(c.threshold, 3),
                },
                { key: "category", label: "Largest change", render: (c) => c.category ?? "" },
              ],
            }).element,
          )
        : "",
    );
    return element;
  },
};
