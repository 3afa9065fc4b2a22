/**
 * Vega-Lite specs of a profiled feature's distribution. The library's chart builders (src/charts/) have none for
 * profiles yet; these follow their conventions (pure functions of report JSON, v5 specs) so they can move there.
 */
import type { Histogram } from "../report-types.js";
import type { Spec } from "../ui/chart.js";

const BAR_COLOR = "#4c78a8";

/** The equal-width histogram of a numeric or datetime feature; hover shows each bucket's range and count. */
export function numericHistogramSpec(name: string, histogram: Histogram, datetime = false): Spec {
  const total = Math.max(
    1,
    histogram.counts.reduce((t, c) => t + c, 0),
  );
  const values = histogram.counts.map((count, i) => ({
    start: histogram.edges[i],
    end: histogram.edges[i + 1],
    count,
    share: count / total,
  }));
  const type = datetime ? "temporal" : "quantitative";
  return {
    title: {
      text: `Distribution of ${name}`,
      subtitle: `${histogram.counts.length} equal-width buckets (${histogram.method})`,
    },
    width: 360,
    height: 140,
    data: { values },
    mark: { type: "rect", color: BAR_COLOR, stroke: "white", strokeWidth: 1 },
    encoding: {
      x: { field: "start", type, title: name, ...(datetime ? {} : { axis: { format: "~s" } }) },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "rows", axis: { format: "~s" } },
      tooltip: [
        { field: "start", type, title: "from", ...(datetime ? {} : { format: ",.4~g" }) },
        { field: "end", type, title: "to", ...(datetime ? {} : { format: ",.4~g" }) },
        { field: "count", type: "quantitative", title: "rows", format: "," },
        { field: "share", type: "quantitative", title: "share", format: ".2%" },
      ],
    },
  };
}

/** The most frequent values of a categorical or boolean feature as horizontal bars. */
export function categoryBarsSpec(
  name: string,
  top: readonly { value: string; count: number }[],
  present: number,
): Spec {
  const values = top
    .slice(0, 20)
    .map((t) => ({ value: t.value, count: t.count, share: t.count / Math.max(1, present) }));
  return {
    title: {
      text: `Top values of ${name}`,
      subtitle: `${values.length} most frequent; share of present values`,
    },
    width: 360,
    height: { step: 16 },
    data: { values },
    mark: { type: "bar", color: BAR_COLOR, cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "value", type: "nominal", sort: null, title: null, axis: { labelLimit: 160 } },
      x: { field: "share", type: "quantitative", title: "share of present values", axis: { format: "%" } },
      tooltip: [
        { field: "value", type: "nominal" },
        { field: "count", type: "quantitative", format: "," },
        { field: "share", type: "quantitative", format: ".2%" },
      ],
    },
  };
}
