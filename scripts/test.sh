#!/usr/bin/env bash
# Sets up, builds, starts a throwaway PostgreSQL on loopback for the integration tests, and runs
# every test suite with ctest (the fault tests of label `fault` among them, alone at the end),
# then, in one clang build with ASan + UBSan, the unit and in-process suites and each libFuzzer
# target for 5 s from its corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
pg_log=$(mktemp)
CERES_TEST_PG_URL=$(bash scripts/pg-test-cluster.sh 2>"$pg_log")
export CERES_TEST_PG_URL
pg_dir=$(sed -n 's/^pg-test-cluster: running in \([^ ]*\) .*/\1/p' "$pg_log")
trap 'bash scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -f "$pg_log"' EXIT
ctest --preset release -j "$(nproc)" --timeout 600
# One clang build with ASan + UBSan (preset sanitize): the unit and in-process suites, run again
# there, and the libFuzzer targets (only the libraries they link are built), each run for 5 s: a
# memory error, leak, undefined behaviour, fuzz time-out or broken contract fails the run.
# `bash fuzz/run.sh 600` runs each target for 10 minutes.
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize -j "$(nproc)" --target fuzz_validate fuzz_render fuzz_verify fuzz_auth fuzz_http \
  $(bash scripts/asan-suites.sh --list)
bash scripts/asan-suites.sh
bash fuzz/run.sh 5
