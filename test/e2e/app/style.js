// The stylesheets of the core packages this page uses (JupyterLab's build generates the same list).
import "@jupyterlab/application-extension/style/index.js";
import "@jupyterlab/apputils-extension/style/index.js";
import "@jupyterlab/codemirror-extension/style/index.js";
import "@jupyterlab/completer-extension/style/index.js";
import "@jupyterlab/docmanager-extension/style/index.js";
import "@jupyterlab/filebrowser-extension/style/index.js";
import "@jupyterlab/mainmenu-extension/style/index.js";
import "@jupyterlab/markedparser-extension/style/index.js";
import "@jupyterlab/notebook-extension/style/index.js";
import "@jupyterlab/rendermime-extension/style/index.js";
import "@jupyterlab/statusbar-extension/style/index.js";
import "@jupyterlab/translation-extension/style/index.js";
import "@jupyterlab/ui-components-extension/style/index.js";
import "@jupyterlab/json-extension/style/index.js";
import "@jupyterlab/vega5-extension/style/index.js";
