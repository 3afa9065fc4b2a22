/**
 * Number, percent, p-value and date formatting for people: the one formatter behind every table cell, tooltip and
 * summary line (the static HTML, the text summary, the notebook page and the JupyterLab widget), so the same report
 * prints the same numbers everywhere. Browser-safe: no Node imports.
 */

/** Made on first use: building an Intl formatter costs milliseconds, which every command would pay at start-up. */
let integer: Intl.NumberFormat | undefined;

/**
 * A number for people: `–` for missing, `NaN`, `∞` / `−∞`; integers with thousands separators; others with `digits`
 * significant digits (default 4), in scientific notation when tiny (< 1e-3) or huge (≥ 1e9).
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "−∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    integer ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
    return integer.format(value);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 12 });
}

/**
 * A fraction as a percentage with `digits` decimals (default 1): `12.5%`; `<0.1%` / `>−0.1%` for non-zero shares that
 * would round to zero; `∞%` / `−∞%` for infinite ratios; `–` for missing or NaN.
 */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return "–";
  if (fraction === Infinity) return "∞%";
  if (fraction === -Infinity) return "−∞%";
  const percent = fraction * 100;
  const smallest = 10 ** -digits;
  if (percent !== 0 && Math.abs(percent) < smallest) {
    return percent > 0 ? `<${smallest.toFixed(digits)}%` : `>−${smallest.toFixed(digits)}%`;
  }
  return `${percent.toFixed(digits)}%`;
}

/** A p-value: three decimals, scientific (one decimal) below 0.001, `0` for an exact zero, `–` when missing. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "–";
  if (p < 0.001) return p === 0 ? "0" : p.toExponential(1);
  return p.toFixed(3);
}

/**
 * An instant (ms since the epoch, or ISO text) in UTC at `granularity` (default `day`): `2024`, `2024-03`,
 * `2024-03-05`, or `2024-03-05 12:30:00` for finer granularities. Unparseable text is returned as is.
 */
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

/** Escapes text for use inside HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
