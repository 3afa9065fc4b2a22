/** The anomaly catalogue lives in the report format layer (src/format/anomaly-codes.ts); its Markdown is made here. */
import { ANOMALY_CODE_LIST, ANOMALY_CODES } from "../format/anomaly-codes.js";

export { ANOMALY_CODE_LIST, ANOMALY_CODES, ANOMALY_SEVERITIES } from "../format/anomaly-codes.js";
export type { AnomalyCode, AnomalyCodeInfo, AnomalySeverity } from "../format/anomaly-codes.js";

/** The catalogue as Markdown: what docs/anomalies.md holds between its catalogue markers. */
export function anomalyCatalogueMarkdown(): string {
  const summary = ANOMALY_CODE_LIST.map(
    (code) =>
      `- [\`${code}\`](#${code.toLowerCase()}) (${ANOMALY_CODES[code].severity}): ${ANOMALY_CODES[code].short}`,
  );
  const sections = ANOMALY_CODE_LIST.map((code) => {
    const info = ANOMALY_CODES[code];
    return `### ${code}\n\nSeverity **${info.severity}** · ${info.short} · ${info.tfdv ? "TFDV's code" : "driftlab's code"}\n\n${info.long}`;
  });
  return [summary.join("\n"), ...sections].join("\n\n");
}
