/**
 * JupyterLab theme awareness: colors come from the theme's CSS variables (--jp-*), read when a chart is drawn, and
 * charts redraw when the user switches theme (JupyterLab sets `data-jp-theme-name` on <body>).
 */

export interface Theme {
  dark: boolean;
  font: string;
  foreground: string;
  mutedForeground: string;
  background: string;
  border: string;
  grid: string;
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/** The current theme's colors, with light fallbacks outside JupyterLab. */
export function currentTheme(): Theme {
  const dark = document.body.dataset.jpThemeLight === "false";
  return {
    dark,
    font: cssVariable("--jp-ui-font-family", "system-ui, -apple-system, 'Segoe UI', sans-serif"),
    foreground: cssVariable("--jp-ui-font-color1", dark ? "#e6e6e6" : "#1f2328"),
    mutedForeground: cssVariable("--jp-ui-font-color2", dark ? "#b0b0b0" : "#59636e"),
    background: cssVariable("--jp-layout-color0", dark ? "#111111" : "#ffffff"),
    border: cssVariable("--jp-border-color1", dark ? "#616161" : "#bdbdbd"),
    grid: cssVariable("--jp-border-color3", dark ? "#3a3a3a" : "#eeeeee"),
  };
}

/** Vega config matching the theme: transparent background, theme fonts and ink. */
export function vegaConfig(theme: Theme): Record<string, unknown> {
  const axis = {
    labelColor: theme.mutedForeground,
    titleColor: theme.foreground,
    gridColor: theme.grid,
    domainColor: theme.border,
    tickColor: theme.border,
    labelFont: theme.font,
    titleFont: theme.font,
    titleFontWeight: 600,
  };
  return {
    background: "transparent",
    font: theme.font,
    view: { stroke: theme.grid },
    axis,
    legend: { labelColor: theme.mutedForeground, titleColor: theme.foreground, labelFont: theme.font },
    title: {
      color: theme.foreground,
      subtitleColor: theme.mutedForeground,
      anchor: "start",
      fontSize: 13,
      subtitleFontSize: 11,
      font: theme.font,
      subtitleFont: theme.font,
    },
    text: { color: theme.foreground },
    rule: { color: theme.foreground },
  };
}

/** Ink the shared chart builders hard-code for a white page, replaced by the theme's. */
const INK = new Set(["#333", "#111", "#000", "black"]);
const PAPER = new Set(["white", "#fff", "#ffffff"]);

/**
 * Adapts a spec from the shared builders to the theme: dark ink (rules, labels) becomes the theme's foreground and
 * white separators the theme's background, so charts read on dark backgrounds too. Returns a copy.
 */
export function themedSpec<T>(spec: T, theme: Theme): T {
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, ""));
    if (value !== null && typeof value === "object") {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) copy[k] = walk(v, k);
      return copy;
    }
    if (typeof value === "string" && (key === "color" || key === "stroke" || key === "fill")) {
      if (INK.has(value.toLowerCase())) return theme.foreground;
      if (PAPER.has(value.toLowerCase())) return theme.background;
    }
    return value;
  };
  return walk(spec, "") as T;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/** Calls `listener` after each theme switch; returns a function that stops it. */
export function onThemeChange(listener: Listener): () => void {
  if (observer === undefined && typeof MutationObserver !== "undefined") {
    let last = document.body.dataset.jpThemeName;
    observer = new MutationObserver(() => {
      const name = document.body.dataset.jpThemeName;
      if (name === last) return;
      last = name;
      // The theme's stylesheet loads after the attribute changes; wait a frame so the variables are current.
      requestAnimationFrame(() => setTimeout(() => listeners.forEach((l) => l()), 50));
    });
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"],
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
