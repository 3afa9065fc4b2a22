import type { CategoricalColumn } from "../../data/column.js";
import { HeavyHitters, HyperLogLog } from "../../sketch/index.js";
import type { ValueCount } from "../../format/profile.js";
import type { StateSettings } from "./settings.js";
import type { CategoryState } from "./types.js";

/** The state of a categorical or text column: counts per code, then per label (exact or sketched). */
export function categoryStateOf(column: CategoricalColumn, settings: StateSettings): CategoryState {
  const dictionary = column.dictionary;
  const codeCounts = new Float64Array(dictionary.length);
  const codes = column.codes;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else codeCounts[c]++;
  }
  // Dictionaries may hold duplicate labels (after concatenation): count by label.
  let totalLength = 0;
  let minLength = Infinity;
  let maxLength = 0;
  const counts = new Map<string, number>();
  for (let c = 0; c < dictionary.length; c++) {
    const k = codeCounts[c];
    if (k === 0) continue;
    const label = dictionary[c];
    counts.set(label, (counts.get(label) ?? 0) + k);
    const length = label.length;
    totalLength += length * k;
    if (length < minLength) minLength = length;
    if (length > maxLength) maxLength = length;
  }
  const state: CategoryState = {
    kind: column.kind,
    count: codes.length,
    missing,
    totalLength,
    minLength,
    maxLength,
  };
  if (counts.size <= settings.exactCategoryLimit) state.counts = counts;
  else {
    state.exactTop = { ranked: rankedCounts(counts, settings.rankHistogramSize), unique: counts.size };
    sketchCategories(state, counts, settings);
  }
  return state;
}

/** The `size` largest counts, by count descending then value, in O(distinct · log size). */
function rankedCounts(counts: Map<string, number>, size: number): ValueCount[] {
  const all: ValueCount[] = [];
  for (const [value, count] of counts) all.push({ value, count });
  all.sort(byCountThenValue);
  return all.slice(0, size);
}

/** Orders value counts by count descending, then by value. */
export function byCountThenValue(a: ValueCount, b: ValueCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

export function sketchCategories(
  state: CategoryState,
  counts: Map<string, number>,
  settings: StateSettings,
): void {
  const heavy = new HeavyHitters({ capacity: settings.heavyHittersCapacity });
  const hll = new HyperLogLog({ precision: settings.hllPrecision });
  for (const [label, count] of counts) {
    heavy.add(label, count);
    hll.add(label);
  }
  state.counts = undefined;
  state.heavy = heavy;
  state.hll = hll;
}
