/**
 * The presenter registry: how each report kind shows itself. Analyses never import presenters; a presenter is
 * registered per report kind (src/presenters/index.ts registers the built-in ones, and the package entry
 * src/index.ts imports that), and every report object finds its presenter here by its JSON's `kind`.
 */
import type { ReportEnvelope, ReportJSONOf, ReportKind } from "../format/index.js";
import { DriftlabError } from "../errors.js";

/** A Vega-Lite v5 spec (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * How one report kind is presented. Every form but the text is asynchronous, so that a presenter may draw SVG (vega
 * is imported only then) or load anything else lazily.
 */
export interface Presenter<J extends ReportEnvelope = ReportEnvelope> {
  /** `text/plain`: a readable summary (what `report.toString()` and the CLI print). */
  text(json: J): string;
  /** `text/html` body: tables and inline SVG charts, no script (GitHub, nbviewer, VS Code without the extension). */
  staticHTML(json: J): Promise<string>;
  /** `application/vnd.vegalite.v5+json`: the main chart, when the kind has one. Default: none. */
  vegaLite?(json: J): VegaLiteSpec | undefined;
  /** A standalone page that works offline. Default: the static HTML with the report JSON embedded (report/page.ts). */
  page?(json: J): Promise<string>;
}

const registry = new Map<string, Presenter<never>>();

/** Registers the presenter of a report kind, replacing the one registered before (so a notebook can restyle a kind). */
export function registerPresenter<K extends ReportKind>(
  kind: K,
  presenter: Presenter<ReportJSONOf<K>>,
): void {
  registry.set(kind, presenter as Presenter<never>);
}

/** The presenter of `kind`; throws NO_PRESENTER when none is registered. */
export function presenterFor<J extends ReportEnvelope>(kind: J["kind"]): Presenter<J> {
  const presenter = registry.get(kind);
  if (presenter === undefined) {
    throw new DriftlabError(
      "NO_PRESENTER",
      `No presenter is registered for reports of kind "${kind}". Import "driftlab" (its entry registers the ` +
        `built-in presenters) or call registerPresenter("${kind}", presenter).`,
      { subject: kind },
    );
  }
  return presenter as unknown as Presenter<J>;
}

/** The presenter of `kind`, or undefined when none is registered. */
export function findPresenter<J extends ReportEnvelope>(kind: J["kind"]): Presenter<J> | undefined {
  return registry.get(kind) as unknown as Presenter<J> | undefined;
}

/** The report kinds that have a presenter. */
export function presentedKinds(): string[] {
  return [...registry.keys()].sort();
}
