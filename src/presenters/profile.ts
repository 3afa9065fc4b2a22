/** How a "profile" report shows itself: text and static HTML tables with inline sparkline SVGs (no vega needed). */
import type { FeatureProfile, ProfileJSON } from "../format/profile.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import { zeroFraction } from "../core/profile.js";
import type { Presenter } from "../report/presenters.js";
import { bucketLabels, sparklineSVG } from "../report/sparkline.js";

/** Facets Overview highlights these in red: missing above 2 %, zeros above 10 %, nothing present. */
const MISSING_WARN = 0.02;
const ZEROS_WARN = 0.1;

function missingCell(f: FeatureProfile): string {
  const text = formatPercent(f.missingFraction);
  return f.missingFraction > MISSING_WARN || f.missing === f.count
    ? `<span class="driftlab-chip bad" title="${f.missing} missing">${text}</span>`
    : text;
}

function numericRows(features: readonly FeatureProfile[]): string[][] {
  return features
    .filter((f) => f.numeric !== undefined)
    .map((f) => {
      const s = f.numeric!;
      const zeros = formatPercent(zeroFraction(f));
      const special = s.nan + s.positiveInfinity + s.negativeInfinity;
      return [
        `<b>${escapeHtml(f.name)}</b>`,
        formatNumber(f.count),
        missingCell(f),
        formatNumber(s.mean),
        formatNumber(s.std),
        zeroFraction(f)! > ZEROS_WARN ? `<span class="driftlab-chip warn">${zeros}</span>` : zeros,
        formatNumber(s.min),
        formatNumber(s.median),
        formatNumber(s.max),
        special > 0 ? `<span class="driftlab-chip bad">${formatNumber(special)}</span>` : "0",
        sparklineSVG(s.histogram.counts, bucketLabels(s.histogram.edges)),
      ];
    });
}

function categoricalRows(features: readonly FeatureProfile[]): string[][] {
  return features
    .filter((f) => f.categorical !== undefined || f.boolean !== undefined)
    .map((f) => {
      if (f.boolean !== undefined) {
        const b = f.boolean;
        return [
          `<b>${escapeHtml(f.name)}</b>`,
          "boolean",
          formatNumber(f.count),
          missingCell(f),
          "2",
          b.trueCount >= b.falseCount ? "true" : "false",
          formatPercent(Math.max(b.trueFraction, 1 - b.trueFraction)),
          "–",
          sparklineSVG([b.falseCount, b.trueCount], ["false", "true"]),
        ];
      }
      const c = f.categorical!;
      const present = f.count - f.missing;
      const top = c.top[0];
      const shown = c.top.slice(0, 12);
      return [
        `<b>${escapeHtml(f.name)}</b>`,
        f.kind,
        formatNumber(f.count),
        missingCell(f),
        (c.uniqueMethod === "sketch" ? "≈" : "") + formatNumber(c.unique),
        top === undefined ? "–" : escapeHtml(truncate(top.value, 28)),
        top === undefined || present === 0 ? "–" : formatPercent(top.count / present),
        formatNumber(c.averageLength, 3),
        sparklineSVG(
          shown.map((t) => t.count),
          shown.map((t) => t.value),
          { color: "#f58518" },
        ),
      ];
    });
}

function datetimeRows(features: readonly FeatureProfile[]): string[][] {
  return features
    .filter((f) => f.datetime !== undefined)
    .map((f) => {
      const d = f.datetime!;
      return [
        `<b>${escapeHtml(f.name)}</b>`,
        formatNumber(f.count),
        missingCell(f),
        escapeHtml(d.min),
        escapeHtml(d.max),
        d.granularity,
        sparklineSVG(
          d.histogram.counts,
          bucketLabels(d.histogram.edges, (x) => new Date(x).toISOString().slice(0, 10)),
          { color: "#54a24b" },
        ),
      ];
    });
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Static HTML of a profile: one table per kind, with inline SVG histograms. */
export function profileStaticHTML(json: ProfileJSON): string {
  const parts = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub">${formatNumber(json.numRows)} rows · ${json.features.length} features</p>`,
  ];
  const numeric = numericRows(json.features);
  if (numeric.length > 0) {
    parts.push(
      htmlTable(
        [
          "numeric feature",
          "count",
          "missing",
          "mean",
          "std",
          "zeros",
          "min",
          "median",
          "max",
          "NaN/±∞",
          "histogram",
        ],
        numeric,
      ),
    );
  }
  const categorical = categoricalRows(json.features);
  if (categorical.length > 0) {
    parts.push(
      htmlTable(
        [
          "categorical feature",
          "kind",
          "count",
          "missing",
          "unique",
          "top",
          "top share",
          "avg length",
          "top values",
        ],
        categorical,
      ),
    );
  }
  const datetime = datetimeRows(json.features);
  if (datetime.length > 0) {
    parts.push(
      htmlTable(["datetime feature", "count", "missing", "min", "max", "granularity", "histogram"], datetime),
    );
  }
  if (json.slices !== undefined && json.slices.length > 0) {
    parts.push(
      `<p class="driftlab-sub">${json.slices.length} slices: ${json.slices
        .slice(0, 20)
        .map((s) => `${escapeHtml(sliceName(s.key))} (${formatNumber(s.numRows)})`)
        .join(", ")}${json.slices.length > 20 ? ", …" : ""}</p>`,
    );
  }
  for (const note of json.omitted?.notes ?? []) parts.push(`<p class="driftlab-sub">${escapeHtml(note)}</p>`);
  return parts.join("\n");
}

export function sliceName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}=${v === null ? "(missing)" : String(v)}`)
    .join(", ");
}

/** Text summary of a profile, one line per feature. */
export function profileText(json: ProfileJSON): string {
  const rows = json.features.map((f) => {
    const base = [f.name, f.kind, formatNumber(f.count), formatPercent(f.missingFraction)];
    if (f.numeric !== undefined) {
      const s = f.numeric;
      return [
        ...base,
        `mean ${formatNumber(s.mean)} std ${formatNumber(s.std)} min ${formatNumber(s.min)} median ${formatNumber(s.median)} max ${formatNumber(s.max)}`,
      ];
    }
    if (f.categorical !== undefined) {
      const c = f.categorical;
      const top = c.top
        .slice(0, 3)
        .map((t) => `${truncate(t.value, 20)} (${formatNumber(t.count)})`)
        .join(", ");
      return [
        ...base,
        `${c.uniqueMethod === "sketch" ? "≈" : ""}${formatNumber(c.unique)} unique; top ${top}`,
      ];
    }
    if (f.boolean !== undefined) return [...base, `true ${formatPercent(f.boolean.trueFraction)}`];
    if (f.datetime !== undefined)
      return [...base, `${f.datetime.min} … ${f.datetime.max} (${f.datetime.granularity})`];
    return [...base, ""];
  });
  return `${json.title}: ${formatNumber(json.numRows)} rows, ${json.features.length} features\n${textTable(
    ["feature", "kind", "count", "missing", "summary"],
    rows,
  )}`;
}

/** The presenter of "profile" reports (registered in src/presenters/index.ts). */
export const profilePresenter: Presenter<ProfileJSON> = {
  text: profileText,
  staticHTML: async (json) => profileStaticHTML(json),
};
