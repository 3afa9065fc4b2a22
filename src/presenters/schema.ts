/** How "schema" and "anomalies" reports show themselves: text and static HTML tables. */
import type { AnomaliesJSON, Anomaly, ComparatorResult } from "../format/anomalies.js";
import { ANOMALY_SEVERITIES, type AnomalySeverity } from "../format/anomaly-codes.js";
import type { ComparatorSpec, FeatureSpec, SchemaReportJSON } from "../format/schema.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";

const SEVERITY_CHIP: Record<AnomalySeverity, string> = { error: "bad", warning: "warn", info: "ok" };
const SEVERITY_HEADING: Record<AnomalySeverity, string> = {
  error: "Errors",
  warning: "Warnings",
  info: "Info",
};
const MEASURE_NAME: Record<ComparatorSpec["measure"], string> = {
  lInfinity: "L∞",
  jensenShannonDivergence: "JS divergence",
};

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function chip(severity: AnomalySeverity, text: string): string {
  return `<span class="driftlab-chip ${SEVERITY_CHIP[severity]}">${escapeHtml(text)}</span>`;
}

function comparatorText(c: ComparatorSpec | undefined): string {
  if (c === undefined) return "–";
  return `${MEASURE_NAME[c.measure]} > ${formatNumber(c.threshold)}${c.histogram === "quantiles" ? " (quantiles)" : ""}`;
}

function environmentsText(f: FeatureSpec): string {
  if (f.inEnvironments !== undefined) return `only ${f.inEnvironments.join(", ")}`;
  if (f.notInEnvironments !== undefined) return `not in ${f.notInEnvironments.join(", ")}`;
  return "all";
}

function constraintsText(f: FeatureSpec): string {
  const parts: string[] = [];
  if (f.domain !== undefined) {
    const shown = f.domain.values.slice(0, 8).map((v) => JSON.stringify(truncate(v, 24)));
    parts.push(
      `domain (${f.domain.values.length}): ${shown.join(", ")}${f.domain.values.length > 8 ? ", …" : ""}` +
        (f.domain.minMass === undefined ? "" : ` (min mass ${formatNumber(f.domain.minMass)})`),
    );
  }
  if (f.numeric !== undefined) {
    const n = f.numeric;
    if (n.min !== undefined || n.max !== undefined)
      parts.push(`range [${formatNumber(n.min)}, ${formatNumber(n.max)}]`);
    if (n.integer) parts.push("integer");
    if (!n.allowNaN) parts.push("no NaN");
    if (!n.allowInfinity) parts.push("no ±∞");
  }
  if (f.datetime !== undefined && (f.datetime.min !== undefined || f.datetime.max !== undefined)) {
    parts.push(`range [${f.datetime.min ?? "–"}, ${f.datetime.max ?? "–"}]`);
  }
  if (f.unique !== undefined)
    parts.push(`distinct in [${formatNumber(f.unique.min)}, ${formatNumber(f.unique.max)}]`);
  return parts.join("; ");
}

function presenceText(f: FeatureSpec): string {
  return f.presence.minFraction >= 1
    ? "required"
    : `≥ ${formatPercent(f.presence.minFraction)}${f.presence.minCount > 0 ? `, ≥ ${formatNumber(f.presence.minCount)}` : ""}`;
}

/** Static HTML of a schema: one row per feature. */
export function schemaStaticHTML(json: SchemaReportJSON): string {
  const s = json.schema;
  const rows = s.features.map((f) => [
    `<b>${escapeHtml(f.name)}</b>${f.deprecated === true ? ' <span class="driftlab-chip warn">deprecated</span>' : ""}`,
    escapeHtml(f.type),
    escapeHtml(presenceText(f)),
    escapeHtml(environmentsText(f)),
    escapeHtml(constraintsText(f)) || "–",
    escapeHtml(comparatorText(f.driftComparator)),
    escapeHtml(comparatorText(f.skewComparator)),
  ]);
  const dataset: string[] = [];
  if (s.dataset.minExamples !== undefined)
    dataset.push(`at least ${formatNumber(s.dataset.minExamples)} rows`);
  if (s.dataset.maxExamples !== undefined)
    dataset.push(`at most ${formatNumber(s.dataset.maxExamples)} rows`);
  const drift = s.dataset.numExamplesDrift;
  if (drift !== undefined)
    dataset.push(
      `rows versus previous in [${formatNumber(drift.minFraction)}, ${formatNumber(drift.maxFraction)}]×`,
    );
  return [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub">${s.features.length} features · environments: ${escapeHtml(s.environments.join(", ") || "none")}${
      dataset.length > 0 ? ` · ${escapeHtml(dataset.join(", "))}` : ""
    }</p>`,
    htmlTable(["feature", "type", "presence", "environments", "constraints", "drift", "skew"], rows),
  ].join("\n");
}

/** Text summary of a schema. */
export function schemaText(json: SchemaReportJSON): string {
  const s = json.schema;
  const rows = s.features.map((f) => [
    f.name + (f.deprecated === true ? " (deprecated)" : ""),
    f.type,
    presenceText(f),
    environmentsText(f),
    truncate(constraintsText(f), 60),
    comparatorText(f.driftComparator),
    comparatorText(f.skewComparator),
  ]);
  return `${json.title}: ${s.features.length} features, environments: ${s.environments.join(", ") || "none"}\n${leftAlignedTable(
    ["feature", "type", "presence", "environments", "constraints", "drift", "skew"],
    rows,
  )}`;
}

function valuesText(a: Anomaly): string {
  if (a.values === undefined) return "";
  return a.values
    .slice(0, 10)
    .map((v) => `${JSON.stringify(truncate(v.value, 30))} (${formatPercent(v.fraction)})`)
    .join(", ");
}

function summaryText(json: AnomaliesJSON): string {
  if (json.anomalies.length === 0) return "no anomalies";
  return ANOMALY_SEVERITIES.filter((s) => json.summary[s] > 0)
    .map((s) => `${json.summary[s]} ${s}${json.summary[s] === 1 ? "" : "s"}`)
    .join(", ");
}

function contextText(json: AnomaliesJSON): string {
  const parts = [`${formatNumber(json.numRows)} rows`];
  if (json.schemaSource !== null) parts.push(`schema ${json.schemaSource}`);
  if (json.environment !== null) parts.push(`environment ${json.environment}`);
  if (json.previousSource !== null) parts.push(`drift versus ${json.previousSource}`);
  if (json.servingSource !== null) parts.push(`skew versus ${json.servingSource}`);
  return parts.join(" · ");
}

function comparisonRow(c: ComparatorResult): string[] {
  return [
    `<b>${escapeHtml(c.feature)}</b>`,
    c.against === "previous" ? "drift (previous)" : "skew (serving)",
    MEASURE_NAME[c.measure],
    c.exceeds ? chip("error", formatNumber(c.value)) : formatNumber(c.value),
    formatNumber(c.threshold),
    c.category === undefined ? "–" : escapeHtml(truncate(c.category, 30)),
  ];
}

/** Static HTML of an anomalies report: summary chips, one table per severity, then the comparisons measured. */
export function anomaliesStaticHTML(json: AnomaliesJSON): string {
  const parts = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub">${escapeHtml(contextText(json))}</p>`,
  ];
  if (json.anomalies.length === 0) {
    parts.push(`<p><span class="driftlab-chip ok">no anomalies</span> the data conforms to the schema.</p>`);
  } else {
    parts.push(
      `<p>${ANOMALY_SEVERITIES.filter((s) => json.summary[s] > 0)
        .map((s) => chip(s, `${json.summary[s]} ${s}${json.summary[s] === 1 ? "" : "s"}`))
        .join(" ")}</p>`,
    );
  }
  for (const severity of ANOMALY_SEVERITIES) {
    const group = json.anomalies.filter((a) => a.severity === severity);
    if (group.length === 0) continue;
    parts.push(`<h3>${SEVERITY_HEADING[severity]}</h3>`);
    parts.push(
      htmlTable(
        ["feature", "anomaly", "code", "description"],
        group.map((a) => [
          a.feature === null ? "<i>(dataset)</i>" : `<b>${escapeHtml(a.feature)}</b>`,
          chip(severity, a.short),
          `<code>${escapeHtml(a.code)}</code>`,
          escapeHtml(a.description) +
            (a.values === undefined ? "" : `<br><small>${escapeHtml(valuesText(a))}</small>`),
        ]),
      ),
    );
  }
  if (json.comparisons.length > 0) {
    parts.push(`<h3>Drift and skew comparisons</h3>`);
    parts.push(
      htmlTable(
        ["feature", "comparison", "measure", "value", "threshold", "largest difference"],
        json.comparisons.map(comparisonRow),
      ),
    );
  }
  return parts.join("\n");
}

function leftAlignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Text summary of an anomalies report. */
export function anomaliesText(json: AnomaliesJSON): string {
  const head = `${json.title}: ${summaryText(json)} (${contextText(json)})`;
  if (json.anomalies.length === 0) return head;
  const rows = json.anomalies.map((a) => [
    a.severity,
    a.feature ?? "(dataset)",
    a.code,
    a.description + (a.values === undefined || a.values.length <= 5 ? "" : ` [${valuesText(a)}]`),
  ]);
  return `${head}\n${leftAlignedTable(["severity", "feature", "code", "description"], rows)}`;
}

/** The presenter of "schema" reports (a schema shown as a table of its features). */
export const schemaPresenter: Presenter<SchemaReportJSON> = {
  text: schemaText,
  staticHTML: async (json) => schemaStaticHTML(json),
};

/** The presenter of "anomalies" reports (what `validate()` found). */
export const anomaliesPresenter: Presenter<AnomaliesJSON> = {
  text: anomaliesText,
  staticHTML: async (json) => anomaliesStaticHTML(json),
};
