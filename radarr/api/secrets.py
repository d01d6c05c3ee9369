"""Secret settings read back as ******** and, written back unchanged, keep the stored value.

A secret is a setting declared so (passwords, API keys, webhook and Apprise URLs), or any URL that
carries credentials: a password in it (`http://user:password@host`) or a query parameter named like
a key, token or password (`?apikey=`, `?passkey=`, IPTorrents' `;tp=`). Radarr masks only the former.
"""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

MASK = "********"

# query parameter names that hold a credential: whole names, words between separators, endings
_SECRET_NAMES = frozenset({"auth", "key", "pass", "pwd", "sig", "signature", "tp", "hash", "sid"})
_SECRET_ENDINGS = ("key", "token", "pass", "password", "secret", "auth")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def _is_secret_name(name: str) -> bool:
    name = name.strip().lower()
    words = re.split(r"[_\-.]", name)
    return name in _SECRET_NAMES or name.endswith(_SECRET_ENDINGS) or any(w in _SECRET_NAMES for w in words)


def carries_credentials(value: Any) -> bool:
    """Whether `value` holds a URL (or several, as Apprise takes them) with a password or a secret
    query parameter in it."""
    if not isinstance(value, str):
        return False
    for url in _URL.findall(value):
        try:
            parts = urlsplit(url.rstrip(","))
            password = parts.password
        except ValueError:
            continue  # not a usable URL: nothing to hide
        names = [pair.split("=", 1)[0] for pair in re.split(r"[&;]", parts.query) if "=" in pair]
        if password or any(_is_secret_name(name) for name in names):
            return True
    return False


def masked(value: Any) -> Any:
    """What the API shows for a secret: the mask when something is stored, else the empty value."""
    return MASK if value not in (None, "") else value


def merge_secrets(
    incoming: dict[str, Any], stored: dict[str, Any], secret_names: Iterable[str]
) -> dict[str, Any]:
    """Incoming values, except that a secret sent back as the mask keeps what is stored.

    Prowlarr compares our masked key with its own on every sync and PUTs the mask back.
    """
    merged = dict(incoming)
    for name in secret_names:
        if merged.get(name) == MASK:
            merged[name] = stored.get(name, "")
    return merged
