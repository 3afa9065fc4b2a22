/**
 * The report size cap. A profile of a very wide table (20,000 columns) is ~50 MB of JSON, mostly per-column
 * distributions (histograms, quantiles, rank histograms). `capReportSize` keeps every column's summary statistics
 * and leaves out the distributions of the last columns until the report fits `maxBytes`, and says so in
 * `omitted.sizeCap`, `omitted.notes` and `summarized: true` on each summarized column (docs/privacy.md#size).
 */
import type { DriftJSON, FeatureDrift } from "../format/drift.js";
import type { Omissions, ReportEnvelope } from "../format/envelope.js";
import type { FeatureProfile, ProfileJSON } from "../format/profile.js";

/** Default cap on the size of a report as written (`JSON.stringify(json, null, 2)`, UTF-8): 20 MB. */
export const DEFAULT_MAX_REPORT_BYTES = 20_000_000;

/** Options of {@link capReportSize}. */
export interface ReportSizeOptions {
  /** Largest report, in bytes of its JSON as the CLI writes it (2-space indent, UTF-8). Default 20 MB. */
  maxBytes?: number;
  /** The indent the size is measured with. Default 2 (the CLI's `--json`). */
  indent?: number;
}

/** Categorical top values kept for a summarized column. */
const SUMMARY_TOP = 5;

function bytes(value: unknown, indent: number): number {
  return Buffer.byteLength(JSON.stringify(value, null, indent), "utf8");
}

/** The size of an element of a top-level array: its own JSON, indented two levels deeper, and ",\n". */
function elementBytes(value: unknown, indent: number): number {
  const text = JSON.stringify(value, null, indent);
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return Buffer.byteLength(text, "utf8") + lines * 2 * indent + 2;
}

const EMPTY_HISTOGRAM = { edges: [], counts: [] };

/** A profile feature with its distributions left out: counts, moments, extremes, median, distinct and top 5 kept. */
export function summarizedFeature(feature: FeatureProfile): FeatureProfile {
  const out: FeatureProfile = { ...feature, summarized: true };
  if (feature.numeric !== undefined) {
    const s = feature.numeric;
    out.numeric = {
      ...s,
      quantiles: [],
      histogram: { ...EMPTY_HISTOGRAM, method: s.histogram.method },
      quantileHistogram: { ...EMPTY_HISTOGRAM, method: s.quantileHistogram.method },
    };
  }
  if (feature.categorical !== undefined) {
    const c = feature.categorical;
    out.categorical = { ...c, top: c.top.slice(0, SUMMARY_TOP), rankHistogram: [] };
  }
  if (feature.datetime !== undefined) {
    const d = feature.datetime;
    out.datetime = { ...d, histogram: { ...EMPTY_HISTOGRAM, method: d.histogram.method } };
  }
  return out;
}

/** A drift feature reduced to its test result: the per-side moments, extremes and detail left out. */
function summarizedDriftFeature(feature: FeatureDrift): FeatureDrift {
  const side = (s: FeatureDrift["reference"]) => ({ count: s.count, missing: s.missing, n: s.n });
  const out: FeatureDrift = {
    ...feature,
    reference: side(feature.reference),
    current: side(feature.current),
    distribution: null,
    summarized: true,
  };
  delete out.detail;
  return out;
}

/**
 * Replaces the items of `list` from the end by their summaries until `excess` bytes are saved (or all are
 * summarized); returns the new list, how many were summarized and the bytes saved.
 */
function summarizeFromEnd<T>(
  list: readonly T[],
  excess: number,
  indent: number,
  summarize: (item: T) => T,
): { list: T[]; count: number; saved: number } {
  const out = [...list];
  let saved = 0;
  let count = 0;
  for (let i = out.length - 1; i >= 0 && saved < excess; i--) {
    const summary = summarize(out[i]);
    const gain = elementBytes(out[i], indent) - elementBytes(summary, indent);
    if (gain <= 0) continue;
    out[i] = summary;
    saved += gain;
    count++;
  }
  return { list: out, count, saved };
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`;
}

/**
 * The report JSON within `maxBytes` (default 20 MB, measured as the CLI writes it): when it is larger, the
 * distributions of the last columns are left out — for a profile, histograms, quantiles and rank histograms (top
 * values cut to 5), slices' first; for a drift report, the per-side moments, extremes and details of the last
 * features (distributions beyond `maxDistributions` are already out) — while every column keeps its summary
 * statistics (counts, missing, moments, min, max, median, distinct, test result). Each summarized column carries
 * `summarized: true`; `omitted.sizeCap` and a note say how many and why. A report that fits, or of another kind,
 * is returned unchanged. When even the summaries do not fit, the note says the report is still over the cap.
 */
export function capReportSize<J extends ReportEnvelope>(json: J, options: ReportSizeOptions = {}): J {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const indent = options.indent ?? 2;
  if (json.kind !== "profile" && json.kind !== "drift") return json;
  const before = bytes(json, indent);
  if (before <= maxBytes) return json;
  // Room for the note and the summary marks themselves.
  let excess = before - maxBytes + 4096;
  let summarized = 0;
  let total = 0;
  let first: string | undefined;
  let out: ReportEnvelope;
  if (json.kind === "profile") {
    const profile = json as unknown as ProfileJSON;
    let slices = profile.slices;
    if (slices !== undefined) {
      const result = slices.map((s) => ({ ...s, features: s.features.map(summarizedFeature) }));
      excess -= elementBytes(slices, indent) - elementBytes(result, indent);
      slices = result;
    }
    const { list, count } = summarizeFromEnd(profile.features, excess, indent, summarizedFeature);
    summarized = count;
    total = list.length;
    first = list.find((f) => f.summarized === true)?.name;
    const capped: ProfileJSON = { ...profile, features: list, ...(slices === undefined ? {} : { slices }) };
    out = capped;
  } else {
    const drift = json as unknown as DriftJSON;
    // Drifted features keep their details longest: summarize the undrifted ones first, from the end.
    const order = drift.features
      .map((f, i) => i)
      .sort((a, b) => {
        const da = drift.features[a].drifted ? 1 : 0;
        const db = drift.features[b].drifted ? 1 : 0;
        return db - da || a - b;
      });
    const ordered = order.map((i) => drift.features[i]);
    const { list } = summarizeFromEnd(ordered, excess, indent, summarizedDriftFeature);
    const features = [...drift.features];
    order.forEach((index, k) => (features[index] = list[k]));
    summarized = features.filter((f) => f.summarized === true).length;
    total = features.length;
    first = features.find((f) => f.summarized === true)?.name;
    const capped: DriftJSON = { ...drift, features };
    out = capped;
  }
  const after = bytes(out, indent);
  const what =
    json.kind === "profile"
      ? "histograms, quantiles and rank histograms (top values cut to 5)"
      : "per-side moments, extremes and details";
  const note =
    `size cap: the report would be ${formatBytes(before)}, over the ${formatBytes(maxBytes)} cap; ${what} of ` +
    `${summarized} of ${total} columns left out (marked "summarized"${first === undefined ? "" : `, from ${first}`}), ` +
    `summary statistics kept for every column` +
    (after > maxBytes ? `; still ${formatBytes(after)}: the summaries alone are over the cap` : "") +
    ` (--max-report-size raises the cap)`;
  const omitted: Omissions = {
    ...(json.omitted ?? {}),
    sizeCap: { maxBytes, bytes: before, summarizedColumns: summarized },
    notes: [...(json.omitted?.notes ?? []), note],
  };
  return { ...out, omitted } as unknown as J;
}
