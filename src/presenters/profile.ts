/** How a "profile" report shows itself: text and static HTML tables with inline sparkline SVGs (no vega needed). */
import type { CategoricalStats, FeatureProfile, ProfileJSON } from "../format/profile.js";
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

/**
 * A count as a report shows it: exact, or "≈c" from a Misra–Gries summary whose true count lies in
 * [c, c + bound] (the bound is given next to it, so the reader sees how loose it is).
 */
export function countText(count: number, categorical: CategoricalStats): string {
  if (categorical.countsExact) return formatNumber(count);
  const bound = categorical.countsErrorBound ?? 0;
  return `≈${formatNumber(count)}, true ${formatNumber(count)}–${formatNumber(count + bound)}`;
}

/** The histogram cell of a column whose distribution the report's size cap left out. */
const SUMMARIZED_CELL = `<span class="driftlab-muted" title="distribution left out by the report's size cap (see the notes)">summarized</span>`;

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
        // NaN extremes of a non-empty column: hidden by the privacy of shared reports (a sensitive column).
        s.finiteCount > 0 && Number.isNaN(s.min) ? "hidden" : formatNumber(s.min),
        s.finiteCount > 0 && Number.isNaN(s.median) ? "hidden" : formatNumber(s.median),
        s.finiteCount > 0 && Number.isNaN(s.max) ? "hidden" : formatNumber(s.max),
        special > 0 ? `<span class="driftlab-chip bad">${formatNumber(special)}</span>` : "0",
        f.summarized === true
          ? SUMMARIZED_CELL
          : sparklineSVG(s.histogram.counts, bucketLabels(s.histogram.edges)),
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
        top === undefined
          ? "–"
          : escapeHtml(truncate(top.value, 28)) +
            (c.countsExact
              ? ""
              : ` <span title="${escapeHtml(`approximate (Misra–Gries): count ${countText(top.count, c)}`)}">≈</span>`),
        top === undefined || present === 0
          ? "–"
          : c.countsExact
            ? formatPercent(top.count / present)
            : `${countText(top.count, c)} of ${formatNumber(present)}`,
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
        f.summarized === true
          ? SUMMARIZED_CELL
          : sparklineSVG(
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
  const approximate = json.features.filter((f) => f.categorical !== undefined && !f.categorical.countsExact);
  if (approximate.length > 0) {
    parts.push(
      `<p class="driftlab-sub">≈ top values of ${approximate.length} feature(s) come from a Misra–Gries summary (a merged or saved profile): each count is below the true count by at most the bound shown, and the ranking may differ from the exact one.</p>`,
    );
  }
  for (const note of [...(json.omitted?.notes ?? []), ...(json.warnings ?? [])]) {
    parts.push(`<p class="driftlab-sub">${escapeHtml(note)}</p>`);
  }
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
        .map((t) => `${truncate(t.value, 20)} (${countText(t.count, c)})`)
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
  const notes = [
    ...(json.omitted?.notes ?? []).map((note) => `note: ${note}`),
    ...(json.warnings ?? []).map((warning) => `warning: ${warning}`),
  ];
  return [
    `${json.title}: ${formatNumber(json.numRows)} rows, ${json.features.length} features`,
    textTable(["feature", "kind", "count", "missing", "summary"], rows),
    ...notes,
  ].join("\n");
}

/** The presenter of "profile" reports (registered in src/presenters/index.ts). */
export const profilePresenter: Presenter<ProfileJSON> = {
  text: profileText,
  staticHTML: async (json) => profileStaticHTML(json),
};
