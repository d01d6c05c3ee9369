"""The first login: created on first start, its password shown until the user changes it."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from radarr.instance import PRIVATE_FILE_MODE

INITIAL_PASSWORD_FILE = "initial-admin-password"


def create_initial_admin() -> tuple[str, str] | None:
    """Create `admin` with a random password when no administrator exists yet; returns the login."""
    users = get_user_model()
    if users.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    users.objects.create_superuser("admin", email="", password=password)
    path = settings.DATA_DIR / INITIAL_PASSWORD_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.fchmod(descriptor, PRIVATE_FILE_MODE)  # owner-only from the first byte, whatever the umask
    with os.fdopen(descriptor, "w") as handle:
        handle.write(password + "\n")
    return "admin", password


def forget_initial_password() -> None:
    """Once the user has chosen a password, the generated one is no longer kept anywhere."""
    (settings.DATA_DIR / INITIAL_PASSWORD_FILE).unlink(missing_ok=True)
