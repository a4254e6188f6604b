#!/usr/bin/env bash
# The speed figures of issue #6, from an existing build (nothing is built here):
#   - SQLite, one `ceres-docs serve` process: DTE request jobs submitted over HTTP at 200/s for
#     10 s, submit-to-done (completion callback) p50/p90/p99/max;
#   - PostgreSQL (a throwaway cluster on loopback, fsync off): 2,000 queued jobs done by 1, 2 and
#     4 `ceres-docs worker` processes.
#   bench/run_service_bench.sh BUILD_DIR [RUNS]
# BUILD_DIR must hold src/app/ceres-docs and bench/bench_http (-DCERES_BUILD_BENCH=ON).
set -euo pipefail

build=${1:?usage: run_service_bench.sh BUILD_DIR [RUNS]}
runs=${2:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
export CERES_DEV_MODE=1  # a development run: built-in token and seal keys
binary=$build/src/app/ceres-docs
bench=$build/bench/bench_http
for program in "$binary" "$bench"; do
  [ -x "$program" ] || { echo "run_service_bench: $program is missing; build it first" >&2; exit 1; }
done

results=$(mktemp)
cluster_log=$(mktemp)
cluster=""
cleanup() {
  [ -n "$cluster" ] && bash "$here/scripts/pg-test-cluster.sh" stop "$cluster"
  rm -f "$results" "$cluster_log"
}
trap cleanup EXIT
url=$(bash "$here/scripts/pg-test-cluster.sh" 2>"$cluster_log")
cluster=$(sed -n 's/.*running in \([^ ]*\) .*/\1/p' "$cluster_log")

for run in $(seq "$runs"); do
  echo "== run $run of $runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$bench" latency --binary "$binary" --rate 200 --seconds 10 | tee -a "$results"
  "$bench" throughput --binary "$binary" --database-url "$url" --jobs 2000 --workers 1,2,4 | tee -a "$results"
done

echo
echo "SQLite, one process, $(nproc) cores: DTE request jobs over HTTP, submit-to-done"
awk '$1 == "RESULT" && $2 == "latency" {
       for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       if (!header++) printf "%-8s %-8s %-9s %-9s %-8s %-8s %-8s %-8s %s\n", "workers", "jobs", "offered", "jobs/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "not done"
       printf "%-8s %-8s %-9s %-9s %-8s %-8s %-8s %-8s %s\n", v["workers"], v["jobs"], v["offered"], v["achieved"], v["p50_ms"], v["p90_ms"], v["p99_ms"], v["max_ms"], v["missing"] + v["not_done"]
     }' "$results"
echo
echo "PostgreSQL: 2,000 queued DTE request jobs, worker processes of one thread each"
awk '$1 == "RESULT" && $2 == "throughput" {
       for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       if (!header++) printf "%-8s %-8s %-9s %-9s %s\n", "workers", "jobs", "seconds", "jobs/s", "not done"
       printf "%-8s %-8s %-9s %-9s %s\n", v["workers"], v["jobs"], v["seconds"], v["jobs_per_s"], v["not_done"]
     }' "$results"
