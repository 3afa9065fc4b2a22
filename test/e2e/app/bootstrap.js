// The host page's entry, following JupyterLab's dev_mode/bootstrap.js: load every prebuilt (federated) extension
// the server lists in the page config, let them join the shared module scope, and only then import the app.

function pageOption(name) {
  const element = document.getElementById("jupyter-config-data");
  const config = element ? JSON.parse(element.textContent || "{}") : {};
  return config[name] || "";
}

__webpack_public_path__ = pageOption("fullStaticUrl") + "/";

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.onerror = () => reject(new Error(`Could not load ${url}`));
    script.onload = resolve;
    script.async = true;
    document.head.appendChild(script);
    script.src = url;
  });
}

async function loadComponent(url, scope) {
  await loadScript(url);
  await __webpack_init_sharing__("default");
  const container = window._JUPYTERLAB[scope];
  await container.init(__webpack_share_scopes__.default);
}

void (async function bootstrap() {
  const extensions = pageOption("federated_extensions") || [];
  const base = pageOption("fullLabextensionsUrl");
  const results = await Promise.allSettled(
    extensions.map((data) => loadComponent(`${base}/${data.name}/${data.load}`, data.name)),
  );
  for (const result of results) if (result.status === "rejected") console.error(result.reason);
  const { main } = await import("./main.js");
  if (document.readyState === "complete") void main();
  else window.addEventListener("load", () => void main());
})();
