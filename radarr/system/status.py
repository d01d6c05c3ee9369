"""What System → Status and GET /api/v3/system/status report about this instance."""

import functools
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

STARTED = timezone.now().replace(microsecond=0)  # imported while the server starts (urls.py)
BUILD_TIME = datetime.fromtimestamp(Path(__file__).stat().st_mtime, tz=UTC).replace(microsecond=0)


@functools.cache
def os_release() -> tuple[str, str]:
    """The distribution's id and version (`debian`, `12`), as Radarr reports osName/osVersion."""
    try:
        fields = dict(
            line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line
        )
        return fields.get("ID", "").strip('"') or platform.system().lower(), fields.get(
            "VERSION_ID", ""
        ).strip('"')
    except OSError:
        return platform.system().lower(), platform.release()


@functools.cache
def database_facts() -> tuple[str, str, int]:
    """(type as Radarr names it, server version, applied migrations): fixed while the process runs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            kind, version = "postgreSQL", cursor.fetchone()[0].split(" ")[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            kind, version = "sqLite", cursor.fetchone()[0]
    migrations = MigrationRecorder(connection).migration_qs.count()
    return kind, version, migrations


def is_docker() -> bool:
    return Path("/.dockerenv").exists() or Path("/run/.containerenv").exists()


def system_status() -> dict[str, Any]:
    """Radarr's SystemResource: every field of the spec, enum values inside the spec's lists."""
    os_name, os_version = os_release()
    database_type, database_version, migration_version = database_facts()
    return {
        "appName": "Radarr",  # Recyclarr refuses any other name
        "instanceName": settings.RADARR_INSTANCE_NAME,
        "version": settings.RADARR_COMPAT_VERSION,
        "buildTime": BUILD_TIME,
        "isDebug": settings.DEBUG,
        "isProduction": not settings.DEBUG,
        "isAdmin": os.geteuid() == 0 if hasattr(os, "geteuid") else False,
        "isUserInteractive": False,
        "startupPath": str(settings.BASE_DIR),
        "appData": str(settings.DATA_DIR),
        "osName": os_name,
        "osVersion": os_version,
        "isNetCore": False,
        "isLinux": sys.platform.startswith("linux"),
        "isOsx": sys.platform == "darwin",
        "isWindows": sys.platform == "win32",
        "isDocker": is_docker(),
        "mode": "console",
        "branch": "main",
        "databaseType": database_type,
        "databaseVersion": database_version,
        "authentication": "forms",
        "migrationVersion": migration_version,
        "urlBase": settings.URL_BASE,
        "runtimeVersion": platform.python_version(),
        "runtimeName": "CPython",
        "startTime": STARTED,
        "packageVersion": settings.RADARR_VERSION,  # our own version; `version` is for clients
        "packageAuthor": "radarr-django",
        "packageUpdateMechanism": "external",
        "packageUpdateMechanismMessage": "Update by pulling the new version and running `make run` again",
    }
