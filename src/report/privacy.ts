/**
 * Privacy of shared reports. Reports carry aggregates, never rows, but a category seen 3 times or a slice of 2 rows
 * can point at a person. `shareableReport` returns the report JSON with such small groups suppressed (k-anonymity
 * style: fewer than `minCount` members) and the values of columns marked sensitive hashed or redacted, and says in
 * the envelope's `omitted` what it left out. The CLI applies it to every `--html` page by default.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { AnomaliesJSON, Anomaly } from "../format/anomalies.js";
import type { DriftJSON, FeatureDrift } from "../format/drift.js";
import type { Omissions, ReportEnvelope } from "../format/envelope.js";
import type { FeatureProfile, ProfileJSON, ValueCount } from "../format/profile.js";

/** Options of {@link shareableReport}. */
export interface PrivacyOptions {
  /** Categories, top values and slices with fewer members than this are suppressed. Default 10. */
  minCount?: number;
  /** Columns whose values must not appear: their categories are hashed or redacted, numeric extremes hidden. */
  sensitive?: readonly string[];
  /**
   * How values of sensitive columns are shown: "hash" (default; `#` + the first 16 hex digits of HMAC-SHA256 of the
   * value under `hashKey`, so equal values stay comparable within a report, and between reports made with the same
   * key, while nobody without the key can test guesses) or "redact" ("(redacted)").
   */
  sensitiveValues?: "hash" | "redact";
  /**
   * The secret key of the value hashes. Default: a random key made once per process (so hashes match within one
   * run, and differ between runs). The CLI reads it from the environment variable `DRIFTLAB_HASH_KEY`. Keep it out
   * of the shared report and of the command line (shell history).
   */
  hashKey?: string;
}

/** k of the default suppression: groups with fewer than 10 members are not shown. */
export const DEFAULT_MIN_COUNT = 10;

let processKey: Buffer | undefined;

/**
 * The keyed digest of a value shown for a sensitive column: `#` + the first 16 hex digits (64 bits) of
 * HMAC-SHA256(key, value). Without `key`, a random 32-byte key made once per process: the digest cannot be reversed
 * by hashing guesses (as a plain or salted-in-the-report hash could) without the key.
 */
export function hashValue(value: string, key?: string): string {
  const secret = key ?? (processKey ??= randomBytes(32));
  return `#${createHmac("sha256", secret).update(value, "utf8").digest("hex").slice(0, 16)}`;
}

interface Ledger {
  key: string | undefined;
  minCount: number;
  sensitive: Set<string>;
  mode: "hash" | "redact";
  suppressed: Map<string, number>;
  redacted: Set<string>;
}

function shown(ledger: Ledger, value: string): string {
  return ledger.mode === "redact" ? "(redacted)" : hashValue(value, ledger.key);
}

function suppress(ledger: Ledger, column: string, count: number): void {
  if (count > 0) ledger.suppressed.set(column, (ledger.suppressed.get(column) ?? 0) + count);
}

function protectValues(ledger: Ledger, column: string, list: readonly ValueCount[]): ValueCount[] {
  const kept = list.filter((v) => v.count >= ledger.minCount);
  const sensitive = ledger.sensitive.has(column);
  return kept.map((v) => (sensitive ? { value: shown(ledger, v.value), count: v.count } : v));
}

function protectFeature(ledger: Ledger, feature: FeatureProfile, countSuppressed: boolean): FeatureProfile {
  const out: FeatureProfile = { ...feature };
  const sensitive = ledger.sensitive.has(feature.name);
  if (feature.categorical !== undefined) {
    const c = feature.categorical;
    const rankHistogram = protectValues(ledger, feature.name, c.rankHistogram);
    if (countSuppressed) suppress(ledger, feature.name, c.rankHistogram.length - rankHistogram.length);
    out.categorical = { ...c, rankHistogram, top: protectValues(ledger, feature.name, c.top) };
    if (sensitive) ledger.redacted.add(feature.name);
  }
  if (feature.numeric !== undefined && sensitive) {
    // min, max and the outer quantiles are single people's values: keep counts and moments only.
    const s = feature.numeric;
    const hidden = { edges: [], counts: [], method: s.histogram.method };
    out.numeric = {
      ...s,
      min: NaN,
      max: NaN,
      median: NaN,
      quantiles: s.quantiles.map((q) => ({ q: q.q, value: NaN })),
      histogram: hidden,
      quantileHistogram: { ...hidden, method: s.quantileHistogram.method },
    };
    ledger.redacted.add(feature.name);
  }
  if (feature.datetime !== undefined && sensitive) {
    out.datetime = {
      ...feature.datetime,
      min: "",
      max: "",
      histogram: { edges: [], counts: [], method: "exact" },
    };
    ledger.redacted.add(feature.name);
  }
  return out;
}

function protectProfile(ledger: Ledger, json: ProfileJSON): ProfileJSON {
  const out: ProfileJSON = { ...json, features: json.features.map((f) => protectFeature(ledger, f, true)) };
  if (json.slices !== undefined) {
    const kept = json.slices.filter((s) => s.numRows >= ledger.minCount);
    for (const s of json.slices) {
      if (s.numRows < ledger.minCount) suppress(ledger, `slice ${Object.keys(s.key).join(" × ")}`, 1);
    }
    out.slices = kept.map((s) => ({
      ...s,
      features: s.features.map((f) => protectFeature(ledger, f, false)),
    }));
  }
  return out;
}

function protectDriftFeature(ledger: Ledger, feature: FeatureDrift): FeatureDrift {
  const sensitive = ledger.sensitive.has(feature.name);
  const out: FeatureDrift = { ...feature };
  const d = feature.distribution;
  if (d !== null && d.type === "categorical") {
    // A category with 1..k−1 members on either side is folded into "(other)".
    const categories: string[] = [];
    const reference: number[] = [];
    const current: number[] = [];
    let otherReference = 0;
    let otherCurrent = 0;
    let folded = 0;
    d.categories.forEach((category, i) => {
      const r = d.reference[i];
      const c = d.current[i];
      const small = (r > 0 && r < ledger.minCount) || (c > 0 && c < ledger.minCount);
      if (category === "(other)" || small) {
        otherReference += r;
        otherCurrent += c;
        if (category !== "(other)") folded++;
        return;
      }
      categories.push(sensitive ? shown(ledger, category) : category);
      reference.push(r);
      current.push(c);
    });
    if (otherReference > 0 || otherCurrent > 0) {
      categories.push("(other)");
      reference.push(otherReference);
      current.push(otherCurrent);
    }
    suppress(ledger, feature.name, folded);
    out.distribution = { ...d, categories, reference, current };
  }
  if (sensitive) {
    ledger.redacted.add(feature.name);
    // Summaries and details quote categories and extremes.
    out.summary = "(values of a sensitive column not shown)";
    if (out.detail !== undefined) out.detail = shown(ledger, out.detail);
    const side = (s: FeatureDrift["reference"]) => ({ ...s, min: undefined, max: undefined });
    out.reference = side(feature.reference);
    out.current = side(feature.current);
    if (d !== null && d.type === "numeric") out.distribution = null;
  } else if (
    feature.kind !== "numeric" &&
    feature.kind !== "datetime" &&
    d !== null &&
    d.type === "categorical"
  ) {
    // Summaries name the category with the largest change; drop the sentence when that category was folded.
    const named = [...feature.summary.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const visible = new Set(out.distribution?.type === "categorical" ? out.distribution.categories : []);
    if (named.some((label) => !visible.has(label)))
      out.summary = "category shares changed (rare categories not shown)";
    if (out.detail !== undefined && !visible.has(out.detail)) out.detail = "(a rare category)";
  }
  return out;
}

function protectDrift(ledger: Ledger, json: DriftJSON): DriftJSON {
  return { ...json, features: json.features.map((f) => protectDriftFeature(ledger, f)) };
}

function protectAnomaly(ledger: Ledger, anomaly: Anomaly): Anomaly {
  if (anomaly.feature === null) return anomaly;
  const column = anomaly.feature;
  const sensitive = ledger.sensitive.has(column);
  const out: Anomaly = { ...anomaly };
  let hidden = false;
  if (anomaly.values !== undefined) {
    const kept = anomaly.values.filter((v) => v.count >= ledger.minCount);
    suppress(ledger, column, anomaly.values.length - kept.length);
    hidden = kept.length < anomaly.values.length;
    out.values = kept.map((v) => (sensitive ? { ...v, value: shown(ledger, v.value) } : v));
  }
  if (sensitive) {
    ledger.redacted.add(column);
    if (anomaly.category !== undefined) out.category = shown(ledger, anomaly.category);
    if (typeof anomaly.measured === "string") out.measured = "(sensitive)";
    if (typeof anomaly.threshold === "string") out.threshold = "(sensitive)";
  }
  // The description quotes values: keep it only when no quoted value was hidden.
  if (sensitive || hidden) out.description = `${anomaly.short} (values not shown: privacy of shared reports)`;
  return out;
}

function protectAnomalies(ledger: Ledger, json: AnomaliesJSON): AnomaliesJSON {
  const anomalies = json.anomalies.map((a) => protectAnomaly(ledger, a));
  // The verdict's reasons quote the descriptions: quote the protected ones instead.
  const reasons = json.verdict.reasons.map((reason) =>
    json.anomalies.reduce(
      (text, a, i) =>
        a.description === anomalies[i].description
          ? text
          : text.split(a.description).join(anomalies[i].description),
      reason,
    ),
  );
  return {
    ...json,
    verdict: { ...json.verdict, reasons },
    anomalies,
    comparisons: json.comparisons.map((c) =>
      ledger.sensitive.has(c.feature) && c.category !== undefined
        ? { ...c, category: shown(ledger, c.category) }
        : c,
    ),
  };
}

/**
 * The report JSON as it may be shared: categories, top values and slices with fewer than `minCount` (default 10)
 * members suppressed, values of `sensitive` columns hashed or redacted, and the envelope's `omitted` listing what
 * was left out (`suppressed` per column, `redactedColumns`). Profile, drift and anomalies (validate) reports are
 * protected here; other kinds pass through unchanged (fairness suppresses small groups itself: `minGroupSize`,
 * `--suppress-below`).
 */
export function shareableReport<J extends ReportEnvelope>(json: J, options: PrivacyOptions = {}): J {
  const ledger: Ledger = {
    key: options.hashKey,
    minCount: options.minCount ?? DEFAULT_MIN_COUNT,
    sensitive: new Set(options.sensitive ?? []),
    mode: options.sensitiveValues ?? "hash",
    suppressed: new Map(),
    redacted: new Set(),
  };
  let out: ReportEnvelope;
  if (json.kind === "profile") out = protectProfile(ledger, json as unknown as ProfileJSON);
  else if (json.kind === "drift") out = protectDrift(ledger, json as unknown as DriftJSON);
  else if (json.kind === "anomalies") out = protectAnomalies(ledger, json as unknown as AnomaliesJSON);
  else return json;
  const omitted: Omissions = { ...(json.omitted ?? {}) };
  if (ledger.suppressed.size > 0) {
    omitted.suppressed = [
      ...(omitted.suppressed ?? []),
      ...[...ledger.suppressed].map(([column, count]) => ({ column, count, minimumCount: ledger.minCount })),
    ];
    omitted.notes = [
      ...(omitted.notes ?? []),
      `privacy: ${[...ledger.suppressed.values()].reduce((t, n) => t + n, 0)} categories or slices with fewer than ${ledger.minCount} members not shown`,
    ];
  }
  if (ledger.redacted.size > 0) {
    omitted.redactedColumns = [...(omitted.redactedColumns ?? []), ...ledger.redacted];
    omitted.notes = [
      ...(omitted.notes ?? []),
      `privacy: sensitive column(s) ${[...ledger.redacted].join(", ")}: category values ${ledger.mode === "redact" ? "redacted" : "hashed"}, numeric extremes, quantiles and histograms hidden`,
    ];
  }
  if (omitted.suppressed !== undefined || omitted.redactedColumns !== undefined) out.omitted = omitted;
  return out as J;
}
