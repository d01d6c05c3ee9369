#!/usr/bin/env bash
# Make sure a PostgreSQL answers on 127.0.0.1:5432 with trust auth for `postgres` (for make test's
# second pass): start the system cluster if it is only stopped, else create a throwaway one.
set -euo pipefail
port=5432
ready() { pg_isready -q -h 127.0.0.1 -p "$port"; }
ready && { echo "== PostgreSQL answers on 127.0.0.1:$port"; exit 0; }

if ls /etc/postgresql/*/main >/dev/null 2>&1; then
    version=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    for _ in $(seq 50); do ready && break; sleep 0.2; done
    if ready && runuser -u postgres -- psql -h 127.0.0.1 -p "$port" -U postgres -tAc 'select 1' >/dev/null 2>&1; then
        echo "== started the system PostgreSQL cluster $version"; exit 0
    fi
fi

# A cluster of our own under /tmp, trust auth on loopback only, durability off: it holds test data only.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=/tmp/radarr-ci-postgres
mkdir -p "$dir"
chown postgres:postgres "$dir"
if [ ! -s "$dir/data/PG_VERSION" ]; then
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off" start >/dev/null
ready && echo "== started a throwaway PostgreSQL in $dir"
