import type { FeatureKind } from "../../data/column.js";
import { DriftlabError } from "../../errors.js";
import { HeavyHitters, HyperLogLog, KllSketch, Moments } from "../../sketch/index.js";
import { LazyKll } from "./lazy-kll.js";
import type { FeatureState } from "./types.js";

/** A feature state as JSON (sketches included), for saving a profile and merging it later. */
export type FeatureStateJSON = Record<string, unknown> & { kind: FeatureKind };

export function stateToJSON(state: FeatureState): FeatureStateJSON {
  switch (state.kind) {
    case "numeric":
    case "datetime": {
      const { moments, kll, exact: _exact, ...rest } = state;
      return { ...rest, moments: moments.toJSON(), kll: kll.sketch.toJSON() };
    }
    case "boolean":
      return { ...state };
    case "categorical":
    case "text": {
      const { counts, heavy, hll, exactTop: _exactTop, ...rest } = state;
      return {
        ...rest,
        minLength: Number.isFinite(rest.minLength) ? rest.minLength : null,
        counts: counts === undefined ? undefined : [...counts],
        heavy: heavy?.toJSON(),
        hll: hll?.toJSON(),
      };
    }
  }
}

export function stateFromJSON(name: string, json: FeatureStateJSON): FeatureState {
  const bad = (what: string) =>
    new DriftlabError(
      "INVALID_SKETCH",
      `Saved profile: feature "${name}" has ${what}. The file is damaged or not a driftlab profile.`,
      {
        subject: name,
      },
    );
  const num = (key: string): number => {
    const v = json[key];
    if (typeof v !== "number") throw bad(`no number "${key}"`);
    return v;
  };
  switch (json.kind) {
    case "numeric":
    case "datetime":
      return {
        kind: json.kind,
        count: num("count"),
        missing: num("missing"),
        zeros: num("zeros"),
        nan: num("nan"),
        positiveInfinity: num("positiveInfinity"),
        negativeInfinity: num("negativeInfinity"),
        integer: json.integer === true,
        granularity: num("granularity"),
        moments: Moments.fromJSON(json.moments as Parameters<typeof Moments.fromJSON>[0]),
        kll: (() => {
          const sketch = KllSketch.fromJSON(json.kll as Parameters<typeof KllSketch.fromJSON>[0]);
          return new LazyKll(sketch.k, sketch);
        })(),
        ...summaryOf(json, bad),
      };
    case "boolean":
      return { kind: "boolean", count: num("count"), missing: num("missing"), trueCount: num("trueCount") };
    case "categorical":
    case "text": {
      const counts = json.counts;
      if (counts !== undefined && !Array.isArray(counts)) throw bad("malformed counts");
      return {
        kind: json.kind,
        count: num("count"),
        missing: num("missing"),
        totalLength: num("totalLength"),
        minLength: typeof json.minLength === "number" ? json.minLength : Infinity,
        maxLength: num("maxLength"),
        counts: counts === undefined ? undefined : new Map(counts as [string, number][]),
        heavy:
          json.heavy === undefined
            ? undefined
            : HeavyHitters.fromJSON(json.heavy as Parameters<typeof HeavyHitters.fromJSON>[0]),
        hll:
          json.hll === undefined
            ? undefined
            : HyperLogLog.fromJSON(json.hll as Parameters<typeof HyperLogLog.fromJSON>[0]),
      };
    }
    default:
      throw bad(`unknown kind "${String(json.kind)}"`);
  }
}

/** The optional `summary` of a numeric state saved from an engine's profile (NumericState.summary). */
function summaryOf(
  json: FeatureStateJSON,
  bad: (what: string) => DriftlabError,
): { summary?: { rankError: number; compacted: boolean } } {
  const summary = json.summary as { rankError?: unknown; compacted?: unknown } | undefined;
  if (summary === undefined) return {};
  if (
    summary === null ||
    typeof summary !== "object" ||
    typeof summary.rankError !== "number" ||
    !(summary.rankError >= 0 && summary.rankError <= 1) ||
    typeof summary.compacted !== "boolean"
  ) {
    throw bad("a malformed quantile summary bound");
  }
  return { summary: { rankError: summary.rankError, compacted: summary.compacted } };
}
