/**
 * The browser-safe core shared by the static HTML, the text summaries, the notebook page and the JupyterLab
 * extension: number formatting, rate definitions with Wilson intervals, bin edges. Nothing here imports Node
 * modules, chart code or analyses; it imports only the measures it needs (Wilson intervals).
 */
export { escapeHtml, formatDate, formatNumber, formatPercent, formatPValue } from "./format.js";
export {
  confusionAt,
  rateDefinition,
  rateWithInterval,
  RATE_METRICS,
  type Confusion,
  type RateDefinition,
  type RateHarm,
  type RateMetricName,
  type RateValue,
  type ScoreHistogramCounts,
} from "./rates.js";
export { equalWidthEdges } from "./binning.js";
export { verdictOf, type Verdict, type VerdictStatus } from "./verdict.js";
export { zeroFraction, type ZeroCounts } from "./profile.js";
