/**
 * kind "profile": a Facets-Overview-like feature table. Numeric (and datetime) features and categorical (text,
 * boolean) features get their own tables with the statistics that fit them, a mini histogram per row, sorting by
 * every column and filtering by name and kind. Selecting a row shows the feature's full distribution below.
 */
import type { FeatureProfile, ProfileJSON } from "../report-types.js";
import type { ChartSet } from "../ui/chart.js";
import { chip, h, segmented } from "../ui/dom.js";
import { formatDate, formatNumber, formatPercent } from "../../../src/core/format.js";
import { zeroFraction } from "../../../src/core/profile.js";
import { miniHistogram, shareBar } from "../ui/sparkline.js";
import { DataTable, type Column } from "../ui/table.js";
import {
  categoryBarsSpec,
  defaultDistributionRange,
  isHeavyTailed,
  numericHistogramSpec,
  type DistributionRange,
} from "../../../src/charts/profile.js";
import { header, needArray, searchBox, type ViewModule } from "./view.js";

const NUMERIC_KINDS = new Set(["numeric"]);
const DATETIME_KINDS = new Set(["datetime"]);

function nameCell(feature: FeatureProfile): HTMLElement {
  return h(
    "span",
    { class: "dl-feature" },
    h("span", { class: "dl-feature-name" }, feature.name),
    h("span", { class: `dl-kind dl-kind-${feature.kind}` }, feature.kind),
  );
}

function missingCell(feature: FeatureProfile): HTMLElement {
  const share = feature.missingFraction ?? 0;
  return h(
    "span",
    {
      class: share > 0 ? "dl-missing dl-missing-some" : "dl-missing",
      title: `${formatNumber(feature.missing)} missing of ${formatNumber(feature.count)} rows`,
    },
    shareBar(share, share > 0 ? "bad" : "neutral", 36),
    formatPercent(share),
  );
}

function numericColumns(): Column<FeatureProfile>[] {
  const stat = (key: "mean" | "std" | "min" | "median" | "max") => (f: FeatureProfile) =>
    f.numeric?.[key] ?? null;
  const dateOr = (f: FeatureProfile, key: "min" | "max") =>
    f.datetime !== undefined
      ? formatDate(f.datetime[key], f.datetime.granularity)
      : formatNumber(f.numeric?.[key]);
  return [
    { key: "name", label: "Feature", sortValue: (f) => f.name, render: nameCell, pinned: true },
    {
      key: "count",
      label: "Count",
      description: "rows",
      numeric: true,
      sortValue: (f) => f.count,
      render: (f) => formatNumber(f.count),
    },
    {
      key: "missing",
      label: "Missing",
      description: "share of rows with no value",
      numeric: true,
      sortValue: (f) => f.missingFraction,
      render: missingCell,
    },
    {
      key: "mean",
      label: "Mean",
      numeric: true,
      sortValue: stat("mean"),
      render: (f) => formatNumber(f.numeric?.mean),
    },
    {
      key: "std",
      label: "Std dev",
      description: "sample standard deviation (ddof 1)",
      numeric: true,
      sortValue: stat("std"),
      render: (f) => formatNumber(f.numeric?.std),
    },
    {
      key: "zeros",
      label: "Zeros",
      description: "share of present values equal to 0",
      numeric: true,
      sortValue: (f) => zeroFraction(f) ?? null,
      render: (f) => formatPercent(zeroFraction(f)),
    },
    {
      key: "min",
      label: "Min",
      numeric: true,
      sortValue: (f) => f.numeric?.min ?? (f.datetime ? Date.parse(f.datetime.min) : null),
      render: (f) => dateOr(f, "min"),
    },
    {
      key: "median",
      label: "Median",
      numeric: true,
      sortValue: stat("median"),
      render: (f) => formatNumber(f.numeric?.median),
    },
    {
      key: "max",
      label: "Max",
      numeric: true,
      sortValue: (f) => f.numeric?.max ?? (f.datetime ? Date.parse(f.datetime.max) : null),
      render: (f) => dateOr(f, "max"),
    },
    {
      key: "histogram",
      label: "Distribution",
      description: "equal-width histogram from min to max",
      render: (f) => {
        const histogram = f.numeric?.histogram ?? f.datetime?.histogram;
        return histogram === undefined
          ? "–"
          : miniHistogram(histogram.counts, `${f.name}: histogram of ${histogram.counts.length} buckets`);
      },
    },
  ];
}

function datetimeColumns(): Column<FeatureProfile>[] {
  const instant = (f: FeatureProfile, key: "min" | "max") =>
    f.datetime === undefined ? null : Date.parse(f.datetime[key]);
  return [
    { key: "name", label: "Feature", sortValue: (f) => f.name, render: nameCell, pinned: true },
    {
      key: "count",
      label: "Count",
      description: "rows",
      numeric: true,
      sortValue: (f) => f.count,
      render: (f) => formatNumber(f.count),
    },
    {
      key: "missing",
      label: "Missing",
      description: "share of rows with no value",
      numeric: true,
      sortValue: (f) => f.missingFraction,
      render: missingCell,
    },
    {
      key: "min",
      label: "From",
      numeric: true,
      sortValue: (f) => instant(f, "min"),
      render: (f) => (f.datetime === undefined ? "–" : formatDate(f.datetime.min, f.datetime.granularity)),
    },
    {
      key: "max",
      label: "To",
      numeric: true,
      sortValue: (f) => instant(f, "max"),
      render: (f) => (f.datetime === undefined ? "–" : formatDate(f.datetime.max, f.datetime.granularity)),
    },
    {
      key: "granularity",
      label: "Granularity",
      sortValue: (f) => f.datetime?.granularity ?? null,
      render: (f) => f.datetime?.granularity ?? "–",
    },
    {
      key: "histogram",
      label: "Distribution",
      description: "equal-width histogram over time",
      render: (f) =>
        f.datetime === undefined
          ? "–"
          : miniHistogram(
              f.datetime.histogram.counts,
              `${f.name}: histogram of ${f.datetime.histogram.counts.length} buckets`,
            ),
    },
  ];
}

function topValues(feature: FeatureProfile): { value: string; count: number }[] {
  if (feature.categorical !== undefined) return feature.categorical.top;
  if (feature.boolean !== undefined) {
    return [
      { value: "true", count: feature.boolean.trueCount },
      { value: "false", count: feature.boolean.falseCount },
    ].sort((a, b) => b.count - a.count);
  }
  return [];
}

function categoricalColumns(): Column<FeatureProfile>[] {
  const present = (f: FeatureProfile) => Math.max(1, f.count - f.missing);
  return [
    { key: "name", label: "Feature", sortValue: (f) => f.name, render: nameCell, pinned: true },
    {
      key: "count",
      label: "Count",
      numeric: true,
      sortValue: (f) => f.count,
      render: (f) => formatNumber(f.count),
    },
    {
      key: "missing",
      label: "Missing",
      numeric: true,
      sortValue: (f) => f.missingFraction,
      render: missingCell,
    },
    {
      key: "unique",
      label: "Unique",
      description: "distinct present values (≈ when estimated by HyperLogLog)",
      numeric: true,
      sortValue: (f) => f.categorical?.unique ?? (f.boolean ? 2 : null),
      render: (f) =>
        f.categorical === undefined
          ? f.boolean === undefined
            ? "–"
            : "2"
          : `${f.categorical.uniqueMethod === "sketch" ? "≈" : ""}${formatNumber(f.categorical.unique)}`,
    },
    {
      key: "top",
      label: "Top value",
      sortValue: (f) => topValues(f)[0]?.value ?? null,
      render: (f) =>
        h(
          "span",
          { class: "dl-top-value", title: topValues(f)[0]?.value ?? "" },
          topValues(f)[0]?.value ?? "–",
        ),
    },
    {
      key: "topShare",
      label: "Top freq",
      description: "share of present values taken by the top value",
      numeric: true,
      sortValue: (f) => (topValues(f)[0]?.count ?? 0) / present(f),
      render: (f) => {
        const share = formatPercent((topValues(f)[0]?.count ?? 0) / present(f));
        const c = f.categorical;
        if (c === undefined || c.countsExact) return share;
        // Misra–Gries counts: the true count is in [count, count + countsErrorBound].
        const upper = ((topValues(f)[0]?.count ?? 0) + (c.countsErrorBound ?? 0)) / present(f);
        return h(
          "span",
          {
            title: `approximate (Misra–Gries summary): true share between ${share} and ${formatPercent(upper)}`,
          },
          `≈${share} (≤${formatPercent(upper)})`,
        );
      },
    },
    {
      key: "length",
      label: "Avg length",
      description: "average length in characters",
      numeric: true,
      sortValue: (f) => f.categorical?.averageLength ?? null,
      render: (f) => formatNumber(f.categorical?.averageLength, 3),
    },
    {
      key: "distribution",
      label: "Top values",
      render: (f) => {
        const top = topValues(f).slice(0, 12);
        return top.length === 0
          ? "–"
          : miniHistogram(
              top.map((t) => t.count),
              `${f.name}: counts of the ${top.length} most frequent values`,
            );
      },
    },
  ];
}

function statList(entries: [string, string][]): HTMLElement {
  return h(
    "dl",
    { class: "dl-stats" },
    entries.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

function featureDetail(feature: FeatureProfile, charts: ChartSet): HTMLElement {
  const body = h("div", { class: "dl-detail-body" });
  const n = feature.numeric;
  if (n !== undefined) {
    const chartHost = h("div", { class: "dl-distribution" });
    let range: DistributionRange = defaultDistributionRange(n);
    let chartSet = charts.child();
    const draw = () => {
      chartSet.dispose();
      chartSet = charts.child();
      chartHost.replaceChildren(
        chartSet.add(numericHistogramSpec(feature.name, n.histogram, { numeric: n, range }), {
          label: `Histogram of ${feature.name}`,
          lazy: false,
        }).element,
      );
      chartHost.dataset.range = range;
    };
    draw();
    const rangeToggle = isHeavyTailed(n)
      ? segmented(
          `Range of the ${feature.name} chart`,
          [
            { value: "bulk" as const, label: "p1–p99" },
            { value: "full" as const, label: "min–max" },
          ],
          range,
          (value) => {
            range = value;
            draw();
          },
        )
      : "";
    body.append(
      h("div", { class: "dl-chart-block" }, rangeToggle, chartHost),
      statList([
        ["finite values", formatNumber(n.finiteCount)],
        ["mean ± std", `${formatNumber(n.mean)} ± ${formatNumber(n.std)}`],
        ["skewness", formatNumber(n.skewness, 3)],
        ["excess kurtosis", formatNumber(n.kurtosis, 3)],
        ["zeros", formatNumber(n.zeros)],
        ["NaN / ±∞", `${formatNumber(n.nan)} / ${formatNumber(n.positiveInfinity + n.negativeInfinity)}`],
        ["sum", formatNumber(n.sum)],
        [
          "quantiles",
          n.quantileMethod === "exact"
            ? "exact"
            : `sketch (rank error ≤ ${formatPercent(n.quantileRankError, 2)})`,
        ],
      ]),
      h(
        "table",
        { class: "dl-table dl-quantiles", "aria-label": `Quantiles of ${feature.name}` },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "quantile"),
            n.quantiles.map((q) => h("th", { class: "dl-num" }, `p${Math.round(q.q * 100)}`)),
          ),
        ),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "value"),
            n.quantiles.map((q) => h("td", { class: "dl-num" }, formatNumber(q.value))),
          ),
        ),
      ),
    );
  } else if (feature.datetime !== undefined) {
    const d = feature.datetime;
    body.append(
      charts.add(numericHistogramSpec(feature.name, d.histogram, { datetime: true }), {
        label: `Histogram of ${feature.name}`,
        lazy: false,
      }).element,
      statList([
        ["from", formatDate(d.min, d.granularity)],
        ["to", formatDate(d.max, d.granularity)],
        ["granularity", d.granularity],
      ]),
    );
  } else {
    const top = topValues(feature);
    const present = Math.max(1, feature.count - feature.missing);
    if (top.length > 0) {
      body.append(
        charts.add(categoryBarsSpec(feature.name, top, present), {
          label: `Top values of ${feature.name}`,
          lazy: false,
        }).element,
      );
    }
    const c = feature.categorical;
    body.append(
      statList(
        c === undefined
          ? [
              [
                "true",
                `${formatNumber(feature.boolean?.trueCount)} (${formatPercent(feature.boolean?.trueFraction)})`,
              ],
            ]
          : [
              [
                "unique",
                `${formatNumber(c.unique)} (${c.uniqueMethod === "exact" ? "exact" : `≈ ±${formatPercent(c.uniqueRelativeError)}`})`,
              ],
              ["counts", c.countsExact ? "exact" : "estimated (heavy hitters)"],
              [
                "length",
                `${formatNumber(c.minLength)}–${formatNumber(c.maxLength)} characters, ${formatNumber(c.averageLength, 3)} on average`,
              ],
              ["top values shown", `${Math.min(top.length, 20)} of ${formatNumber(c.unique)}`],
            ],
      ),
    );
  }
  return h(
    "section",
    { class: "dl-detail", "aria-label": `Details of ${feature.name}`, "data-feature": feature.name },
    h(
      "h3",
      {},
      feature.name,
      " ",
      h("span", { class: `dl-kind dl-kind-${feature.kind}` }, feature.kind),
      " ",
      missingCell(feature),
    ),
    body,
  );
}

export const profileView: ViewModule = {
  kinds: ["profile"],
  check: (report) => needArray(report, "features"),
  render(raw, charts) {
    const report = raw as unknown as ProfileJSON;
    const features = report.features;
    const numeric = features.filter((f) => NUMERIC_KINDS.has(f.kind));
    const datetimes = features.filter((f) => DATETIME_KINDS.has(f.kind));
    const categorical = features.filter((f) => !NUMERIC_KINDS.has(f.kind) && !DATETIME_KINDS.has(f.kind));
    const withMissing = features.filter((f) => f.missing > 0).length;
    const kinds = [...new Set(features.map((f) => f.kind))];
    const kindCounts = kinds.map((k) => `${features.filter((f) => f.kind === k).length} ${k}`).join(", ");

    let nameFilter = "";
    let kindFilter = "";
    const matches = (f: FeatureProfile) =>
      (kindFilter === "" || f.kind === kindFilter) && f.name.toLowerCase().includes(nameFilter);

    const detailHost = h("div", { class: "dl-detail-host", "aria-live": "polite" });
    let detailCharts: ChartSet | undefined;
    const tables: DataTable<FeatureProfile>[] = [];
    const showDetail = (feature: FeatureProfile, from: DataTable<FeatureProfile>) => {
      for (const t of tables) if (t !== from) t.select(undefined);
      detailCharts?.dispose();
      detailCharts = charts.child();
      detailHost.replaceChildren(featureDetail(feature, detailCharts));
    };
    const makeTable = (label: string, rows: FeatureProfile[], columns: Column<FeatureProfile>[]) => {
      const table: DataTable<FeatureProfile> = new DataTable({
        label,
        columns,
        rows,
        rowKey: (f) => f.name,
        pageSize: 20,
        onSelect: (f) => showDetail(f, table),
        emptyText: "No feature matches the filter.",
      });
      tables.push(table);
      return table;
    };

    const sections: HTMLElement[] = [];
    if (numeric.length > 0) {
      const table = makeTable("Numeric features", numeric, numericColumns());
      sections.push(
        h(
          "section",
          { class: "dl-group", "data-group": "numeric" },
          h("h3", {}, `Numeric features (${numeric.length})`),
          table.element,
        ),
      );
    }
    if (datetimes.length > 0) {
      const table = makeTable("Datetime features", datetimes, datetimeColumns());
      sections.push(
        h(
          "section",
          { class: "dl-group", "data-group": "datetime" },
          h("h3", {}, `Datetime features (${datetimes.length})`),
          table.element,
        ),
      );
    }
    if (categorical.length > 0) {
      const table = makeTable("Categorical features", categorical, categoricalColumns());
      sections.push(
        h(
          "section",
          { class: "dl-group", "data-group": "categorical" },
          h("h3", {}, `Categorical features (${categorical.length})`),
          table.element,
        ),
      );
    }
    const refilter = () => {
      for (const t of tables) t.setFilter(matches);
    };
    const kindSelect = h(
      "select",
      { class: "dl-select", "aria-label": "Show features of kind" },
      h("option", { value: "" }, "All kinds"),
      kinds.map((k) => h("option", { value: k }, k)),
    );
    kindSelect.addEventListener("change", () => {
      kindFilter = kindSelect.value;
      refilter();
    });
    const toolbar = h(
      "div",
      { class: "dl-toolbar" },
      searchBox("Filter features by name", (text) => {
        nameFilter = text;
        refilter();
      }),
      kindSelect,
      h(
        "span",
        { class: "dl-hint" },
        "Click a row (or press Enter) for its distribution; click a header to sort.",
      ),
    );

    const element = h(
      "div",
      { class: "dl-view dl-profile" },
      header(
        report.title,
        `${formatNumber(report.numRows)} rows`,
        `${features.length} features (${kindCounts})`,
        withMissing > 0
          ? chip(`${withMissing} with missing values`, "warn")
          : chip("no missing values", "ok"),
        report.slices !== undefined && report.slices.length > 0 ? `${report.slices.length} slices` : "",
      ),
      toolbar,
      sections,
      detailHost,
    );
    // Facets opens on the data; show the first feature's distribution so the view is never empty below the tables.
    if (features.length > 0) {
      const first = numeric[0] ?? datetimes[0] ?? categorical[0];
      const table = tables.find((t) => t.hasRow(first.name)) ?? tables[0];
      table.select(first.name);
      showDetail(first, table);
    }
    return element;
  },
};
