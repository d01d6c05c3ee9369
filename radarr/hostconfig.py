"""Settings → General (Radarr's config/host): host, security, proxy, logging, backups, updates.

Stored beside the instance's secrets in the data folder's config.json, as Radarr keeps these in
config.xml: the address, port and URL base must be known before the database is, and every process
(web, job worker) reads the proxy from the same file. A RADARR_* variable set in the environment wins
over the saved value, as Radarr's environment options win over config.xml. The address, port, URL base
and instance name apply at the next start (RESTART_KEYS); the rest at once.
"""

import ipaddress
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from radarr.api.errors import Failure, ValidationFailed
from radarr.api.secrets import MASK, masked
from radarr.instance import (
    CONFIG_FILE,
    load_instance_config,
    new_api_key,
    read_host_settings,
    store_api_key,
    store_host_settings,
)
from radarr.models import BackupSettings

AUTHENTICATION_METHODS = ("none", "basic", "forms", "external")
AUTHENTICATION_REQUIRED = ("enabled", "disabledForLocalAddresses")
PROXY_TYPES = ("http", "socks4", "socks5")
CERTIFICATE_VALIDATION = ("enabled", "disabledForLocalAddresses", "disabled")
LOG_LEVELS = ("info", "debug", "trace")
# Radarr's own updater does not apply to us: a container image or a package manager updates us
UPDATE_MECHANISM = "external"

# stored values and their defaults, by Radarr's v3 names (Radarr's defaults where they apply to us)
DEFAULTS: dict[str, Any] = {
    "bindAddress": "127.0.0.1",  # Radarr listens on * by default; we stay on loopback until asked
    "port": 7878,
    "sslPort": 9898,
    "enableSsl": False,
    "launchBrowser": False,
    "authenticationMethod": "forms",
    "authenticationRequired": "enabled",
    "logLevel": "info",
    "logSizeLimit": 1,
    "consoleLogLevel": "",
    "branch": "master",
    "sslCertPath": "",
    "sslCertPassword": "",
    "urlBase": "",
    "instanceName": "Radarr",
    "applicationUrl": "",
    "proxyEnabled": False,
    "proxyType": "http",
    "proxyHostname": "",
    "proxyPort": 8080,
    "proxyUsername": "",
    "proxyPassword": "",
    "proxyBypassFilter": "",
    "proxyBypassLocalAddresses": True,
    "certificateValidation": "enabled",
    "trustCgnatIpAddresses": False,
}
SECRETS = ("proxyPassword", "sslCertPassword")
# what the server reads only when it starts; the page and the API say a restart applies them
RESTART_KEYS = ("bindAddress", "port", "urlBase", "instanceName")
# the variables that win over the saved value, and what the running server took from them
ENVIRONMENT = {
    "bindAddress": ("RADARR_BIND", "RADARR_BIND"),
    "port": ("RADARR_PORT", "RADARR_PORT"),
    "urlBase": ("RADARR_URL_BASE", "URL_BASE"),
    "instanceName": ("RADARR_INSTANCE_NAME", "RADARR_INSTANCE_NAME"),
    "logLevel": ("RADARR_LOG_LEVEL", None),
}

_cache: dict[str, Any] = {"stamp": None, "values": {}, "api_key": None}


def _config_path() -> Path:
    return settings.DATA_DIR / CONFIG_FILE


def stored_host_settings() -> dict[str, Any]:
    """What config.json holds now, read again only when the file changed (a save in another process).

    A new API key found there (ResetApiKey ran in the job worker) replaces this process's key.
    """
    try:
        status = os.stat(_config_path())
    except OSError:
        return {}
    stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    if _cache["stamp"] != stamp:
        _cache["stamp"] = stamp
        _cache["values"] = read_host_settings(settings.DATA_DIR)
        key = load_instance_config(settings.DATA_DIR).get("api_key")
        if _cache["api_key"] not in (None, key) and not os.environ.get("RADARR_API_KEY"):
            settings.RADARR_API_KEY = key
        _cache["api_key"] = key
    return _cache["values"]


def host_settings() -> dict[str, Any]:
    """Every setting's current value: the environment's, else the saved one, else the default."""
    values = DEFAULTS | stored_host_settings()
    for key, (variable, _) in ENVIRONMENT.items():
        if os.environ.get(variable):
            values[key] = os.environ[variable]
    values["port"] = int(values["port"])
    values["logLevel"] = str(values["logLevel"]).lower()
    values["urlBase"] = "/" + values["urlBase"].strip("/") if values["urlBase"].strip("/") else ""
    return values


def pending_restart() -> list[str]:
    """The restart-only settings whose saved value differs from what the running server uses."""
    values = host_settings()
    running = {key: getattr(settings, name) for key, (_, name) in ENVIRONMENT.items() if name}
    return [key for key in RESTART_KEYS if str(values[key]) != str(running[key])]


def environment_overrides() -> list[str]:
    """Settings a RADARR_* variable fixes: a saved value for them does nothing."""
    return [key for key, (variable, _) in ENVIRONMENT.items() if os.environ.get(variable)]


def _owner() -> Any:
    return get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk").first()


def host_config_resource() -> dict[str, Any]:
    """Radarr's HostConfigResource: every field, in its order; secrets and the password masked."""
    values = host_settings()
    backups = BackupSettings.load()
    owner = _owner()
    return {
        "id": 1,
        "bindAddress": values["bindAddress"],
        "port": values["port"],
        "sslPort": values["sslPort"],
        "enableSsl": values["enableSsl"],
        "launchBrowser": values["launchBrowser"],
        "authenticationMethod": values["authenticationMethod"],
        "authenticationRequired": _authentication_required(values),
        "analyticsEnabled": False,  # nothing is ever sent
        "username": owner.get_username() if owner else "",
        "password": MASK if owner and owner.has_usable_password() else "",
        "passwordConfirmation": "",
        "logLevel": values["logLevel"],
        "logSizeLimit": values["logSizeLimit"],
        "consoleLogLevel": values["consoleLogLevel"],
        "branch": values["branch"],
        "apiKey": settings.RADARR_API_KEY,
        "sslCertPath": values["sslCertPath"],
        "sslCertPassword": masked(values["sslCertPassword"]),
        "urlBase": values["urlBase"],
        "instanceName": values["instanceName"],
        "applicationUrl": values["applicationUrl"],
        "updateAutomatically": False,
        "updateMechanism": UPDATE_MECHANISM,
        "updateScriptPath": "",
        "proxyEnabled": values["proxyEnabled"],
        "proxyType": values["proxyType"],
        "proxyHostname": values["proxyHostname"],
        "proxyPort": values["proxyPort"],
        "proxyUsername": values["proxyUsername"],
        "proxyPassword": masked(values["proxyPassword"]),
        "proxyBypassFilter": values["proxyBypassFilter"],
        "proxyBypassLocalAddresses": values["proxyBypassLocalAddresses"],
        "certificateValidation": values["certificateValidation"],
        "backupFolder": backups.folder,
        "backupInterval": backups.interval_days,
        "backupRetention": backups.retention_days,
        "trustCgnatIpAddresses": values["trustCgnatIpAddresses"],
    }


def _authentication_required(values: dict[str, Any]) -> str:
    if os.environ.get("RADARR_TRUST_LOCAL_ADDRESSES"):  # the variable decides, as at start
        return "disabledForLocalAddresses" if settings.RADARR_TRUST_LOCAL_ADDRESSES else "enabled"
    return values["authenticationRequired"]


@dataclass
class Check:
    """How one incoming value is read: its kind and, for a choice, the allowed values."""

    kind: type
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


CHECKS: dict[str, Check] = {
    "bindAddress": Check(str),
    "port": Check(int, minimum=1, maximum=65535),
    "sslPort": Check(int, minimum=1, maximum=65535),
    "enableSsl": Check(bool),
    "launchBrowser": Check(bool),
    "authenticationMethod": Check(str, AUTHENTICATION_METHODS),
    "authenticationRequired": Check(str, AUTHENTICATION_REQUIRED),
    "logLevel": Check(str, LOG_LEVELS),
    "logSizeLimit": Check(int, minimum=1, maximum=10),
    "consoleLogLevel": Check(str, ("", *LOG_LEVELS)),  # "": as the log level
    "branch": Check(str),
    "sslCertPath": Check(str),
    "sslCertPassword": Check(str),
    "urlBase": Check(str),
    "instanceName": Check(str),
    "applicationUrl": Check(str),
    "proxyEnabled": Check(bool),
    "proxyType": Check(str, PROXY_TYPES),
    "proxyHostname": Check(str),
    "proxyPort": Check(int, minimum=1, maximum=65535),
    "proxyUsername": Check(str),
    "proxyPassword": Check(str),
    "proxyBypassFilter": Check(str),
    "proxyBypassLocalAddresses": Check(bool),
    "certificateValidation": Check(str, CERTIFICATE_VALIDATION),
    "trustCgnatIpAddresses": Check(bool),
}


def _read_value(name: str, value: Any, check: Check) -> tuple[Any, Failure | None]:
    if value is None and check.kind is str:
        return "", None
    if check.kind is bool:
        if isinstance(value, bool):
            return value, None
        return None, Failure(name, f"'{name}' must be true or false", value)
    if check.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, Failure(name, f"'{name}' must be a whole number", value)
        if not check.minimum <= value <= check.maximum:  # type: ignore[operator]
            message = f"'{name}' must be between {check.minimum} and {check.maximum}"
            return None, Failure(name, message, value, error_code="InclusiveBetweenValidator")
        return value, None
    if not isinstance(value, str) or "\x00" in value:
        return None, Failure(name, f"'{name}' must be text", value)
    if check.choices and value not in check.choices:
        return None, Failure(name, f"'{name}' must be one of {', '.join(check.choices)}", value)
    return value.strip(), None


def _rules(values: dict[str, Any]) -> list[Failure]:
    """Radarr's HostConfigValidator rules over the merged values."""
    failures = []
    bind = values["bindAddress"]
    if bind not in ("*", "localhost"):
        try:
            ipaddress.ip_address(bind)
        except ValueError:
            failures.append(Failure("bindAddress", "Enter a valid IP address", bind))
    base = values["urlBase"]
    if base and (
        not base.startswith("/") or any(part in ("", ".", "..") for part in base.strip("/").split("/"))
    ):
        failures.append(Failure("urlBase", "Must be a valid URL path", base))
    name = values["instanceName"]
    if name.strip() and "radarr" not in name.lower():
        failures.append(Failure("instanceName", "Must contain 'Radarr'", name))
    if values["authenticationMethod"] == "basic":
        failures.append(
            Failure("authenticationMethod", "'Basic' is no longer supported, switch to 'Forms' instead.")
        )
    elif values["authenticationMethod"] != "forms":
        message = "Only 'Forms' (the login page) is supported: a login is always required"
        failures.append(Failure("authenticationMethod", message, values["authenticationMethod"]))
    if values["enableSsl"]:
        message = "Serve https through a reverse proxy (Caddy, nginx, Traefik): this server speaks http"
        failures.append(Failure("enableSsl", message, True))
    if not values["branch"]:
        failures.append(Failure("branch", "Branch name is required, 'master' is the default"))
    if values["proxyEnabled"]:
        failures.extend(_proxy_rules(values))
    return failures


def _proxy_rules(values: dict[str, Any]) -> list[Failure]:
    failures = []
    host = values["proxyHostname"]
    if not host or any(character in host for character in "/@ "):
        failures.append(Failure("proxyHostname", "Enter the proxy's host name or address", host))
    return failures


def _backup_values(payload: dict[str, Any], failures: list[Failure]) -> BackupSettings:
    backups = BackupSettings.load()
    folder = payload.get("backupFolder", backups.folder)
    if not isinstance(folder, str) or not folder.strip() or "\x00" in folder:
        failures.append(
            Failure("backupFolder", "Enter a folder: a full path, or one inside the data folder", folder)
        )
    else:
        backups.folder = folder.strip()
    for name, attribute, maximum in (
        ("backupInterval", "interval_days", 7),
        ("backupRetention", "retention_days", 90),
    ):
        value, failure = _read_value(
            name, payload.get(name, getattr(backups, attribute)), Check(int, (), 1, maximum)
        )
        if failure:
            failures.append(failure)
        else:
            setattr(backups, attribute, value)
    return backups


def _password_failures(payload: dict[str, Any]) -> list[Failure]:
    password = payload.get("password")
    if password in (None, "", MASK):
        return []
    if not isinstance(password, str):
        return [Failure("password", "'password' must be text", password)]
    if password != payload.get("passwordConfirmation"):
        return [Failure("passwordConfirmation", "Must match Password")]
    try:
        validate_password(password, _owner())
    except ValidationError as error:
        return [Failure("password", message) for message in error.messages]
    return []


def save_host_config(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate a whole or partial HostConfigResource and save it; fields left out keep their value."""
    stored = DEFAULTS | stored_host_settings()
    values, failures = dict(stored), []
    for name, check in CHECKS.items():
        if name not in payload:
            continue
        incoming = payload[name]
        if name in SECRETS and incoming == MASK:
            continue
        value, failure = _read_value(name, incoming, check)
        if failure:
            failures.append(failure)
        else:
            values[name] = value
    if not failures:
        values["urlBase"] = "/" + values["urlBase"].strip("/") if values["urlBase"].strip("/") else ""
        failures.extend(_rules(values))
    backups = _backup_values(payload, failures)
    failures.extend(_password_failures(payload))
    username = payload.get("username")
    blank = isinstance(username, str) and not username.strip()
    if username is not None and (not isinstance(username, str) or (blank and _owner() is not None)):
        failures.append(Failure("username", "'Username' must not be empty", username))
    if failures:
        raise ValidationFailed(failures)
    with transaction.atomic():
        backups.save()
        _save_owner(payload)
    store_host_settings(settings.DATA_DIR, {key: values[key] for key in DEFAULTS})
    _apply_now(values)
    return host_config_resource()


def _save_owner(payload: dict[str, Any]) -> None:
    owner = _owner()
    if owner is None:
        return
    username, password = payload.get("username"), payload.get("password")
    if isinstance(username, str) and username.strip():
        owner.username = username.strip()
    if isinstance(password, str) and password not in ("", MASK):
        owner.set_password(password)
    owner.save()


def _apply_now(values: dict[str, Any]) -> None:
    """What takes effect without a restart in this process (the proxy is read per request anyway)."""
    if not os.environ.get("RADARR_LOG_LEVEL"):
        level = values["logLevel"].upper().replace("TRACE", "DEBUG")
        logging.getLogger().setLevel(level)
    if not os.environ.get("RADARR_TRUST_LOCAL_ADDRESSES"):
        settings.RADARR_TRUST_LOCAL_ADDRESSES = (
            values["authenticationRequired"] == "disabledForLocalAddresses"
        )


def regenerate_api_key() -> str:
    """A new API key, in use at once here and in every process at its next API request.

    With RADARR_API_KEY set in the environment the variable stays the key, so this refuses.
    """
    if os.environ.get("RADARR_API_KEY"):
        raise ValidationFailed([Failure("apiKey", "The API key is set by RADARR_API_KEY in the environment")])
    key = new_api_key()
    store_api_key(settings.DATA_DIR, key)
    settings.RADARR_API_KEY = key
    stored_host_settings()  # note the new file, so this key is not taken for another process's
    return key


def reset_api_key() -> str:
    """The ResetApiKey command (Radarr's Settings → General → regenerate)."""
    regenerate_api_key()
    return "API key reset"
