/** How a "skew" report shows itself: text, static HTML with inline SVG charts, and the summary chart as Vega-Lite. */
import {
  conditionalCurveSpec,
  decompositionSpec,
  matchRateSpec,
  skewImportanceSpec,
  skewKindsSpec,
  skewOverlaySpec,
  skewSummarySpec,
} from "../charts/skew.js";
import type { ShiftFinding, SkewJSON } from "../format/skew.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import type { Presenter } from "../report/presenters.js";
import { vegaLiteToSVG } from "../report/svg.js";

const KINDS = ["covariate", "label", "concept"] as const;

function status(s: ShiftFinding): string {
  return s.detected ? "DETECTED" : s.testable ? "no" : "n/a";
}

function p(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return value < 1e-4 ? "< 0.0001" : formatNumber(value, 2);
}

function interval(i: { lower: number; upper: number } | undefined, digits = 3): string {
  return i === undefined ? "" : `[${formatNumber(i.lower, digits)}, ${formatNumber(i.upper, digits)}]`;
}

function skewText(json: SkewJSON): string {
  const lines = [json.title, json.headline, ""];
  lines.push(
    textTable(
      ["kind", "detected", "features", "evidence"],
      KINDS.map((k) => {
        const s = json.shifts[k];
        const e = s.evidence[0];
        return [
          k,
          status(s),
          s.features.join(", ") || "–",
          e === undefined ? "–" : `${e.test}: p ${p(e.pValue)}`,
        ];
      }),
    ),
  );
  lines.push("");
  for (const k of KINDS) lines.push(`${k}: ${json.shifts[k].summary}`);
  if (json.schema.anomalies.length > 0) {
    lines.push(
      "",
      `schema (${json.schema.source}): ${json.schema.errors} error(s), ${json.schema.warnings} warning(s)`,
    );
    for (const a of json.schema.anomalies.slice(0, 10))
      lines.push(`  ${a.severity} ${a.feature ?? "(dataset)"} ${a.code}: ${a.description}`);
  }
  const c = json.concept;
  if (c?.decomposition) {
    const d = c.decomposition;
    lines.push(
      "",
      `error change (${d.errorName}): total ${formatNumber(d.total.estimate, 3)} ${interval(d.total.interval)} = covariate ${formatNumber(
        d.covariate.estimate,
        3,
      )} ${interval(d.covariate.interval)} + concept ${formatNumber(d.concept.estimate, 3)} ${interval(d.concept.interval)} + unseen ${formatNumber(
        d.unseen.estimate,
        3,
      )} ${interval(d.unseen.interval)}`,
    );
  }
  const keyed = json.perExample;
  if (keyed !== null) {
    lines.push(
      "",
      `per-example skew on ${keyed.key}: ${keyed.joined} joined, ${keyed.onlyInTraining} only in training, ${keyed.onlyInServing} only in serving, duplicates ${keyed.duplicateTrainingIds}/${keyed.duplicateServingIds}`,
      textTable(
        ["feature", "match", "matched", "mismatched", "missing in serving", "missing in training"],
        keyed.features.map((f) => [
          f.feature,
          formatPercent(f.matchRate, 2),
          formatNumber(f.matched),
          formatNumber(f.mismatched),
          formatNumber(f.onlyInTraining),
          formatNumber(f.onlyInServing),
        ]),
      ),
    );
  }
  if (json.notes.length > 0) lines.push("", ...json.notes.map((n) => `note: ${n}`));
  return lines.join("\n");
}

/** A sample value for people: numbers to 6 significant digits, missing as ∅. */
function shortValue(value: string | null): string {
  if (value === null) return "∅";
  const n = Number(value);
  return value.trim() !== "" && Number.isFinite(n) ? formatNumber(n, 6) : value;
}

function chip(s: ShiftFinding): string {
  const cls = s.detected ? "bad" : s.testable ? "ok" : "warn";
  return `<span class="driftlab-chip ${cls}">${s.detected ? "detected" : s.testable ? "not detected" : "not testable"}</span>`;
}

async function skewStaticHTML(json: SkewJSON): Promise<string> {
  const verdictClass =
    json.verdict.status === "fail" ? "bad" : json.verdict.status === "warn" ? "warn" : "ok";
  const parts: string[] = [
    `<h3>${escapeHtml(json.title)}</h3>`,
    `<p class="driftlab-sub"><span class="driftlab-chip ${verdictClass}">${escapeHtml(json.headline)}</span> · training: ${formatNumber(
      json.training.numRows,
    )} rows · serving: ${formatNumber(json.serving.numRows)} rows${json.settings.label ? ` · label ${escapeHtml(json.settings.label)}` : ""} · α = ${json.settings.alpha}</p>`,
  ];
  parts.push(
    htmlTable(
      ["kind of shift", "", "features", "what was found", "evidence"],
      KINDS.map((k) => {
        const s = json.shifts[k];
        const evidence = s.evidence
          .map((e) =>
            escapeHtml(
              `${e.test}: ${e.pValue !== null ? `p ${p(e.pValue)}` : formatNumber(e.statistic, 3)} ${interval(e.interval)}`,
            ),
          )
          .join("<br>");
        return [
          `<b>${k}</b>`,
          chip(s),
          escapeHtml(s.features.join(", ") || "–"),
          escapeHtml(s.summary),
          evidence,
        ];
      }),
    ),
  );
  const charts: string[] = [await vegaLiteToSVG(skewKindsSpec(json))];
  if (json.covariate.domainClassifier !== null) charts.push(await vegaLiteToSVG(skewImportanceSpec(json)));
  if (json.concept?.decomposition) charts.push(await vegaLiteToSVG(decompositionSpec(json)));
  parts.push(
    `<div style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start">${charts.join("\n")}</div>`,
  );

  // Concept: P(y | x) curves of the features that carry shift first.
  const concept = json.concept;
  if (concept !== null && concept.features.length > 0) {
    const carriers = new Set([...json.shifts.concept.features, ...json.shifts.covariate.features]);
    const ordered = [...concept.features].sort(
      (a, b) =>
        Number(carriers.has(b.feature)) - Number(carriers.has(a.feature)) ||
        (a.coefficient?.pValue ?? 1) - (b.coefficient?.pValue ?? 1),
    );
    parts.push(
      `<h4>P(y | x): the relationship on both sides</h4><p class="driftlab-sub">Curves that move up or down together are a change of P(y) (label shift); curves that cross or change slope are concept shift. The slope test decides: it compares an importance-weighted training fit with a serving fit, so neither covariate nor label shift reads as concept shift. The CMH test looks at one feature at a time, so it also moves when P(y) or other features move.</p>`,
    );
    const curves: string[] = [];
    for (const f of ordered.slice(0, 6))
      curves.push(await vegaLiteToSVG(conditionalCurveSpec(json, f, { width: 260, height: 120 })));
    parts.push(`<div style="display:flex;flex-wrap:wrap;gap:8px">${curves.join("\n")}</div>`);
    parts.push(
      htmlTable(
        ["feature", "CMH p (Holm)", "common odds ratio", "Breslow–Day p", "slope Wald χ²", "slope p (Holm)"],
        ordered.map((f) => [
          `<b>${escapeHtml(f.feature)}</b>`,
          escapeHtml(p(f.stratified?.adjustedPValue)),
          formatNumber(f.stratified?.commonOddsRatio ?? null, 3),
          escapeHtml(p(f.stratified?.homogeneityPValue)),
          formatNumber(f.coefficient?.statistic ?? null, 3),
          escapeHtml(p(f.coefficient?.adjustedPValue)),
        ]),
      ),
    );
    const m = concept.model;
    if (m !== null) {
      parts.push(
        `<p class="driftlab-sub">Model-based check: ${escapeHtml(m.errorName)} on training ${formatNumber(m.trainingError, 3)}, importance-weighted training ${formatNumber(
          m.weightedTrainingError,
          3,
        )} (what serving would see under covariate shift alone), serving ${formatNumber(m.servingError, 3)}; gap ${formatNumber(m.errorGap.estimate, 3)} ${interval(
          m.errorGap.interval,
        )}.</p>`,
      );
    }
  }

  // Label shift
  const label = json.label;
  if (label !== null && label.task === "classification") {
    const rows = label.classes.map((c, k) => [
      escapeHtml(c),
      `${formatNumber(label.trainingPrior[k], 3)} ${interval(label.trainingIntervals[k])}`,
      label.servingPrior
        ? `${formatNumber(label.servingPrior[k], 3)} ${interval(label.servingIntervals?.[k])}`
        : "–",
      label.bbse
        ? `${formatNumber(label.bbse.servingPrior[k], 3)} ${interval(label.bbse.intervals[k])}`
        : "–",
    ]);
    parts.push(
      `<h4>P(${escapeHtml(json.settings.label ?? "y")})</h4>`,
      htmlTable(["class", "training", "serving (observed)", "serving (BBSE estimate)"], rows),
    );
  }

  // Per-feature distributions
  if (json.distributions.length > 0) {
    parts.push(`<h4>Per-feature distributions</h4>`);
    parts.push(
      htmlTable(
        ["", "feature", "method", "statistic", "what changed"],
        json.distributions.map((f) => [
          f.drifted
            ? '<span class="driftlab-chip bad">moved</span>'
            : '<span class="driftlab-chip ok">ok</span>',
          `<b>${escapeHtml(f.name)}</b>`,
          escapeHtml(f.methodLabel),
          formatNumber(f.statistic, 3),
          escapeHtml(f.summary),
        ]),
      ),
    );
    const overlays: string[] = [];
    for (const f of json.distributions.slice(0, 6))
      overlays.push(await vegaLiteToSVG(skewOverlaySpec(json, f.name, { width: 260, height: 110 })));
    parts.push(`<div style="display:flex;flex-wrap:wrap;gap:8px">${overlays.join("\n")}</div>`);
  }

  // Schema skew
  parts.push(`<h4>Schema skew</h4>`);
  if (json.schema.anomalies.length === 0)
    parts.push(
      `<p class="driftlab-sub">Serving conforms to the schema (${escapeHtml(json.schema.source)}).</p>`,
    );
  else {
    parts.push(
      htmlTable(
        ["severity", "feature", "code", "description"],
        json.schema.anomalies.map((a) => [
          escapeHtml(a.severity),
          escapeHtml(a.feature ?? "(dataset)"),
          escapeHtml(a.code),
          escapeHtml(a.description),
        ]),
      ),
    );
  }

  // Per-example skew
  const keyed = json.perExample;
  if (keyed !== null) {
    parts.push(
      `<h4>Per-example skew (joined on ${escapeHtml(keyed.key)})</h4>`,
      await vegaLiteToSVG(matchRateSpec(keyed)),
    );
    parts.push(
      htmlTable(
        [
          "feature",
          "match",
          "mismatched",
          "missing in serving",
          "missing in training",
          "differences (serving − training)",
          "top value pairs",
          "samples",
        ],
        keyed.features.map((f) => [
          `<b>${escapeHtml(f.feature)}</b>`,
          formatPercent(f.matchRate, 2),
          formatNumber(f.mismatched),
          formatNumber(f.onlyInTraining),
          formatNumber(f.onlyInServing),
          f.differences === null
            ? "–"
            : `median ${formatNumber(f.differences.median, 3)}, [${formatNumber(f.differences.min, 3)}, ${formatNumber(f.differences.max, 3)}]`,
          escapeHtml(
            f.topPairs
              .slice(0, 3)
              .map((x) => `${x.training} → ${x.serving} (${x.count})`)
              .join("; "),
          ) || "–",
          escapeHtml(
            f.samples
              .slice(0, 3)
              .map((x) => `${x.id}: ${shortValue(x.training)} → ${shortValue(x.serving)}`)
              .join("; "),
          ) || "–",
        ]),
      ),
    );
  }
  if (json.notes.length > 0)
    parts.push(`<p class="driftlab-sub">${json.notes.map((n) => escapeHtml(n)).join("<br>")}</p>`);
  return parts.join("\n");
}

/** The presenter of "skew" reports (registered in src/presenters/index.ts). */
export const skewPresenter: Presenter<SkewJSON> = {
  text: skewText,
  staticHTML: skewStaticHTML,
  vegaLite: skewSummarySpec,
};
