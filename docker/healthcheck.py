"""The image's HEALTHCHECK: exit 0 when this container's server answers /ping (standard library only).

The port and URL base are the environment's, else those saved in Settings → General (config.json in the
data folder), as the server itself reads them."""

import json
import os
import sys
import urllib.request

data_dir = os.environ.get("RADARR_DATA_DIR") or os.environ.get("RADARR_CONFIG_DIR") or "/config"
try:
    with open(os.path.join(data_dir, "config.json"), encoding="utf-8") as handle:
        saved = json.load(handle).get("host") or {}
except (OSError, ValueError, AttributeError):
    saved = {}
port = os.environ.get("RADARR_PORT") or saved.get("port") or 7878
base = (os.environ.get("RADARR_URL_BASE") or saved.get("urlBase") or "").strip("/")
url = f"http://127.0.0.1:{port}{'/' + base if base else ''}/ping"
try:
    with urllib.request.urlopen(url, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
