/**
 * kind "fairness": per-group values of a chosen metric as bars with confidence intervals, the fairness band around
 * the reference, and each group's disparity status; a grouping selector, a metric selector, and a threshold slider
 * (score models) that recomputes every group's rates from the carried score histograms. Then the harm flags, the
 * intersection heatmap and the rates across thresholds (the library's builders).
 */
import { intersectionHeatmap, STATUS_COLORS, thresholdChart } from "../../../src/charts/fairness.js";
import { equalWidthEdges } from "../../../src/core/binning.js";
import { formatNumber, formatPercent, formatPValue } from "../../../src/core/format.js";
import { confusionAt, rateDefinition, rateWithInterval, type RateValue } from "../../../src/core/rates.js";
import type { FairnessJSON, GroupingJSON } from "../report-types.js";
import type { Chart, Spec } from "../ui/chart.js";
import { chip, h, lazySection } from "../ui/dom.js";
import { header, needArray, type ViewModule } from "./view.js";

/** The built-in rate `metric` at these confusion counts with its Wilson interval (the library's definitions). */
function rateAt(
  metric: string,
  confusion: Parameters<typeof rateWithInterval>[1],
  alpha: number,
): RateValue | undefined {
  const definition = rateDefinition(metric);
  return definition === undefined ? undefined : rateWithInterval(definition, confusion, alpha);
}

const STATUS_TEXT: Record<string, string> = {
  harm: "harm flag",
  "outside-band": "outside band (significant)",
  "outside-band-not-significant": "outside band (not significant)",
  "within-band": "within band",
  "not-tested": "not tested",
  reference: "reference",
  "too-small": "too small",
  undefined: "undefined",
};

interface GroupRow {
  group: string;
  n: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  counts: string;
  ratio: number | null;
  pAdjusted: number | null;
  status: string;
}

function metricLabel(json: FairnessJSON, metric: string): string {
  return json.metrics.find((m) => m.name === metric)?.label ?? metric;
}

/** Bars of one metric per group, CI whiskers, the band shaded around the reference, the reference dashed. */
function groupMetricSpec(
  json: FairnessJSON,
  grouping: GroupingJSON,
  metric: string,
  rows: GroupRow[],
  reference: number | null,
  note: string,
): Spec {
  const rate = json.metrics.find((m) => m.name === metric)?.kind === "rate";
  const format = rate ? ".1%" : ".4g";
  const band = json.settings.band;
  const statuses = Object.keys(STATUS_TEXT).filter((s) => rows.some((r) => r.status === STATUS_TEXT[s]));
  const layers: Spec[] = [];
  if (reference !== null) {
    layers.push(
      {
        data: { values: [{ low: reference * band.lower, high: reference * band.upper }] },
        mark: { type: "rect", color: "#2e7d32", opacity: 0.13 },
        encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } },
      },
      {
        data: { values: [{ reference }] },
        mark: { type: "rule", color: "#333", strokeDash: [4, 3] },
        encoding: { x: { field: "reference", type: "quantitative" } },
      },
    );
  }
  const y = { field: "group", type: "nominal", sort: null, title: grouping.name, axis: { labelLimit: 200 } };
  layers.push(
    {
      data: { values: rows },
      mark: { type: "bar", height: { band: 0.6 }, cornerRadiusEnd: 2 },
      encoding: {
        y,
        x: {
          field: "value",
          type: "quantitative",
          title: metricLabel(json, metric),
          axis: { format: rate ? "%" : "~s" },
        },
        color: {
          field: "status",
          type: "nominal",
          title: null,
          scale: {
            domain: statuses.map((s) => STATUS_TEXT[s]),
            range: statuses.map((s) => STATUS_COLORS[s] ?? "#999"),
          },
          legend: { orient: "bottom", direction: "horizontal" },
        },
        tooltip: [
          { field: "group", title: grouping.name },
          { field: "n", type: "quantitative", format: "," },
          { field: "value", type: "quantitative", title: metricLabel(json, metric), format },
          { field: "lower", type: "quantitative", title: "CI lower", format },
          { field: "upper", type: "quantitative", title: "CI upper", format },
          { field: "counts", title: "numerator / denominator" },
          { field: "ratio", type: "quantitative", title: "ratio to reference", format: ".3f" },
          { field: "pAdjusted", type: "quantitative", title: "adjusted p-value", format: ".3g" },
          { field: "status" },
        ],
      },
    },
    {
      data: { values: rows },
      mark: { type: "rule", color: "#333", strokeWidth: 1.5 },
      encoding: { y, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } },
    },
  );
  return {
    title: {
      text: `${metricLabel(json, metric)} by ${grouping.name}`,
      subtitle: `${note}; whiskers: ${Math.round((1 - json.settings.alpha) * 100)}% ${json.settings.ci} interval; shaded: band ${band.lower}–${band.upper} × reference`,
    },
    width: 440,
    height: { step: 26 },
    layer: layers,
  };
}

export const fairnessView: ViewModule = {
  kinds: ["fairness"],
  check: (report) =>
    needArray(report, "groupings") ??
    needArray(report, "metrics") ??
    needArray(report, "flags") ??
    (typeof report.settings === "object" && report.settings !== null ? null : 'its "settings" are missing'),
  render(raw, charts) {
    const json = raw as unknown as FairnessJSON;
    const firstFlag = json.flags[0];
    let grouping: GroupingJSON | undefined =
      json.groupings.find((g) => g.name === firstFlag?.grouping) ?? json.groupings[0];
    const harmMetrics = json.metrics.filter((m) => m.harm !== undefined).map((m) => m.name);
    let metric = firstFlag?.metric ?? harmMetrics[0] ?? json.metrics[0]?.name ?? "";
    const bins = json.settings.scoreBins;
    const edges =
      bins === undefined || json.columns.score === undefined
        ? undefined
        : equalWidthEdges(bins.min, bins.max, bins.bins);
    const reportThreshold = json.settings.threshold ?? 0.5;
    const reportEdge =
      edges === undefined
        ? -1
        : edges.reduce(
            (best, e, i) =>
              Math.abs(e - reportThreshold) < Math.abs(edges[best] - reportThreshold) ? i : best,
            0,
          );
    let edge = reportEdge;

    const rowsAt = (g: GroupingJSON): { rows: GroupRow[]; reference: number | null; note: string } => {
      const atReport =
        edge === reportEdge ||
        edges === undefined ||
        rateDefinition(metric) === undefined ||
        g.stratifiedBy !== undefined;
      if (atReport) {
        return {
          rows: g.groups.map((group) => {
            const v = group.metrics[metric];
            const d = group.disparities[metric];
            return {
              group: group.label,
              n: group.n,
              value: v?.value ?? null,
              lower: v?.lower ?? null,
              upper: v?.upper ?? null,
              counts:
                v?.numerator === undefined
                  ? ""
                  : `${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`,
              ratio: d?.ratio ?? null,
              pAdjusted: d?.adjustedPValue ?? null,
              status: STATUS_TEXT[group.judged ? (d?.status ?? "undefined") : "too-small"],
            };
          }),
          reference: g.reference.values[metric] ?? null,
          note:
            json.columns.score === undefined
              ? "as reported"
              : `at the report's threshold ${formatNumber(reportThreshold)}`,
        };
      }
      const alpha = json.settings.alpha;
      const referenceGroup =
        g.reference.kind === "overall" ? undefined : g.groups.find((x) => x.label === g.reference.group);
      const referenceConfusion = confusionAt(
        referenceGroup?.scoreHistogram ?? json.overall.scoreHistogram,
        edge,
      );
      const reference =
        referenceConfusion === undefined ? null : (rateAt(metric, referenceConfusion, alpha)?.value ?? null);
      const band = json.settings.band;
      const rows = g.groups.map((group) => {
        const confusion = confusionAt(group.scoreHistogram, edge);
        const v: RateValue | undefined =
          confusion === undefined ? undefined : rateAt(metric, confusion, alpha);
        const ratio =
          v?.value === null || v === undefined || reference === null || reference === 0
            ? null
            : v.value / reference;
        const status = !group.judged
          ? "too-small"
          : referenceGroup?.label === group.label
            ? "reference"
            : ratio === null
              ? "undefined"
              : ratio < band.lower || ratio > band.upper
                ? "outside-band-not-significant"
                : "within-band";
        return {
          group: group.label,
          n: group.n,
          value: v?.value ?? null,
          lower: v?.lower ?? null,
          upper: v?.upper ?? null,
          counts: v === undefined ? "" : `${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`,
          ratio,
          pAdjusted: null,
          status:
            status === "outside-band-not-significant" ? "outside band (not retested)" : STATUS_TEXT[status],
        };
      });
      return {
        rows,
        reference,
        note: `recomputed at threshold ${formatNumber(edges![edge], 3)} (significance not retested)`,
      };
    };

    const chartHost = h("div", { class: "dl-fairness-chart" });
    let chart: Chart | undefined;
    const table = h("div", { class: "dl-fairness-table" });
    const draw = () => {
      if (grouping === undefined) return;
      const { rows, reference, note } = rowsAt(grouping);
      const spec = groupMetricSpec(json, grouping, metric, rows, reference, note);
      element.dataset.metric = metric;
      element.dataset.grouping = grouping.name;
      element.dataset.threshold = edges === undefined ? "" : String(edges[edge]);
      if (chart === undefined) {
        chart = charts.add(spec, {
          label: "Metric by group with intervals and the fairness band",
          lazy: false,
        });
        chartHost.replaceChildren(chart.element);
      } else void chart.update(spec);
      table.replaceChildren(
        h(
          "table",
          { class: "dl-table", "aria-label": "Groups" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Group", "n", metricLabel(json, metric), "interval", "counts", "ratio", "status"].map((t, i) =>
                h("th", { class: i === 0 || i === 6 ? undefined : "dl-num" }, t),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            rows.map((r) =>
              h(
                "tr",
                { "data-group": r.group },
                h("td", {}, h("span", { class: "dl-feature-name" }, r.group)),
                h("td", { class: "dl-num" }, formatNumber(r.n)),
                h("td", { class: "dl-num" }, formatPercent(r.value)),
                h(
                  "td",
                  { class: "dl-num" },
                  r.lower === null ? "–" : `${formatPercent(r.lower)}–${formatPercent(r.upper)}`,
                ),
                h("td", { class: "dl-num" }, r.counts),
                h("td", { class: "dl-num" }, r.ratio === null ? "–" : formatNumber(r.ratio, 3)),
                h(
                  "td",
                  {},
                  chip(
                    r.status,
                    r.status.startsWith("harm")
                      ? "bad"
                      : r.status.startsWith("outside")
                        ? "warn"
                        : r.status === "within band"
                          ? "ok"
                          : "info",
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    };

    const groupingSelect = h(
      "select",
      { class: "dl-select", "aria-label": "Grouping" },
      json.groupings.map((g) => h("option", { value: g.name, selected: g === grouping }, g.name)),
    );
    groupingSelect.addEventListener("change", () => {
      grouping = json.groupings.find((g) => g.name === groupingSelect.value);
      draw();
    });
    const metricSelect = h(
      "select",
      { class: "dl-select", "aria-label": "Metric" },
      [...json.metrics]
        .sort((a, b) => Number(b.harm !== undefined) - Number(a.harm !== undefined))
        .map((m) =>
          h(
            "option",
            { value: m.name, selected: m.name === metric, title: m.formula ?? "" },
            `${m.label}${m.harm === undefined ? "" : " ⚑"}`,
          ),
        ),
    );
    metricSelect.addEventListener("change", () => {
      metric = metricSelect.value;
      draw();
      void heatmap?.update(intersectionHeatmap(json, { metric }) ?? {});
      void curves?.update(thresholdChart(json, { grouping: grouping?.name, metric }) ?? {});
    });
    for (const select of [groupingSelect, metricSelect])
      select.addEventListener("keydown", (event) => event.stopPropagation());

    let thresholdControl: HTMLElement | string = "";
    if (edges !== undefined) {
      const output = h("output", { class: "dl-threshold-value" }, formatNumber(edges[edge], 3));
      const slider = h("input", {
        type: "range",
        class: "dl-slider",
        min: 0,
        max: edges.length - 1,
        step: 1,
        value: edge,
        "aria-label": "Decision threshold",
        "aria-valuetext": String(edges[edge]),
      });
      const update = () => {
        edge = Number(slider.value);
        output.textContent = formatNumber(edges[edge], 3);
        slider.setAttribute("aria-valuetext", String(edges[edge]));
        draw();
      };
      slider.addEventListener("input", update);
      // Arrow keys step through the bin edges; handled here because notebook key handling can swallow the
      // range input's default action.
      const steps: Record<string, number> = {
        ArrowRight: 1,
        ArrowUp: 1,
        ArrowLeft: -1,
        ArrowDown: -1,
        PageUp: 5,
        PageDown: -5,
      };
      slider.addEventListener("keydown", (event) => {
        event.stopPropagation();
        const delta =
          steps[event.key] ?? (event.key === "Home" ? -Infinity : event.key === "End" ? Infinity : 0);
        if (delta === 0) return;
        event.preventDefault();
        slider.value = String(Math.max(0, Math.min(edges.length - 1, Number(slider.value) + delta)));
        update();
      });
      const reset = h(
        "button",
        {
          type: "button",
          class: "dl-button",
          onclick: () => {
            slider.value = String(reportEdge);
            update();
          },
        },
        `reset to ${formatNumber(reportThreshold)}`,
      );
      thresholdControl = h("label", { class: "dl-check" }, "threshold", slider, output, reset);
    }

    const pair = json.groupings.find((g) => g.columns.length === 2);
    let heatmap: Chart | undefined;
    let curves: Chart | undefined;
    const flags = json.flags;
    const element = h(
      "div",
      { class: "dl-view dl-fairness" },
      header(
        json.title,
        flags.length === 0
          ? chip("no harm flags", "ok")
          : chip(`${flags.length} harm flag${flags.length === 1 ? "" : "s"}`, "bad"),
        json.outsideBandNotSignificant.length > 0
          ? chip(`${json.outsideBandNotSignificant.length} outside the band, not significant`, "warn")
          : "",
        `${formatNumber(json.rowsUsed)} of ${formatNumber(json.numRows)} rows`,
        `band ${json.settings.band.lower}–${json.settings.band.upper} × ${json.settings.reference}`,
        `${json.settings.correction} correction`,
      ),
      h(
        "div",
        { class: "dl-toolbar" },
        h("label", { class: "dl-check" }, "grouping", groupingSelect),
        h("label", { class: "dl-check" }, "metric", metricSelect),
        thresholdControl,
      ),
      h("div", { class: "dl-split" }, chartHost, table),
      flags.length > 0
        ? lazySection(`Harm flags (${flags.length})`, flags.length <= 6, (body) =>
            body.append(
              h(
                "table",
                { class: "dl-table", "aria-label": "Harm flags" },
                h(
                  "thead",
                  {},
                  h(
                    "tr",
                    {},
                    ["Grouping", "Group", "Metric", "Value", "Reference", "Ratio", "adj. p", "Harm"].map(
                      (t) => h("th", {}, t),
                    ),
                  ),
                ),
                h(
                  "tbody",
                  {},
                  flags.map((f) =>
                    h(
                      "tr",
                      {},
                      h("td", {}, f.grouping),
                      h("td", {}, h("strong", {}, f.group)),
                      h("td", {}, metricLabel(json, f.metric)),
                      h("td", { class: "dl-num" }, formatPercent(f.value)),
                      h("td", { class: "dl-num" }, `${formatPercent(f.referenceValue)} (${f.reference})`),
                      h("td", { class: "dl-num" }, formatNumber(f.ratio, 3)),
                      h("td", { class: "dl-num" }, formatPValue(f.adjustedPValue)),
                      h("td", {}, f.harm ?? ""),
                    ),
                  ),
                ),
              ),
            ),
          )
        : "",
      pair !== undefined
        ? lazySection(`Intersection: ${pair.name}`, true, (body) => {
            const spec = intersectionHeatmap(json, { metric });
            if (spec !== undefined) {
              heatmap = charts.add(spec, { label: "Intersection heatmap" });
              body.append(heatmap.element, h("p", { class: "dl-note" }, "At the report's threshold."));
            }
          })
        : "",
      edges !== undefined
        ? lazySection("Rates across thresholds", false, (body) => {
            const spec = thresholdChart(json, { grouping: grouping?.name, metric });
            if (spec !== undefined) {
              curves = charts.add(spec, { label: "Rates across thresholds" });
              body.append(curves.element);
            }
          })
        : "",
      json.notes.length > 0
        ? h(
            "ul",
            { class: "dl-note" },
            json.notes.map((n) => h("li", {}, n)),
          )
        : "",
    );
    draw();
    return element;
  },
};
