/** Inline SVG mini charts for table cells: cheap enough for hundreds of rows (no Vega). */
import { formatPercent } from "../../../src/core/format.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(width: number, height: number, label: string): SVGSVGElement {
  const element = document.createElementNS(SVG, "svg");
  element.setAttribute("width", String(width));
  element.setAttribute("height", String(height));
  element.setAttribute("viewBox", `0 0 ${width} ${height}`);
  element.setAttribute("class", "dl-spark");
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", label);
  const title = document.createElementNS(SVG, "title");
  title.textContent = label;
  element.appendChild(title);
  return element;
}

/** Bars of `counts` (a histogram), scaled to the largest. */
export function miniHistogram(
  counts: readonly number[],
  label: string,
  width = 96,
  height = 22,
): SVGSVGElement {
  const element = svg(width, height, label);
  const max = Math.max(1, ...counts);
  const step = width / Math.max(1, counts.length);
  counts.forEach((count, i) => {
    const barHeight = count === 0 ? 0 : Math.max(1, (count / max) * (height - 1));
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("x", (i * step + 0.5).toFixed(1));
    rect.setAttribute("y", (height - barHeight).toFixed(1));
    rect.setAttribute("width", Math.max(1, step - 1).toFixed(1));
    rect.setAttribute("height", barHeight.toFixed(1));
    element.appendChild(rect);
  });
  return element;
}

/** A horizontal bar of `share` (0–1), e.g. missing values or a top value's frequency. */
export function shareBar(share: number, tone: "bad" | "neutral" = "neutral", width = 48): SVGSVGElement {
  const element = svg(width, 8, formatPercent(share));
  element.setAttribute("class", `dl-share dl-share-${tone}`);
  const track = document.createElementNS(SVG, "rect");
  track.setAttribute("width", String(width));
  track.setAttribute("height", "8");
  track.setAttribute("class", "dl-share-track");
  const bar = document.createElementNS(SVG, "rect");
  bar.setAttribute("width", (Math.min(1, Math.max(0, share)) * width).toFixed(1));
  bar.setAttribute("height", "8");
  bar.setAttribute("class", "dl-share-bar");
  element.append(track, bar);
  return element;
}
