import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite spec to an SVG string in Node, headless and without canvas (vega's SVG string renderer).
 * Text widths are estimated without canvas, so keep labels short. The SVG carries no script.
 */
export async function vegaLiteToSVG(spec: Record<string, unknown>): Promise<string> {
  const vegaSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none", logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
