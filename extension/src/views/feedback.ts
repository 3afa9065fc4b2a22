/**
 * kinds "feedback" and "feedback-labels" (process feedback): the performance timeline with a metric switch (band,
 * realized with intervals, estimated, immature windows, alarms, coverage, detector traces: the library's builder), the
 * alarms with their sudden/gradual evidence and the inputs involved, and the ground-truth regime; for the label
 * report, its findings and the maturity, lag and age charts.
 */
import { labelChartsSpec, performanceSpec } from "../charts.js";
import type { LabelJSON, MetricName, PerformanceAlarm, PerformanceJSON } from "../report-types.js";
import type { Chart, ChartSet } from "../ui/chart.js";
import { chip, h, segmented } from "../ui/dom.js";
import { header, needArray, type ViewModule } from "./view.js";

function alarmCard(alarm: PerformanceAlarm): HTMLElement {
  const span = alarm.start === alarm.end ? alarm.start : `${alarm.start} – ${alarm.end}`;
  return h(
    "div",
    { class: "dl-alarm", role: "note" },
    h(
      "p",
      {},
      chip(alarm.type, alarm.type === "sudden" ? "bad" : "warn"),
      " ",
      h("strong", {}, span),
      alarm.type === "gradual" ? ` (onset ${alarm.onset})` : "",
      " · ",
      alarm.features.length === 0
        ? "no input feature changed"
        : h(
            "span",
            {},
            "inputs involved: ",
            ...alarm.features
              .slice(0, 5)
              .map((f, i) =>
                h(
                  "span",
                  {},
                  i === 0 ? "" : ", ",
                  h("strong", {}, f.name),
                  f.incidents.length > 0
                    ? ` (${f.incidents.join(", ")})`
                    : ` (drifted ${f.driftedWindows}/${f.windows})`,
                ),
              ),
          ),
    ),
    h(
      "ul",
      {},
      alarm.evidence.map((e) => h("li", {}, e)),
    ),
  );
}

function renderPerformance(report: PerformanceJSON, charts: ChartSet): HTMLElement {
  const holder = h("div", { class: "dl-feedback-chart" });
  let chart: Chart | undefined;
  const draw = (metric: MetricName): void => {
    if (chart !== undefined) charts.remove(chart);
    chart = charts.add(performanceSpec({ ...report, primary: metric }), {
      label: `Performance over time: ${metric}`,
      lazy: false,
    });
    holder.replaceChildren(chart.element);
  };
  const metrics = report.metrics.filter((m) =>
    report.windows.some((w) => typeof w.realized[m]?.value === "number"),
  );
  draw(report.primary);
  const counts = { sudden: 0, gradual: 0 };
  for (const a of report.alarms) counts[a.type]++;
  return h(
    "div",
    { class: "dl-view dl-feedback" },
    header(
      report.title,
      report.alarms.length === 0
        ? chip("no alarms", "ok")
        : chip(`${counts.sudden} sudden, ${counts.gradual} gradual`, "bad"),
      `${report.windows.filter((w) => w.status === "immature").length} windows waiting for labels`,
      `ground truth moves ${report.regime.regime}`,
    ),
    ...report.alarms.map(alarmCard),
    metrics.length > 1
      ? segmented(
          "Metric",
          metrics.map((m) => ({ value: m, label: m })),
          report.primary,
          draw,
        )
      : "",
    holder,
    h(
      "p",
      { class: "dl-detail-facts" },
      h("strong", {}, `Regime: ${report.regime.regime}`),
      ` — ${report.regime.cadence}. `,
      report.regime.reasons.join("; "),
      ".",
    ),
    report.estimation === null
      ? ""
      : h(
          "details",
          {},
          h("summary", {}, "How the estimates are made (CBPE)"),
          h(
            "ul",
            {},
            report.estimation.assumptions.map((a) => h("li", {}, a)),
          ),
        ),
  );
}

function renderLabels(report: LabelJSON, charts: ChartSet): HTMLElement {
  const chart =
    report.maturity.length > 0 || report.byAge.length > 0
      ? charts.add(labelChartsSpec(report), { label: "Label maturity, lag and labeled share by age" }).element
      : "";
  return h(
    "div",
    { class: "dl-view dl-feedback-labels" },
    header(
      report.title,
      `${(100 * report.counts.labeledShare).toFixed(1)}% of ${report.counts.predictions.toLocaleString("en-US")} predictions labeled`,
      report.verdict.reasons.length === 0
        ? chip("nothing dropped or corrected", "ok")
        : chip(`${report.verdict.reasons.length} findings`, "warn"),
    ),
    report.verdict.reasons.length > 0
      ? h(
          "ul",
          {},
          report.verdict.reasons.map((r) => h("li", {}, r)),
        )
      : "",
    chart,
  );
}

export const feedbackView: ViewModule = {
  kinds: ["feedback", "feedback-labels"],
  check(report) {
    if (report.kind === "feedback-labels") return needArray(report, "maturity") ?? needArray(report, "byAge");
    return needArray(report, "windows") ?? needArray(report, "alarms") ?? needArray(report, "metrics");
  },
  render(report, charts) {
    return report.kind === "feedback-labels"
      ? renderLabels(report as unknown as LabelJSON, charts)
      : renderPerformance(report as unknown as PerformanceJSON, charts);
  },
};
