// Bundles the extension's sources (src/index.ts, src/plugin.ts) and the library code it shares (../src/core, ../src/charts: the
// one formatter, rate definitions, chart builders) into lib/index.js and lib/plugin.js, ES modules whose package imports
// (@jupyterlab/*, @lumino/*, vega*) stay imports: @jupyter/builder then shares them with JupyterLab by module
// federation. Type checking is `tsc -p tsconfig.json` (noEmit). esbuild comes from the repository's node_modules.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
await build({
  // index.js: the MIME renderer (jupyterlab.mimeExtension); plugin.js: commands and the side panel (extension).
  entryPoints: [join(here, "src", "index.ts"), join(here, "src", "plugin.ts")],
  outdir: join(here, "lib"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2021",
  packages: "external",
  legalComments: "none",
  logLevel: "warning",
});
