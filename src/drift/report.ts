import type { FeatureKind } from "../data/column.js";
import { driftSummarySpec, featureOverlaySpec } from "../charts/drift.js";
import { escapeHtml, formatNumber, formatPercent, htmlTable, textTable } from "../report/html.js";
import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import { vegaLiteToSVG } from "../report/svg.js";
import type { Distribution } from "./distribution.js";
import type { Comparison, DriftMethod } from "./methods.js";

export interface SideSummary {
  /** Rows. */
  count: number;
  missing: number;
  /** Values the test used (present, finite). */
  n: number;
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
  nonFinite?: number;
  categories?: number;
}

/** The drift result of one feature. */
export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  method: DriftMethod;
  methodLabel: string;
  methodType: "p-value" | "distance";
  comparison: Comparison;
  /** Test statistic (KS D, chi-square X², z, ...) or distance. */
  statistic: number;
  pValue: number | null;
  /** p-value after the multiple-testing correction, when one was asked for. */
  adjustedPValue: number | null;
  /** What is compared with the threshold: the (adjusted) p-value or the distance. */
  score: number;
  threshold: number;
  drifted: boolean;
  /** Score relative to threshold, comparable across methods: ≥ 1 means drift. */
  strength: number;
  /** True when computed from sketches (profiles) rather than raw values. */
  approximate: boolean;
  /** E.g. the category with the largest difference (L-infinity). */
  detail?: string;
  /** When the method asked for does not apply to this feature's data: that method and why; `method` is the default used instead. */
  fallback?: { method: DriftMethod; reason: string };
  /** `rule: "test-and-effect"`: the effect size (normed Wasserstein or Jensen–Shannon distance) and its floor. */
  effect?: { method: DriftMethod; value: number; floor: number };
  /** Plain words: how the feature moved. */
  summary: string;
  reference: SideSummary;
  current: SideSummary;
  distribution: Distribution;
}

/** A side of a feature with a schema change: its kind and row counts (`n`: values usable by the tests). */
export interface SchemaChangeSide {
  kind: FeatureKind;
  count: number;
  missing: number;
  n: number;
}

/**
 * A feature whose schema changed between the sides — present on one side only, without values on one side, or
 * of another kind — reported as drifted and counted in the dataset verdict.
 */
export interface SchemaChange {
  name: string;
  change:
    | "only-in-reference"
    | "only-in-current"
    | "all-missing-in-reference"
    | "all-missing-in-current"
    | "kind-changed";
  /** Plain words, with the counts. */
  reason: string;
  /** Null on the side without the column. */
  reference: SchemaChangeSide | null;
  current: SchemaChangeSide | null;
}

export interface SkippedFeature {
  name: string;
  reason: string;
}

/** The drift report format (docs/report-format.md). */
export interface DriftJSON extends ReportEnvelope {
  kind: "drift";
  reference: { name: string; source: string; numRows: number };
  current: { name: string; source: string; numRows: number };
  correction: string;
  /** `features` and `drifted` count schema changes (which are always drifted); `schemaChanges` counts them alone. */
  dataset: {
    features: number;
    drifted: number;
    share: number;
    driftShare: number;
    schemaChanges: number;
    datasetDrift: boolean;
  };
  features: FeatureDrift[];
  /** Features whose schema changed between the sides (drifted, with the reason). */
  schemaChanges: SchemaChange[];
  /** Features not compared and not drifted (free text, no values on either side), with the reason. */
  skipped: SkippedFeature[];
}

type DriftInit = Omit<DriftJSON, keyof ReportEnvelope>;

/** How many feature overlays the static HTML renders as SVG (the most drifted first). */
const STATIC_OVERLAYS = 8;

function pValueText(f: FeatureDrift): string {
  if (f.pValue === null) return "–";
  const p = formatNumber(f.pValue, 3);
  return f.adjustedPValue === null ? p : `${p} (adj. ${formatNumber(f.adjustedPValue, 3)})`;
}

function ruleText(f: FeatureDrift): string {
  return `${f.comparison === ">=" ? "≥" : f.comparison === "p<=" ? "p ≤" : "p <"} ${formatNumber(f.threshold)}`;
}

/** The result of {@link drift}: per-feature tests, the dataset verdict, and both distributions of every feature. */
export class DriftReport extends Report<DriftJSON> {
  readonly #init: DriftInit;
  readonly #envelope: ReportEnvelope & { kind: "drift" };

  constructor(init: DriftInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    this.#init = rest;
    this.#envelope = envelope("drift", title);
  }

  /** Features that drifted, most drifted first. */
  get drifted(): FeatureDrift[] {
    return this.#init.features.filter((f) => f.drifted);
  }

  get datasetDrift(): boolean {
    return this.#init.dataset.datasetDrift;
  }

  get features(): readonly FeatureDrift[] {
    return this.#init.features;
  }

  /** The result of one feature; throws when it was not compared. */
  feature(name: string): FeatureDrift {
    const f = this.#init.features.find((x) => x.name === name);
    if (f === undefined) {
      const skipped =
        this.#init.skipped.find((s) => s.name === name) ??
        this.#init.schemaChanges.find((s) => s.name === name);
      throw new Error(
        skipped
          ? `"${name}" was not compared: ${skipped.reason}`
          : `No feature "${name}" in this drift report.`,
      );
    }
    return f;
  }

  toJSON(): DriftJSON {
    return { ...this.#envelope, ...this.#init };
  }

  headline(): string {
    const d = this.#init.dataset;
    if (d.features === 0) return "No features compared";
    const changes = d.schemaChanges ?? 0;
    return `${d.datasetDrift ? "Dataset drift" : "No dataset drift"}: ${d.drifted} of ${d.features} features drifted (${formatPercent(
      d.share,
      0,
    )}; threshold ${formatPercent(d.driftShare, 0)})${changes > 0 ? `, ${changes} by a schema change` : ""}`;
  }

  toString(): string {
    const rows = this.#init.features.map((f) => [
      f.drifted ? "DRIFT" : "ok",
      f.name,
      f.method + (f.approximate ? "~" : ""),
      formatNumber(f.methodType === "p-value" ? f.statistic : f.score, 4),
      pValueText(f),
      ruleText(f),
      f.summary,
    ]);
    const skipped = this.#init.skipped.map((s) => `  ${s.name}: ${s.reason}`);
    const changes = this.#init.schemaChanges.map((s) => `  ${s.name}: ${s.reason}`);
    const fallbacks = this.#init.features
      .filter((f) => f.fallback !== undefined)
      .map((f) => `  ${f.name}: ${f.fallback!.method} not used (${f.fallback!.reason}); ${f.method} instead`);
    return [
      `${this.#envelope.title}`,
      this.headline(),
      textTable(["", "feature", "method", "statistic", "p-value", "drift if", "summary"], rows),
      ...(changes.length > 0 ? ["DRIFT by schema change:", ...changes] : []),
      ...(fallbacks.length > 0 ? ["method fallbacks:", ...fallbacks] : []),
      ...(skipped.length > 0 ? ["not compared:", ...skipped] : []),
      ...(this.#init.features.some((f) => f.approximate)
        ? ["~ computed from profiles' sketches (approximate)"]
        : []),
    ].join("\n");
  }

  override toVegaLite(): Record<string, unknown> {
    return driftSummarySpec(this.toJSON());
  }

  async toStaticHTML(): Promise<string> {
    const json = this.toJSON();
    const rows = json.features.map((f) => [
      f.drifted ? '<span class="driftlab-chip bad">drift</span>' : '<span class="driftlab-chip ok">ok</span>',
      `<b>${escapeHtml(f.name)}</b>`,
      escapeHtml(f.kind),
      escapeHtml(f.methodLabel) + (f.approximate ? " <span title='from sketches'>≈</span>" : ""),
      formatNumber(f.statistic, 4),
      pValueText(f),
      escapeHtml(ruleText(f)),
      escapeHtml(f.summary),
    ]);
    const parts = [
      `<h3>${escapeHtml(json.title)}</h3>`,
      `<p class="driftlab-sub"><span class="driftlab-chip ${json.dataset.datasetDrift ? "bad" : "ok"}">${escapeHtml(
        this.headline(),
      )}</span> · ${escapeHtml(json.reference.name)}: ${formatNumber(json.reference.numRows)} rows · ${escapeHtml(
        json.current.name,
      )}: ${formatNumber(json.current.numRows)} rows${json.correction !== "none" ? ` · ${escapeHtml(json.correction)} correction` : ""}</p>`,
      htmlTable(["", "feature", "kind", "method", "statistic", "p-value", "drift if", "what changed"], rows),
    ];
    if (json.schemaChanges.length > 0) {
      parts.push(
        `<p class="driftlab-sub"><span class="driftlab-chip bad">drift</span> Schema changes: ${json.schemaChanges.map((s) => `<b>${escapeHtml(s.name)}</b> (${escapeHtml(s.reason)})`).join("; ")}</p>`,
      );
    }
    if (json.skipped.length > 0) {
      parts.push(
        `<p class="driftlab-sub">Not compared: ${json.skipped.map((s) => `${escapeHtml(s.name)} (${escapeHtml(s.reason)})`).join("; ")}</p>`,
      );
    }
    if (json.features.length > 0) {
      const charts = [await vegaLiteToSVG(driftSummarySpec(json))];
      for (const f of json.features.slice(0, STATIC_OVERLAYS)) {
        charts.push(await vegaLiteToSVG(featureOverlaySpec(json, f, { width: 300, height: 120 })));
      }
      parts.push(
        `<div style="display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start">${charts.join("\n")}</div>`,
      );
      if (json.features.length > STATIC_OVERLAYS) {
        parts.push(
          `<p class="driftlab-sub">Overlays of the ${STATIC_OVERLAYS} most drifted features shown; the interactive view has all.</p>`,
        );
      }
    }
    return parts.join("\n");
  }
}
