import { formatNumber, formatPercent } from "../report/html.js";
import { shortLabel } from "../report/limits.js";
import { quantileOfSorted } from "../measures/index.js";
import { sketchOf, type CategorySide, type NumericSide } from "./sides.js";

/** Share of `side`'s finite values strictly above `x` (or below, with `below`). */
function shareBeyond(side: NumericSide, x: number, below: boolean): number {
  if (side.n === 0) return NaN;
  if (side.sorted !== undefined) {
    const s = side.sorted;
    // binary search for the first index with s[i] > x (above) or s[i] >= x (below)
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (below ? s[mid] < x : s[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return below ? lo / s.length : (s.length - lo) / s.length;
  }
  const rank = sketchOf(side).rank(x, !below);
  return below ? rank : 1 - rank;
}

function quantile(side: NumericSide, q: number): number {
  if (side.sorted !== undefined) return quantileOfSorted(side.sorted, q);
  return sketchOf(side).quantile(q);
}

function fmt(value: number, datetime: boolean): string {
  if (datetime && Number.isFinite(value)) return new Date(value).toISOString().slice(0, 16).replace("T", " ");
  return formatNumber(value, 3);
}

function missingPhrase(
  reference: { count: number; missing: number },
  current: { count: number; missing: number },
): string | undefined {
  const r = reference.count === 0 ? 0 : reference.missing / reference.count;
  const c = current.count === 0 ? 0 : current.missing / current.count;
  if (Math.abs(c - r) >= 0.02 && (c > 2 * r || c < r / 2))
    return `missing ${formatPercent(r)} → ${formatPercent(c)}`;
  return undefined;
}

/** Plain words on how a numeric feature moved, e.g. "mean moved from 11.2 to 14.9; 38% of values above the reference p95". */
export function numericSummary(reference: NumericSide, current: NumericSide, datetime: boolean): string {
  if (reference.n === 0 || current.n === 0) {
    return reference.n === 0 ? "no finite reference values" : "no finite current values";
  }
  const parts: string[] = [];
  if (datetime) {
    parts.push(
      `range ${fmt(reference.min, true)}–${fmt(reference.max, true)} → ${fmt(current.min, true)}–${fmt(current.max, true)}`,
    );
  } else {
    const change = reference.mean !== 0 ? (current.mean - reference.mean) / Math.abs(reference.mean) : NaN;
    const relative =
      Number.isFinite(change) && Math.abs(change) >= 0.005
        ? ` (${change > 0 ? "+" : ""}${formatPercent(change, Math.abs(change) < 0.1 ? 1 : 0)})`
        : "";
    parts.push(`mean moved from ${fmt(reference.mean, false)} to ${fmt(current.mean, false)}${relative}`);
    if (reference.std > 0 && (current.std / reference.std > 1.25 || current.std / reference.std < 0.8)) {
      parts.push(`std ${fmt(reference.std, false)} → ${fmt(current.std, false)}`);
    }
  }
  const p95 = quantile(reference, 0.95);
  const p05 = quantile(reference, 0.05);
  const above = shareBeyond(current, p95, false);
  const below = shareBeyond(current, p05, true);
  const expectedAbove = shareBeyond(reference, p95, false);
  const expectedBelow = shareBeyond(reference, p05, true);
  if (above >= 2 * Math.max(expectedAbove, 0.01) && above >= 0.08) {
    parts.push(`${formatPercent(above, 0)} of values above the reference p95 (${fmt(p95, datetime)})`);
  }
  if (below >= 2 * Math.max(expectedBelow, 0.01) && below >= 0.08) {
    parts.push(`${formatPercent(below, 0)} of values below the reference p5 (${fmt(p05, datetime)})`);
  }
  const outside = shareBeyond(current, reference.max, false) + shareBeyond(current, reference.min, true);
  if (outside >= 0.01) parts.push(`${formatPercent(outside)} outside the reference range`);
  const missing = missingPhrase(reference, current);
  if (missing !== undefined) parts.push(missing);
  return parts.join("; ");
}

/** Plain words on how a categorical feature moved: the largest share change, new and vanished categories. */
export function categoricalSummary(reference: CategorySide, current: CategorySide): string {
  if (reference.n === 0 || current.n === 0)
    return reference.n === 0 ? "no reference values" : "no current values";
  const labels = new Set([...reference.counts.keys(), ...current.counts.keys()]);
  let largest: { label: string; r: number; c: number } | undefined;
  const added: { label: string; share: number }[] = [];
  let vanished = 0;
  for (const label of labels) {
    const r = (reference.counts.get(label) ?? 0) / reference.n;
    const c = (current.counts.get(label) ?? 0) / current.n;
    if (largest === undefined || Math.abs(c - r) > Math.abs(largest.c - largest.r)) largest = { label, r, c };
    if (r === 0 && c > 0 && reference.exact) added.push({ label, share: c });
    if (c === 0 && r > 0 && current.exact) vanished++;
  }
  const parts: string[] = [];
  if (largest !== undefined && Math.abs(largest.c - largest.r) >= 0.005) {
    parts.push(
      `share of "${shortLabel(largest.label)}" went from ${formatPercent(largest.r)} to ${formatPercent(largest.c)}`,
    );
  }
  if (added.length > 0) {
    added.sort((a, b) => b.share - a.share);
    const total = added.reduce((t, a) => t + a.share, 0);
    const examples = added
      .slice(0, 3)
      .map((a) => `"${shortLabel(a.label)}"`)
      .join(", ");
    parts.push(
      `${added.length} new ${added.length === 1 ? "category" : "categories"} (${examples}${added.length > 3 ? ", …" : ""}: ${formatPercent(total)} of values)`,
    );
  }
  if (vanished > 0) parts.push(`${vanished} reference ${vanished === 1 ? "category" : "categories"} absent`);
  const missing = missingPhrase(reference, current);
  if (missing !== undefined) parts.push(missing);
  return parts.length > 0 ? parts.join("; ") : "category shares within half a point";
}
