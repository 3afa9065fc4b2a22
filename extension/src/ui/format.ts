/** Number and date formatting for people: what the table cells and tooltips show. */

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Integers with separators; others with `digits` significant digits; scientific when tiny or huge. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "−∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return integer.format(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 12 });
}

/** A share as a percentage: "12.5%", "<0.1%" for tiny non-zero shares. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  if (share > 0 && share < 0.001) return "<0.1%";
  return `${(share * 100).toFixed(digits)}%`;
}

/** A p-value: scientific below 0.001. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return "–";
  if (p < 0.001) return p === 0 ? "0" : p.toExponential(1);
  return p.toFixed(3);
}

/** An instant in ms since the epoch (or ISO text) at the given granularity. */
export function formatDate(value: number | string | null | undefined, granularity = "day"): string {
  if (value === null || value === undefined) return "–";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const iso = date.toISOString();
  if (granularity === "year") return iso.slice(0, 4);
  if (granularity === "month") return iso.slice(0, 7);
  if (granularity === "day") return iso.slice(0, 10);
  return iso.replace("T", " ").replace(/\.000Z$|Z$/, "");
}
