// Bundles the host page into node_modules/.driftlab-host/ (kept out of the repo's lint and format checks). The
// module federation share scope is JupyterLab 4.6's (from @jupyterlab/core-meta's core.package.json): prebuilt
// extensions built against the same core find their singletons (@jupyterlab/*, @lumino/*, react, yjs) here.
const path = require("path");
const rspack = require("@rspack/core");
const { Build } = require("@jupyter/builder");
const core = require("@jupyterlab/core-meta/core.package.json");
const data = require("./package.json");

const output = path.join(__dirname, "node_modules", ".driftlab-host");

function installedVersion(name) {
  try {
    return require(require.resolve(`${name}/package.json`, { paths: [__dirname] })).version;
  } catch {
    return undefined;
  }
}

const shared = {};
for (const name of new Set([...Object.keys(core.resolutions), ...Object.keys(data.dependencies)])) {
  const version = installedVersion(name);
  if (version === undefined) continue;
  shared[name] = { requiredVersion: `~${version}`, version };
}
for (const name of core.jupyterlab.singletonPackages) if (shared[name]) shared[name].singleton = true;

// JupyterLab's toolbars are @jupyter/web-components built on FAST. core-meta only asks for fast-foundation ^2.49.2,
// which npm resolves to 2.50.0; that release made Store.delete() notify subscribers, and the design tokens then
// re-enter DesignTokenBindingObserver.handleChange → Store.set → notify without end ("RangeError: Maximum call stack
// size exceeded" by the hundred, the renderer growing to GBs and freezing under load). Upstream: microsoft/fast#7057;
// the same fix in a JupyterLab extension: jupyterlab-contrib/search-replace#148 (pin 2.49.4). JupyterLab's own build
// (jupyterlab/staging/yarn.lock) locks fast-foundation 2.49.4 and fast-element 1.12.0, so the host page pins those
// (package.json dependencies + overrides). Fail the build rather than test against a page JupyterLab never ships.
const FAST_PINS = { "@microsoft/fast-foundation": "2.49.4", "@microsoft/fast-element": "1.12.0" };
for (const [name, version] of Object.entries(FAST_PINS))
  if (installedVersion(name) !== version)
    throw new Error(
      `${name} ${installedVersion(name)} is installed, JupyterLab 4.6 ships ${version}: run npm ci`,
    );

// plugins.js and style.js are generated from core-meta's lists (generate-plugins.cjs), so the page registers what a
// JupyterLab 4.6.4 build registers; the asset list (schemas, themes) comes from the same lists.
const assets = Build.ensureAssets({
  packageNames: [
    ...new Set([...Object.keys(core.jupyterlab.extensions), ...Object.keys(core.jupyterlab.mimeExtensions)]),
  ],
  output,
});

module.exports = [
  {
    entry: { main: "./bootstrap.js" },
    output: { path: output, filename: "bundle.js", chunkFilename: "[name].[contenthash].js", clean: false },
    mode: "development",
    devtool: false,
    bail: true,
    resolve: { fullySpecified: false },
    module: {
      rules: [
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ["style-loader", "css-loader"], type: "javascript/auto" },
        { test: /\.raw\.css$/, type: "asset/source" },
        { test: /\.html$/, type: "asset/resource" },
        { test: /\.md$/, type: "asset/source" },
        { test: /\.(jpg|png|gif)$/, type: "asset/resource" },
        { test: /\.js\.map$/, type: "asset/resource" },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: "asset" },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: "asset/resource" },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.css$/, type: "asset/inline" },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: "asset/source" },
      ],
    },
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [
      new rspack.container.ModuleFederationPlugin({
        library: { type: "var", name: ["_JUPYTERLAB", "CORE_LIBRARY_FEDERATION"] },
        name: "CORE_FEDERATION",
        shared,
      }),
      new rspack.DefinePlugin({ process: { cwd: () => "/", env: {} } }),
    ],
  },
].concat(assets);
