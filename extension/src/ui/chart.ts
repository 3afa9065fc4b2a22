/**
 * A Vega-Lite chart in a view: drawn with vega-embed (bundled, nothing loaded from a CDN) when it first scrolls into
 * view, redrawn on theme switches, finalized when the view goes away. Tooltips show exact numbers on hover.
 */
import embed, { type Result, type VisualizationSpec } from "vega-embed";
import { currentTheme, onThemeChange, themedSpec, vegaConfig } from "./theme.js";

export type Spec = Record<string, unknown>;

export interface ChartOptions {
  /** Accessible name of the chart (screen readers, tests). */
  label: string;
  /** Called with the datum of a clicked mark. */
  onClick?: (datum: Record<string, unknown>) => void;
  /** Draw only once the chart is near the viewport. Default true. */
  lazy?: boolean;
}

/** Charts drawn so far by every view (tests and the 200-feature budget look at it). */
export const chartStats = { drawn: 0 };

export class Chart {
  readonly element: HTMLDivElement;
  #spec: Spec;
  #options: ChartOptions;
  #result: Result | undefined;
  #drawing: Promise<void> | undefined;
  #visible = false;
  #disposed = false;
  #stopTheme: () => void;
  #observer: IntersectionObserver | undefined;

  constructor(spec: Spec, options: ChartOptions) {
    this.#spec = spec;
    this.#options = options;
    this.element = document.createElement("div");
    this.element.className = "dl-chart";
    this.element.setAttribute("role", "figure");
    this.element.setAttribute("aria-label", options.label);
    this.#stopTheme = onThemeChange(() => {
      if (this.#result !== undefined) void this.#draw();
    });
    if (options.lazy === false || typeof IntersectionObserver === "undefined") {
      this.#visible = true;
      queueMicrotask(() => void this.#draw());
    } else {
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting) && !this.#visible) {
            this.#visible = true;
            this.#observer?.disconnect();
            void this.#draw();
          }
        },
        { rootMargin: "400px" },
      );
      this.#observer.observe(this.element);
    }
  }

  /** Replaces the spec; redraws now when the chart is already visible. */
  update(spec: Spec): Promise<void> {
    this.#spec = spec;
    return this.#visible ? this.#draw() : Promise.resolve();
  }

  /** Resolves when the current drawing is done. */
  get ready(): Promise<void> {
    return this.#drawing ?? Promise.resolve();
  }

  #draw(): Promise<void> {
    const previous = this.#drawing ?? Promise.resolve();
    this.#drawing = previous.then(() => this.#drawNow());
    return this.#drawing;
  }

  async #drawNow(): Promise<void> {
    if (this.#disposed) return;
    const theme = currentTheme();
    const spec = themedSpec({ ...this.#spec }, theme);
    // The builders declare Vega-Lite v5; vega-lite 6 renders them unchanged but warns about the $schema.
    delete spec.$schema;
    const target = document.createElement("div");
    try {
      const result = await embed(target, spec as VisualizationSpec, {
        renderer: "svg",
        actions: false,
        // Vega's expression interpreter, not generated functions: works under a CSP without 'unsafe-eval'.
        ast: true,
        config: vegaConfig(theme) as never,
        tooltip: { theme: theme.dark ? "dark" : "light" },
        logLevel: 0,
      });
      if (this.#disposed) {
        result.finalize();
        return;
      }
      const onClick = this.#options.onClick;
      if (onClick !== undefined) {
        result.view.addEventListener("click", (_event, item) => {
          const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
          if (datum !== undefined) onClick(datum);
        });
      }
      this.#result?.finalize();
      this.#result = result;
      this.element.replaceChildren(target);
      this.element.dataset.drawn = "true";
      chartStats.drawn++;
    } catch (error) {
      this.element.replaceChildren(
        Object.assign(document.createElement("p"), {
          className: "dl-problem-inline",
          textContent: `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#observer?.disconnect();
    this.#stopTheme();
    this.#result?.finalize();
    this.#result = undefined;
  }
}

/** Keeps the charts of one view, to dispose them together. */
export class ChartSet {
  #charts = new Set<Chart>();
  #children = new Set<ChartSet>();

  /** A set disposed with this one, for charts that come and go (a selected feature's detail). */
  child(): ChartSet {
    const set = new ChartSet();
    this.#children.add(set);
    return set;
  }

  add(spec: Spec, options: ChartOptions): Chart {
    const chart = new Chart(spec, options);
    this.#charts.add(chart);
    return chart;
  }

  remove(chart: Chart): void {
    chart.dispose();
    this.#charts.delete(chart);
  }

  dispose(): void {
    for (const chart of this.#charts) chart.dispose();
    for (const set of this.#children) set.dispose();
    this.#charts.clear();
    this.#children.clear();
  }
}
