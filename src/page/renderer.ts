/// <reference lib="dom.iterable" />
/**
 * The page renderer: the browser script `driftlab render` inlines once into each standalone notebook page (built by
 * scripts/build-page-renderer.mjs into dist/page/renderer.js, with vega, vega-lite and vega-embed bundled: the page
 * works offline). On DOMContentLoaded it draws every `[data-vega-lite]` output with vega-embed, and every
 * `[data-driftlab-report]` output with the JupyterLab extension's own views (the same DOM code as in JupyterLab,
 * without Lumino), replacing the static HTML fallback. A report without a view (schema, anomalies, ...) or one that
 * fails to draw keeps its static HTML.
 */
import embed, { type VisualizationSpec } from "vega-embed";
import { ChartSet } from "../../extension/src/ui/chart.js";
import { VIEWS } from "../../extension/src/views/index.js";

/** The extension's stylesheet (extension/style/index.css), inserted by the build script. */
declare const DRIFTLAB_EXTENSION_CSS: string;

/** JupyterLab's light theme variables that the extension's stylesheet and charts read (JupyterLab 4 values). */
const THEME_CSS = `
:root{
--jp-ui-font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
--jp-code-font-family:ui-monospace,SFMono-Regular,Menlo,monospace;
--jp-ui-font-size1:13px;
--jp-ui-font-color1:rgba(0,0,0,0.87);--jp-ui-font-color2:rgba(0,0,0,0.54);--jp-ui-inverse-font-color1:#fff;
--jp-layout-color0:#fff;--jp-layout-color1:#fff;
--jp-border-color1:#bdbdbd;--jp-border-color2:#e0e0e0;--jp-border-color3:#eee;
--jp-brand-color1:#1976d2;--jp-error-color1:#d32f2f;--jp-warn-color1:#f57c00;--jp-success-color1:#388e3c;
--jp-input-background:#fff;--jp-input-border-color:#bdbdbd;
}
.driftlab-output{border:1px solid var(--jp-border-color2);border-radius:6px;padding:10px 12px;margin:6px 0}
.vega-output{margin:6px 0}
`;

function jsonOf(element: Element): unknown {
  const script = element.querySelector(':scope > script[type="application/json"]');
  return script?.textContent ? (JSON.parse(script.textContent) as unknown) : undefined;
}

async function drawVegaLite(element: HTMLElement): Promise<void> {
  const spec = jsonOf(element) as Record<string, unknown> | undefined;
  if (spec === undefined) return;
  const target = document.createElement("div");
  element.appendChild(target);
  const copy = { ...spec };
  // Specs declare Vega-Lite v5; vega-lite 6 draws them unchanged but warns about the $schema.
  delete copy.$schema;
  // ast: Vega's expression interpreter instead of generated functions, so the page's CSP needs no 'unsafe-eval'.
  await embed(target, copy as VisualizationSpec, { actions: false, renderer: "svg", logLevel: 0, ast: true });
  element.dataset.drawn = "true";
}

function drawReport(element: HTMLElement): void {
  const report = jsonOf(element) as
    (Record<string, unknown> & { kind?: unknown; format?: unknown }) | undefined;
  if (report === undefined || report.format !== "driftlab-report" || typeof report.kind !== "string") return;
  const view = VIEWS.get(report.kind);
  if (view === undefined || view.check(report as never) !== null) return;
  const charts = new ChartSet();
  try {
    const rendered = view.render(report as never, charts);
    rendered.dataset.kind = report.kind;
    const host = document.createElement("div");
    host.className = "driftlab-report";
    host.appendChild(rendered);
    const fallback = [...element.childNodes].filter((node) => !(node instanceof HTMLScriptElement));
    for (const node of fallback) node.remove();
    element.prepend(host);
    element.dataset.rendered = report.kind;
  } catch (error) {
    charts.dispose();
    // The static HTML stays: better an exact static report than a broken widget.
    console.warn(`driftlab: the ${report.kind} report could not be drawn interactively`, error);
  }
}

function renderPage(): void {
  const style = document.createElement("style");
  style.textContent = THEME_CSS + DRIFTLAB_EXTENSION_CSS;
  document.head.appendChild(style);
  for (const element of document.querySelectorAll<HTMLElement>("[data-driftlab-report]")) drawReport(element);
  for (const element of document.querySelectorAll<HTMLElement>("[data-vega-lite]")) {
    drawVegaLite(element).catch((error: unknown) => {
      element.dataset.drawn = "error";
      element.append(
        `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
  // The kinds this bundle draws, for tests and for readers of the page source.
  document.body.dataset.driftlabKinds = [...VIEWS.keys()].join(" ");
  document.body.dataset.driftlabRendered = "true";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderPage);
else renderPage();
