import path from "node:path";
import tseslint from "typescript-eslint";

/**
 * The layers of src/ (docs/architecture.md): what each top-level folder (or root file) may import from the others.
 * A layer may import itself and the layers it lists; anything else is an upward or sideways import and fails lint.
 * `core` is the browser-safe shared core (formatting, rates, intervals, binning).
 */
const FOUNDATION = ["format", "errors.ts", "version.ts"];
const LAYERS = {
  format: [],
  "errors.ts": ["format"],
  "version.ts": [],
  // core uses measures' Wilson interval and sketch's equal-width edges (pure math, browser-safe) rather than copies.
  core: ["format", "errors.ts", "measures", "sketch"],
  report: [...FOUNDATION, "core"],
  data: [...FOUNDATION],
  sketch: [...FOUNDATION],
  // measures may use the sketches' arithmetic (equal-width edges: src/sketch/edges.ts); sketch imports no measure.
  measures: [...FOUNDATION, "sketch"],
  stats: [...FOUNDATION, "core", "report", "data", "sketch", "measures"],
  // Analyses: data in, report object out. Never charts, presenters or vega.
  schema: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats"],
  drift: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats"],
  skew: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats", "schema", "drift"],
  fairness: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats"],
  // feedback links its alarms to the inputs through drift.overTime (issue 13).
  feedback: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats", "fairness", "drift"],
  labeling: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats"],
  collection: [...FOUNDATION, "core", "report", "data", "sketch", "measures", "stats", "fairness"],
  // Sources (issue 16): analyses computed by SQL in an engine; above the analyses, which recognise a source through
  // stats/source.ts and dispatch to what src/sources registers there.
  sources: [
    ...FOUNDATION,
    "core",
    "report",
    "data",
    "sketch",
    "measures",
    "stats",
    "schema",
    "drift",
    "skew",
    "fairness",
  ],
  // Presentation: report JSON in, text / HTML / Vega-Lite out. Never an analysis.
  charts: ["format", "core", "report"],
  presenters: ["format", "core", "report", "charts"],
  display: [],
  kernel: ["display", ...FOUNDATION],
  // render rebuilds saved reports from their protected JSON (privacy.ts), so it needs the built-in presenters.
  notebook: [...FOUNDATION, "core", "report", "kernel", "presenters"],
  page: ["format", "core", "charts"],
};
/** Files of analyses must not draw: these report/ files load vega or draw SVG. */
const DRAWING = ["report/svg.ts", "report/sparkline.ts"];
const ANALYSES = new Set([
  "stats",
  "schema",
  "drift",
  "skew",
  "fairness",
  "feedback",
  "labeling",
  "collection",
]);
const SRC = path.resolve(import.meta.dirname, "src");

/** The layer of a path relative to src/: its top-level folder, or the file itself for a file directly in src/. */
function unitOf(relative) {
  return relative.split("/")[0];
}

/**
 * A local rule rather than eslint-plugin-boundaries: that plugin resolves imports through an import resolver, and
 * for our `./x.js` → `x.ts` imports it needs eslint-import-resolver-typescript, whose resolver (unrs-resolver) is a
 * native module set up by an install script, which npm does not run here. This rule resolves by path arithmetic,
 * sees `import`, `import type`, `export … from` and `import()`, and needs nothing installed.
 */
const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports go down the layers of src/ only (docs/architecture.md)." },
    schema: [],
    messages: {
      upward:
        "{{from}} may not import {{to}} ({{target}}): layers import downwards only (docs/architecture.md). {{allowed}}",
      external: "{{from}} may not import {{target}}: {{why}}",
    },
  },
  create(context) {
    const file = context.filename;
    if (!file.startsWith(SRC + path.sep)) return {};
    const relative = path.relative(SRC, file).split(path.sep).join("/");
    const from = unitOf(relative);
    const allowed = LAYERS[from];
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      if (!specifier.startsWith(".")) {
        const bare = specifier.startsWith("node:") ? "node" : specifier.split("/")[0];
        if (from === "format" || from === "core" || from === "charts") {
          context.report({
            node,
            messageId: "external",
            data: {
              from,
              target: specifier,
              why: "this layer is browser-safe types and pure functions: no packages, no Node.",
            },
          });
        } else if (ANALYSES.has(from) && (bare === "vega" || bare === "vega-lite" || bare === "vega-embed")) {
          context.report({
            node,
            messageId: "external",
            data: { from, target: specifier, why: "analyses never draw; presenters do (src/presenters/)." },
          });
        }
        return;
      }
      const target = path
        .relative(SRC, path.resolve(path.dirname(file), specifier))
        .split(path.sep)
        .join("/");
      if (target.startsWith("..")) return;
      const targetFile = target.replace(/\.js$/, ".ts");
      const to = unitOf(targetFile);
      if (to === from) return;
      if (allowed !== undefined && !allowed.includes(to)) {
        context.report({
          node,
          messageId: "upward",
          data: {
            from,
            to,
            target: specifier,
            allowed: `${from} may import: ${allowed.join(", ") || "nothing"}.`,
          },
        });
      } else if (ANALYSES.has(from) && DRAWING.includes(targetFile)) {
        context.report({
          node,
          messageId: "upward",
          data: { from, to: targetFile, target: specifier, allowed: "Analyses never draw; presenters do." },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === "Literal") check(node, literal.value);
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "scratch/**",
      "site/**",
      // The extension's sources (extension/src) are linted; its build output and packages are not.
      "extension/lib/**",
      "extension/labextension/**",
      "extension/node_modules/**",
      "bench/data/**",
      "**/*.cjs",
    ],
  },
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { driftlab: { rules: { layers: layersRule } } },
    rules: { "driftlab/layers": "error" },
  },
);
