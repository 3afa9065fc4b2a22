import { escapeHtml, formatNumber } from "./html.js";

/**
 * A tiny inline SVG bar chart (no script), for static tables: one bar per count, with a <title> per bar so hovering
 * shows the exact numbers even on GitHub.
 */
export function sparklineSVG(
  counts: readonly number[],
  labels: readonly string[],
  options: { width?: number; height?: number; color?: string } = {},
): string {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const color = options.color ?? "#4c78a8";
  const max = Math.max(1, ...counts);
  const n = Math.max(1, counts.length);
  const barWidth = width / n;
  const bars = counts
    .map((count, i) => {
      const h = count === 0 ? 0 : Math.max(1, (count / max) * (height - 2));
      const x = (i * barWidth).toFixed(2);
      const y = (height - h).toFixed(2);
      const w = Math.max(0.5, barWidth - 1).toFixed(2);
      return `<rect x="${x}" y="${y}" width="${w}" height="${h.toFixed(2)}" fill="${color}"><title>${escapeHtml(
        labels[i] ?? "",
      )}: ${formatNumber(count)}</title></rect>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><rect x="0" y="${height - 0.5}" width="${width}" height="0.5" fill="#8c959f"/>${bars}</svg>`;
}

/** Labels "[a, b)" for histogram buckets. */
export function bucketLabels(
  edges: readonly number[],
  format: (x: number) => string = (x) => formatNumber(x),
): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    labels.push(`${format(edges[i])} – ${format(edges[i + 1])}`);
  }
  return labels;
}
