#!/bin/sh
# The container's first process (also runs on a plain machine, which is how the tests check it).
# As the *arr images do: PUID/PGID choose the user the server runs as (the container starts as root only
# to give that user the config folder), TZ the time zone of the logs, /config holds everything the
# server writes. Then `make run`'s launcher replaces this shell (exec), so SIGTERM from `docker stop` or
# Kubernetes reaches it: requests in flight finish and the running command ends or is marked interrupted.
set -eu

CONFIG_DIR="${RADARR_CONFIG_DIR:-/config}"   # another folder when run outside a container (tests)
export RADARR_DATA_DIR="${RADARR_DATA_DIR:-$CONFIG_DIR}"
APP_DIR="${RADARR_APP_DIR:-/app}"
PYTHON="${PYTHON:-python}"
PUID="${PUID:-1000}"
PGID="${PGID:-1000}"

if [ -n "${TZ:-}" ]; then
    if [ -e "/usr/share/zoneinfo/$TZ" ]; then
        export TZ
    else
        echo "TZ=$TZ is not a known time zone; using UTC" >&2
        unset TZ
    fi
fi

mkdir -p "$RADARR_DATA_DIR"
cd "$APP_DIR"
launcher="$PYTHON -S -m radarr.launcher"  # -S: the launcher needs no site-packages (1 MB less)

if [ "$(id -u)" != 0 ] || [ "$PUID" = 0 ]; then
    exec $launcher  # already the user to run as (docker run --user, Kubernetes runAsUser), or root asked
fi

if id radarr >/dev/null 2>&1; then  # the image's own user: give it the ids asked for
    [ "$(id -g radarr)" = "$PGID" ] || groupmod -o -g "$PGID" radarr
    [ "$(id -u radarr)" = "$PUID" ] || usermod -o -u "$PUID" radarr
elif ! getent passwd "$PUID" >/dev/null; then  # not in the image: a user for these ids
    getent group "$PGID" >/dev/null || groupadd -o -g "$PGID" radarr
    useradd -o -u "$PUID" -g "$PGID" -d "$RADARR_DATA_DIR" -M -s /usr/sbin/nologin radarr
fi
if [ "$(stat -c %u:%g "$RADARR_DATA_DIR")" != "$PUID:$PGID" ]; then
    chown -R "$PUID:$PGID" "$RADARR_DATA_DIR"  # files an earlier PUID left must stay writable
fi
export HOME="$RADARR_DATA_DIR"
exec setpriv --reuid="$PUID" --regid="$PGID" --init-groups $launcher
