// A JupyterLab 4.6 app made of npm packages: the core plugins a notebook needs, plus every prebuilt extension the
// server lists (loaded by bootstrap.js through module federation, the way JupyterLab loads installed extensions).
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import "./style.js";

// Plugins that need server APIs jupyter_server 1.23 lacks, or packages this page leaves out (toc, metadata form,
// language servers).
const LEFT_OUT = [
  "announcements",
  ":language-server",
  "notebook-extension:toc",
  "notebook-extension:metadata-editor",
  "notebook-extension:update-raw-mimetype",
  "notebook-extension:active-cell-tool",
];

function pluginsOf(module) {
  const exports =
    Object.prototype.hasOwnProperty.call(module, "__esModule") || module.default ? module.default : module;
  const plugins = Array.isArray(exports) ? exports : [exports];
  return plugins.filter((plugin) => !LEFT_OUT.some((part) => plugin.id.includes(part)));
}

async function federated(scope, module) {
  const factory = await window._JUPYTERLAB[scope].get(module);
  return factory();
}

export async function main() {
  const extensions = [
    import("@jupyterlab/application-extension"),
    import("@jupyterlab/apputils-extension"),
    import("@jupyterlab/codemirror-extension"),
    import("@jupyterlab/completer-extension"),
    import("@jupyterlab/docmanager-extension"),
    import("@jupyterlab/filebrowser-extension"),
    import("@jupyterlab/mainmenu-extension"),
    import("@jupyterlab/markedparser-extension"),
    import("@jupyterlab/notebook-extension"),
    import("@jupyterlab/rendermime-extension"),
    import("@jupyterlab/services-extension"),
    import("@jupyterlab/shortcuts-extension"),
    import("@jupyterlab/statusbar-extension"),
    import("@jupyterlab/theme-dark-extension"),
    import("@jupyterlab/theme-light-extension"),
    import("@jupyterlab/translation-extension"),
    import("@jupyterlab/ui-components-extension"),
  ];
  const mimeExtensions = [import("@jupyterlab/json-extension"), import("@jupyterlab/vega5-extension")];

  const federatedMime = [];
  const federatedPlugins = [];
  const styles = [];
  for (const data of JSON.parse(PageConfig.getOption("federated_extensions") || "[]")) {
    if (data.mimeExtension) federatedMime.push(federated(data.name, data.mimeExtension));
    if (data.extension) federatedPlugins.push(federated(data.name, data.extension));
    if (data.style) styles.push(federated(data.name, data.style));
  }
  const settled = await Promise.allSettled([...federatedMime, ...federatedPlugins, ...styles]);
  for (const result of settled) if (result.status === "rejected") console.error(result.reason);
  const value = (promises) =>
    Promise.allSettled(promises).then((r) => r.filter((x) => x.status === "fulfilled").map((x) => x.value));

  const lab = new JupyterLab({
    mimeExtensions: [...(await Promise.all(mimeExtensions)), ...(await value(federatedMime))].flatMap(
      pluginsOf,
    ),
  });
  lab.registerPlugins(
    [...(await Promise.all(extensions)), ...(await value(federatedPlugins))].flatMap(pluginsOf),
  );
  await lab.start();
  await lab.restored;
  document.body.dataset.labReady = "true";
  window.jupyterapp = lab;
}
