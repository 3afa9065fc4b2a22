// Builds the page renderer (src/page/renderer.ts) into dist/page/renderer.js: one minified browser script with vega,
// vega-lite, vega-embed and the JupyterLab extension's views and stylesheet, inlined by `driftlab render` into each
// page. Runs after `tsc` in `npm run build` (the extension's views import the chart builders from dist/charts/).
import { build } from "esbuild";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist", "page", "renderer.js");
mkdirSync(dirname(outfile), { recursive: true });

// extension/node_modules may hold its own copies of vega; resolve them from the root so the bundle has one copy.
const fromRoot = {
  name: "vega-from-root",
  setup(builder) {
    builder.onResolve({ filter: /^vega(-lite|-embed)?(\/.*)?$/ }, (args) => {
      if (args.pluginData === "root") return undefined;
      return builder.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: "root" });
    });
  },
};

const started = Date.now();
await build({
  entryPoints: [join(root, "src", "page", "renderer.ts")],
  outfile,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2021",
  minify: true,
  legalComments: "none",
  nodePaths: [join(root, "node_modules")],
  plugins: [fromRoot],
  define: {
    DRIFTLAB_EXTENSION_CSS: JSON.stringify(
      readFileSync(join(root, "extension", "style", "index.css"), "utf8"),
    ),
  },
  logLevel: "warning",
});
const kb = Math.round(statSync(outfile).size / 1024);
process.stderr.write(`page renderer: dist/page/renderer.js (${kb} KB) in ${Date.now() - started} ms\n`);
