"""The instance's own files in the data folder: generated secrets that must survive restarts.

Read by settings.py before Django is configured, so this module imports nothing from Django.
"""

import json
import os
import secrets
from pathlib import Path

CONFIG_FILE = "config.json"


def new_api_key() -> str:
    """32 hex characters, as Radarr's keys are (Unpackerr refuses shorter ones)."""
    return secrets.token_hex(16)


def _write_private(path: Path, data: dict[str, str]) -> None:
    """Write atomically with owner-only permissions: the file holds the API key and SECRET_KEY."""
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=2)
    os.replace(temporary, path)


def load_instance_config(data_dir: Path) -> dict[str, str]:
    """Return the stored secrets, generating the missing ones on first start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CONFIG_FILE
    config: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    missing = {
        "secret_key": lambda: secrets.token_urlsafe(50),
        "api_key": new_api_key,
    }
    changed = False
    for key, make in missing.items():
        if not config.get(key):
            config[key] = make()
            changed = True
    if changed:
        _write_private(path, config)
    return config


def store_api_key(data_dir: Path, api_key: str) -> None:
    """Replace the stored API key (Settings → General → regenerate)."""
    config = load_instance_config(data_dir)
    config["api_key"] = api_key
    _write_private(data_dir / CONFIG_FILE, config)
