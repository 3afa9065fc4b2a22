/**
 * The report object every analysis returns: the report JSON (the versioned format of src/format/) and its verdict,
 * shown everywhere through the presenter registered for its kind (presenters.ts): in Jupyter through
 * `Symbol.for("Jupyter.display")` (the same rule as Deno's kernel), as a standalone page (`toHTML()`), as static HTML,
 * a Vega-Lite spec, and text (`toString()`). This file knows no presenter and no chart.
 */
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  REPORT_MIME_TYPE,
  VEGA_LITE_MIME_TYPE,
  type ReportEnvelope,
  type Verdict,
} from "../format/index.js";
import { VERSION } from "../version.js";
import { withContentSecurityPolicy } from "./csp.js";
import { standalonePage, wrapStatic } from "./page.js";
import { presenterFor, type VegaLiteSpec } from "./presenters.js";
import { shareableReport, type PrivacyOptions } from "./privacy.js";

export { REPORT_FORMAT_VERSION, REPORT_MIME_TYPE, VEGA_LITE_MIME_TYPE } from "../format/index.js";
export type { Omissions, ReportEnvelope, Verdict, VerdictStatus } from "../format/index.js";

/** `Symbol.for("Jupyter.display")`: the method name by which Deno's kernel and ours display a value richly. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle, as Jupyter's display_data and execute_result carry it. */
export type MimeBundle = Record<string, unknown>;

/** Makes the envelope of a new report of `kind`, with its verdict. */
export function envelope<K extends string>(
  kind: K,
  title: string,
  verdict: Verdict,
): ReportEnvelope & { kind: K } {
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    kind,
    title,
    createdAt: new Date().toISOString(),
    generator: { name: "driftlab", version: VERSION },
    verdict,
  };
}

/**
 * The MIME bundle of a report JSON, assembled through the presenter of its kind: the report JSON (the extension
 * renders it), the main chart as Vega-Lite when the kind has one, static HTML and text.
 */
export async function mimeBundleOf(json: ReportEnvelope): Promise<MimeBundle> {
  const presenter = presenterFor(json.kind);
  const bundle: MimeBundle = {
    [REPORT_MIME_TYPE]: json,
    "text/html": wrapStatic(await presenter.staticHTML(json)),
    "text/plain": presenter.text(json),
  };
  const spec = presenter.vegaLite?.(json);
  if (spec !== undefined) bundle[VEGA_LITE_MIME_TYPE] = spec;
  return bundle;
}

/** A standalone HTML page of a report JSON, through the presenter of its kind. */
export async function pageOf(json: ReportEnvelope): Promise<string> {
  const presenter = presenterFor(json.kind);
  // Every page gets the policy, a presenter's own page too (docs/security.md).
  return withContentSecurityPolicy(
    presenter.page !== undefined
      ? await presenter.page(json)
      : standalonePage(json, await presenter.staticHTML(json)),
  );
}

/**
 * The base of every analysis result. A report is data first (`toJSON()`, the versioned format, and `verdict`);
 * every other form comes from the presenter registered for its kind.
 */
export abstract class Report<J extends ReportEnvelope = ReportEnvelope> {
  /** The report in the versioned JSON format: aggregates only, never rows. */
  abstract toJSON(): J;

  /** How the check came out (`ok`, `warn`, `fail`, with reasons); the CLI's exit code comes from it. */
  get verdict(): Verdict {
    return this.toJSON().verdict;
  }

  /** A readable plain-text summary. */
  toString(): string {
    const json = this.toJSON();
    return presenterFor<J>(json.kind).text(json);
  }

  /** Static HTML (tables and inline SVG, no script): what GitHub, nbviewer and VS Code without the extension show. */
  toStaticHTML(): Promise<string> {
    const json = this.toJSON();
    return presenterFor<J>(json.kind).staticHTML(json);
  }

  /** The main chart as a Vega-Lite spec, when the report kind has one. */
  toVegaLite(): VegaLiteSpec | undefined {
    const json = this.toJSON();
    return presenterFor<J>(json.kind).vegaLite?.(json);
  }

  /** The MIME bundle Jupyter frontends choose from. */
  toMimeBundle(): Promise<MimeBundle> {
    return mimeBundleOf(this.toJSON());
  }

  /** Deno's and driftlab's kernels display a value through this method (a Promise of the bundle is allowed). */
  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.toMimeBundle();
  }

  /**
   * The report as it may be shared (docs/privacy.md): a report whose JSON — and so its widget, static HTML fallback,
   * text and page — has categories, values and slices with fewer than `minCount` (default 10) members left out and
   * the values of `sensitive` columns hashed or redacted, saying so in `omitted`. `display(report.shareable())` in a
   * notebook that will be shared; `driftlab render` and the CLI's `--html` do this by default.
   */
  shareable(options: PrivacyOptions = {}): Report<J> {
    return new SharedReport(shareableReport(this.toJSON(), options));
  }

  /**
   * A standalone HTML page of the report that works offline. It carries a Content-Security-Policy that runs only the
   * page's own inline scripts (none on the default page) and loads nothing (docs/security.md).
   */
  toHTML(): Promise<string> {
    return pageOf(this.toJSON());
  }
}

/** A report made from protected JSON ({@link Report.shareable}). */
class SharedReport<J extends ReportEnvelope> extends Report<J> {
  readonly #json: J;

  constructor(json: J) {
    super();
    this.#json = json;
  }

  toJSON(): J {
    return this.#json;
  }
}
