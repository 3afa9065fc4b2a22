/**
 * kind "drift-timeline": the windows × features heatmap (the library's builder); clicking a cell, an alarm, or
 * choosing a window in the selector drills into that window: its alarms, incidents and every feature's test.
 */
import { timelineHeatmapSpec } from "../charts.js";
import type { TimelineJSON, TimelineWindow, WindowFeature } from "../report-types.js";
import type { Chart, Spec } from "../ui/chart.js";
import { chip, h } from "../ui/dom.js";
import { formatNumber, formatPercent } from "../../../src/core/format.js";
import { featureColumn, pValueColumn, statisticColumn } from "../ui/columns.js";
import { DataTable } from "../ui/table.js";
import { header, needArray, type ViewModule } from "./view.js";

/** The heatmap with the selected window outlined. */
function heatmapSpec(report: TimelineJSON, window: string | undefined): Spec {
  const spec = timelineHeatmapSpec(report) as Spec & { layer: Spec[] };
  if (window === undefined) return spec;
  return {
    ...spec,
    layer: [
      ...spec.layer,
      {
        transform: [{ filter: { field: "window", equal: window } }],
        mark: { type: "rect", fill: null, stroke: "#111", strokeWidth: 2 },
      },
    ],
  };
}

function windowStatus(report: TimelineJSON, w: TimelineWindow): HTMLElement {
  const alarm = report.alarms.find((a) => a.window === w.label);
  if (w.role === "reference") return chip("reference", "info");
  if (w.role === "too-small") return chip("too small to test", "info");
  if (alarm !== undefined) return chip(w.datasetDrift === true ? "dataset drift" : "alarm", "bad");
  return Object.values(w.features).some((f) => f.drifted) ? chip("some drift", "warn") : chip("ok", "ok");
}

function windowDetail(report: TimelineJSON, w: TimelineWindow): HTMLElement {
  const alarm = report.alarms.find((a) => a.window === w.label);
  const incidents = report.incidents.filter((i) => i.window === w.label);
  const rows = Object.entries(w.features).map(([name, f]) => ({ name, ...f }));
  const tested = rows.length;
  const drifted = rows.filter((r) => r.drifted).length;
  const parts: (Node | string)[] = [
    h("h3", { class: "dl-detail-title" }, `Window ${w.label}`, " ", windowStatus(report, w)),
    h(
      "p",
      { class: "dl-detail-facts" },
      `${formatNumber(w.numRows)} rows`,
      w.role === "window"
        ? ` · ${drifted} of ${tested} features drifted (${formatPercent(w.share ?? drifted / Math.max(1, tested), 0)})`
        : "",
      ` · ${new Date(w.start).toISOString().slice(0, 10)} to ${new Date(w.end).toISOString().slice(0, 10)}`,
    ),
  ];
  if (alarm !== undefined) {
    parts.push(
      h(
        "div",
        { class: "dl-alarm", role: "note" },
        h("strong", {}, "Alarm: "),
        h(
          "ul",
          {},
          alarm.reasons.map((r) => h("li", {}, r)),
        ),
        alarm.features.length > 0 ? h("p", {}, "Features responsible: ", alarm.features.join(", ")) : "",
      ),
    );
  }
  if (incidents.length > 0) {
    parts.push(
      h(
        "table",
        { class: "dl-table dl-incidents", "aria-label": `Incidents in ${w.label}` },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Severity"),
            h("th", {}, "Feature"),
            h("th", {}, "Incident"),
            h("th", {}, "What happened"),
          ),
        ),
        h(
          "tbody",
          {},
          incidents.map((i) =>
            h(
              "tr",
              {},
              h("td", {}, chip(i.severity, i.severity === "error" ? "bad" : "warn")),
              h("td", {}, i.feature ?? "(all rows)"),
              h("td", {}, h("code", {}, i.code)),
              h("td", {}, i.message),
            ),
          ),
        ),
      ),
    );
  }
  if (rows.length > 0) {
    const table = new DataTable<WindowFeature & { name: string }>({
      label: `Features in ${w.label}`,
      rows,
      rowKey: (r) => r.name,
      pageSize: 15,
      sort: { key: "strength", descending: true },
      columns: [
        {
          key: "status",
          label: "Status",
          sortValue: (r) => (r.drifted ? 1 : 0),
          render: (r) => (r.drifted ? chip("drift", "bad") : chip("ok", "ok")),
        },
        featureColumn((r) => r.name),
        { key: "method", label: "Method", sortValue: (r) => r.method, render: (r) => r.method },
        {
          key: "strength",
          label: "Score ÷ threshold",
          numeric: true,
          sortValue: (r) => (Number.isFinite(r.strength) ? r.strength : Number.MAX_VALUE),
          render: (r) => formatNumber(r.strength, 3),
        },
        statisticColumn((r) => r.statistic),
        pValueColumn((r) => r.pValue, { key: "pValue", label: "p-value" }),
        {
          key: "summary",
          label: "What changed",
          render: (r) => h("span", { class: "dl-summary", title: r.summary }, r.summary),
        },
      ],
    });
    parts.push(table.element);
  } else if (w.role !== "window") {
    parts.push(
      h(
        "p",
        { class: "dl-note" },
        w.role === "reference"
          ? "The other windows are compared with this one."
          : "Too few rows to test drift in this window.",
      ),
    );
  }
  return h(
    "section",
    { class: "dl-detail dl-window-detail", "data-window": w.label, "aria-live": "polite" },
    parts,
  );
}

export const timelineView: ViewModule = {
  kinds: ["drift-timeline"],
  check: (report) =>
    needArray(report, "windows") ??
    needArray(report, "features") ??
    needArray(report, "alarms") ??
    needArray(report, "incidents"),
  render(raw, charts) {
    const report = raw as unknown as TimelineJSON;
    const windows = report.windows;
    // Open on the first alarm (what a reader wants to see), else the last window.
    let selected: string | undefined = report.alarms[0]?.window ?? windows[windows.length - 1]?.label;
    const detailHost = h("div", { class: "dl-detail-host" });

    const select = (label: string | undefined) => {
      const w = windows.find((x) => x.label === label);
      if (w === undefined) return;
      selected = w.label;
      windowSelect.value = w.label;
      detailHost.replaceChildren(windowDetail(report, w));
      for (const b of alarmList.querySelectorAll("button"))
        b.setAttribute("aria-pressed", b.dataset.window === label ? "true" : "false");
      void heatmap?.update(heatmapSpec(report, label));
    };

    const windowSelect = h(
      "select",
      { class: "dl-select", "aria-label": "Window" },
      windows.map((w) => h("option", { value: w.label }, `${w.label} (${formatNumber(w.numRows)} rows)`)),
    );
    windowSelect.addEventListener("change", () => select(windowSelect.value));
    windowSelect.addEventListener("keydown", (event) => event.stopPropagation());
    const step = (delta: number) => {
      const index = windows.findIndex((w) => w.label === selected);
      select(windows[Math.max(0, Math.min(windows.length - 1, index + delta))]?.label);
    };
    const alarmList = h(
      "div",
      { class: "dl-alarm-list", role: "group", "aria-label": "Alarms" },
      report.alarms.length === 0
        ? chip("no alarms", "ok")
        : report.alarms.map((a) =>
            h(
              "button",
              {
                type: "button",
                class: "dl-alarm-button",
                "data-window": a.window,
                title: a.reasons.join("\n"),
                onclick: () => select(a.window),
              },
              h("strong", {}, a.window),
              " ",
              a.reasons[0].length > 60 ? `${a.reasons[0].slice(0, 59)}…` : a.reasons[0],
              a.reasons.length > 1 ? ` (+${a.reasons.length - 1})` : "",
            ),
          ),
    );

    // Declared after `select`, which reads it: select runs only once everything here is built (below, and on clicks).
    const heatmap: Chart | undefined =
      report.features.length > 0 && windows.length > 0
        ? charts.add(heatmapSpec(report, selected), {
            label: "Drift by window heatmap",
            onClick: (datum) => {
              if (typeof datum.window === "string") select(datum.window);
            },
          })
        : undefined;
    const tested = windows.filter((w) => w.role === "window");
    const element = h(
      "div",
      { class: "dl-view dl-timeline" },
      header(
        report.title,
        report.alarms.length === 0
          ? chip("no alarms", "ok")
          : chip(`${report.alarms.length} alarm${report.alarms.length === 1 ? "" : "s"}`, "bad"),
        `${windows.length} windows${report.every === null ? "" : ` of ${report.every}`} by ${report.time}`,
        `${tested.filter((w) => w.datasetDrift === true).length} with dataset drift`,
        `reference: ${report.referenceMode}`,
        `${report.features.length} features`,
      ),
      h("div", { class: "dl-toolbar" }, h("span", { class: "dl-label" }, "Alarms:"), alarmList),
      heatmap?.element ?? h("p", { class: "dl-note" }, "No features or windows to show."),
      h(
        "div",
        { class: "dl-toolbar" },
        h(
          "button",
          { type: "button", class: "dl-button", "aria-label": "Previous window", onclick: () => step(-1) },
          "‹",
        ),
        windowSelect,
        h(
          "button",
          { type: "button", class: "dl-button", "aria-label": "Next window", onclick: () => step(1) },
          "›",
        ),
        h(
          "span",
          { class: "dl-hint" },
          "Click a heatmap cell or an alarm, or pick a window, to see what happened in it.",
        ),
      ),
      detailHost,
    );
    select(selected);
    return element;
  },
};
