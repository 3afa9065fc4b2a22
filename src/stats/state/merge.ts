import { DriftlabError } from "../../errors.js";
import { HeavyHitters, HyperLogLog, KllSketch, Moments } from "../../sketch/index.js";
import { sketchCategories } from "./categorical.js";
import { LazyKll } from "./lazy-kll.js";
import type { StateSettings } from "./settings.js";
import type {
  BooleanState,
  CategoryState,
  FeatureState,
  NumericState,
  QuantileSummaryInfo,
} from "./types.js";

/**
 * The summary bound of a merge where some parts' sketches came from engine summaries: rank errors are fractions of
 * each part's values, so the merged error is their weighted mean; compacted when any part was, or a part's own KLL
 * sketch had compacted, or this merge compacted (the merged sketch keeps fewer items than the parts together).
 */
function mergedSummary(parts: readonly NumericState[], merged: KllSketch): QuantileSummaryInfo {
  let weighted = 0;
  let retained = 0;
  let compacted = false;
  for (const p of parts) {
    const sketch = p.kll.sketch;
    retained += sketch.retained;
    if (p.summary !== undefined) {
      weighted += p.summary.rankError * sketch.n;
      compacted ||= p.summary.compacted;
    } else compacted ||= !sketch.exact;
  }
  return {
    rankError: merged.n === 0 ? 0 : weighted / merged.n,
    compacted: compacted || merged.retained < retained,
  };
}

/**
 * Merges states of the same feature from partitions. Counts, moments, min/max and exact category tables merge
 * exactly; quantiles and histograms of the result come from the merged KLL sketch.
 */
export function mergeStates(
  name: string,
  states: readonly FeatureState[],
  settings: StateSettings,
): FeatureState {
  const kind = states[0].kind;
  for (const s of states) {
    if (s.kind !== kind) {
      throw new DriftlabError(
        "INCOMPATIBLE_MERGE",
        `Feature "${name}" is ${kind} in one profile and ${s.kind} in another. Give it the same kind in every partition (options.kinds).`,
        { subject: name },
      );
    }
  }
  if (states.length === 1) return states[0];
  switch (kind) {
    case "numeric":
    case "datetime": {
      const all = states as NumericState[];
      const moments = new Moments();
      const kll = new KllSketch({ k: settings.kllK });
      const merged: NumericState = {
        kind,
        count: 0,
        missing: 0,
        zeros: 0,
        nan: 0,
        positiveInfinity: 0,
        negativeInfinity: 0,
        integer: true,
        granularity: 0,
        moments,
        kll: new LazyKll(settings.kllK, kll),
      };
      for (const s of all) {
        merged.count += s.count;
        merged.missing += s.missing;
        merged.zeros += s.zeros;
        merged.nan += s.nan;
        merged.positiveInfinity += s.positiveInfinity;
        merged.negativeInfinity += s.negativeInfinity;
        merged.integer &&= s.integer;
        merged.granularity = Math.max(merged.granularity, s.granularity);
        moments.merge(s.moments);
        kll.merge(s.kll.sketch);
      }
      if (all.some((s) => s.summary !== undefined)) merged.summary = mergedSummary(all, kll);
      return merged;
    }
    case "boolean": {
      const all = states as BooleanState[];
      return {
        kind,
        count: all.reduce((t, s) => t + s.count, 0),
        missing: all.reduce((t, s) => t + s.missing, 0),
        trueCount: all.reduce((t, s) => t + s.trueCount, 0),
      };
    }
    case "categorical":
    case "text": {
      const all = states as CategoryState[];
      const merged: CategoryState = {
        kind,
        count: 0,
        missing: 0,
        totalLength: 0,
        minLength: Infinity,
        maxLength: 0,
        counts: new Map(),
      };
      for (const s of all) {
        merged.count += s.count;
        merged.missing += s.missing;
        merged.totalLength += s.totalLength;
        merged.minLength = Math.min(merged.minLength, s.minLength);
        merged.maxLength = Math.max(merged.maxLength, s.maxLength);
      }
      if (all.every((s) => s.counts !== undefined)) {
        const counts = merged.counts!;
        for (const s of all)
          for (const [label, k] of s.counts!) counts.set(label, (counts.get(label) ?? 0) + k);
        if (counts.size > settings.exactCategoryLimit) sketchCategories(merged, counts, settings);
        return merged;
      }
      merged.counts = undefined;
      const heavy = new HeavyHitters({ capacity: settings.heavyHittersCapacity });
      const hll = new HyperLogLog({ precision: settings.hllPrecision });
      for (const s of all) {
        if (s.counts !== undefined) {
          for (const [label, k] of s.counts) {
            heavy.add(label, k);
            hll.add(label);
          }
        } else {
          heavy.merge(s.heavy!);
          hll.merge(s.hll!);
        }
      }
      merged.heavy = heavy;
      merged.hll = hll;
      return merged;
    }
  }
}
