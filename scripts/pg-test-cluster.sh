#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for the store and queue tests.
#   scripts/pg-test-cluster.sh            starts one and prints its URL (for CERES_TEST_PG_URL)
#   scripts/pg-test-cluster.sh stop DIR   stops the cluster kept in DIR and deletes it
#   scripts/pg-test-cluster.sh down DIR   stops it and keeps it (an outage: connections refused)
#   scripts/pg-test-cluster.sh up DIR     starts it again, on the same port
# The cluster directory is printed on stderr. initdb refuses to run as root, so as root the
# cluster belongs to the `postgres` user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_loopback_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-}" in
  stop|down|up)
    dir=${2:?usage: pg-test-cluster.sh stop|down|up DIR}
    [ -f "$dir/data/PG_VERSION" ] || { echo "pg-test-cluster: $dir holds no cluster" >&2; exit 1; }
    if [ "$1" = up ]; then
      as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
    else
      as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
      if [ "$1" = stop ]; then rm -rf "$dir"; fi
    fi
    exit 0
    ;;
esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/ceres-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
port=$(free_loopback_port)

as_cluster_owner "$PG_BIN/initdb" -D "$dir/data" -U ceres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log"
# In the cluster's own configuration, so that `up` starts it again as it was.
as_cluster_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
EOF
as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
as_cluster_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U ceres ceres_test

echo "pg-test-cluster: running in $dir (stop with: $0 stop $dir)" >&2
echo "postgresql://ceres@127.0.0.1:$port/ceres_test"
