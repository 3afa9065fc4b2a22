// Bundles the extension's source (src/index.ts) and the library code it shares (../src/core, ../src/charts: the
// one formatter, rate definitions, chart builders) into lib/index.js, one ES module whose package imports
// (@jupyterlab/*, @lumino/*, vega*) stay imports: @jupyter/builder then shares them with JupyterLab by module
// federation. Type checking is `tsc -p tsconfig.json` (noEmit). esbuild comes from the repository's node_modules.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, "src", "index.ts")],
  outfile: join(here, "lib", "index.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2021",
  packages: "external",
  legalComments: "none",
  logLevel: "warning",
});
