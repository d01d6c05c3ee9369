"""Secret settings read back as ******** and, written back unchanged, keep the stored value."""

from collections.abc import Iterable
from typing import Any

MASK = "********"


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
