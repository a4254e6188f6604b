#!/usr/bin/env bash
# Sets up, builds, starts a throwaway PostgreSQL on loopback for the integration tests, and runs
# every test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
pg_env=$(mktemp)
trap 'bash scripts/pg-test-cluster.sh stop "$pg_env" >/dev/null 2>&1 || true; rm -f "$pg_env"' EXIT
if [ -f scripts/pg-test-cluster.sh ]; then
  bash scripts/pg-test-cluster.sh start "$pg_env"
  # shellcheck disable=SC1090
  source "$pg_env"
fi
ctest --preset release -j "$(nproc)"
