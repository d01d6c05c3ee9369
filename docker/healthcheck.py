"""The image's HEALTHCHECK: exit 0 when this container's server answers /ping (standard library only)."""

import os
import sys
import urllib.request

base = os.environ.get("RADARR_URL_BASE", "").strip("/")
url = f"http://127.0.0.1:{os.environ.get('RADARR_PORT', '7878')}{'/' + base if base else ''}/ping"
try:
    with urllib.request.urlopen(url, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
