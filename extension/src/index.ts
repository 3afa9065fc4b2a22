/**
 * driftlab-jupyterlab: renders driftlab reports (MIME type application/vnd.driftlab.report.v1+json) as interactive
 * widgets. Safe: it draws data and never runs code from it, so saved outputs of untrusted notebooks render too.
 * Rank 10 (below 50) so it wins over the text/html and Vega-Lite fallbacks in the same bundle.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { ReportWidget } from "./widget.js";

import { REPORT_MIME_TYPE } from "../../src/format/envelope.js";

export { REPORT_MIME_TYPE };

export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [REPORT_MIME_TYPE],
  defaultRank: 10,
  createRenderer: (options) => new ReportWidget(options),
};

const extension: IRenderMime.IExtension = {
  id: "driftlab-jupyterlab:reports",
  description: "Interactive views of driftlab reports: profile, drift, drift timeline.",
  rendererFactory,
  rank: 10,
  dataType: "json",
};

export default extension;
