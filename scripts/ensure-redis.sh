#!/usr/bin/env bash
# Start Redis on 127.0.0.1:6379 when it is installed but not running, for the RADARR_REDIS_URL tests
# (they skip with a reason when none answers). Keeps nothing on disk.
set -euo pipefail
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "== Redis answers on 127.0.0.1:6379"
elif command -v redis-server >/dev/null; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    echo "== started Redis on 127.0.0.1:6379"
else
    echo "== no redis-server installed: the Redis broker tests will be skipped"
fi
