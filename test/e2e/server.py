"""Serves the e2e host page (test/e2e/app, built into app/node_modules/.driftlab-host) with Debian's
jupyterlab_server on jupyter_server 1.23: contents, kernels, settings, themes, and the prebuilt extensions found on
the labextensions path (JUPYTER_PATH / JUPYTER_DATA_DIR), exactly as JupyterLab serves installed extensions.

Usage: python3 server.py --port N --notebook-dir DIR   (Jupyter state stays in the JUPYTER_* dirs of the caller)
"""

import json
import os

from jupyter_server.base.handlers import APIHandler
from jupyterlab_server import LabServerApp
from tornado import web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "app", "node_modules", ".driftlab-host")
STATE = os.environ.get("DRIFTLAB_E2E_STATE", os.path.join(HERE, ".state"))

os.environ["JUPYTER_NO_CONFIG"] = "1"


class IdentityHandler(APIHandler):
    """jupyter_server 2's /api/me, which services 7 asks for; 1.23 has none."""

    @web.authenticated
    def get(self):
        self.finish(
            json.dumps(
                {
                    "identity": {"username": "e2e", "name": "e2e", "display_name": "e2e", "initials": "E", "color": None, "avatar_url": None},
                    "permissions": {},
                }
            )
        )


class LanguageServerStatusHandler(APIHandler):
    """jupyter-lsp's /lsp/status as it answers with no language server installed (JupyterLab's LSP plugin asks)."""

    @web.authenticated
    def get(self):
        self.finish(json.dumps({"version": 2, "sessions": {}, "specs": {}}))


class EventsHandler(websocket.WebSocketHandler):
    """jupyter_server 2's event stream; here a socket that stays silent, so the page does not retry forever."""

    def check_origin(self, origin):
        return True

    def on_message(self, message):
        pass


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": DriftlabE2EApp}]


class DriftlabE2EApp(LabServerApp):
    name = __name__
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab (driftlab e2e host)"
    app_version = "4.6.4"
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "app", "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(STATE, "app_settings")
    user_settings_dir = os.path.join(STATE, "user_settings")
    workspaces_dir = os.path.join(STATE, "workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        base = self.serverapp.base_url.rstrip("/")
        self.handlers.append((base + "/api/me", IdentityHandler))
        self.handlers.append((base + "/api/events/subscribe", EventsHandler))
        self.handlers.append((base + "/lsp/status", LanguageServerStatusHandler))

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False


if __name__ == "__main__":
    DriftlabE2EApp.launch_instance()
