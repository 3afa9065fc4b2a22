/**
 * Renders a Vega-Lite spec to an SVG string in Node, headless and without canvas (vega's SVG string renderer).
 * vega and vega-lite are imported here, lazily, the first time an SVG is drawn: computing a report never loads them.
 * Text widths are estimated without canvas, so keep labels short. The SVG carries no script.
 */
export async function vegaLiteToSVG(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const vegaSpec = vegaLite.compile(spec as never).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none", logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
