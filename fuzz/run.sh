#!/usr/bin/env bash
# Runs the libFuzzer targets of build/sanitize (cmake --preset sanitize && cmake --build --preset sanitize).
#   fuzz/run.sh [SECONDS] [TARGET...]    each target for SECONDS (default 600), one after another
# Each starts from its committed seeds (fuzz/corpus/<target>) and keeps what it finds in
# build/sanitize/found/<target>; a crash, leak, time-out (10 s an input) or broken contract leaves its
# input in build/sanitize/artifacts/ and makes the script fail. The last lines of each run (cov:,
# exec/s) are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_validate fuzz_render fuzz_verify fuzz_auth fuzz_http)
status=0
for t in "${targets[@]}"; do
  mkdir -p "build/sanitize/found/$t" build/sanitize/artifacts
  log="build/sanitize/$t.log"
  echo "== $t, ${seconds}s"
  if ! "build/sanitize/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix=build/sanitize/artifacts/ "build/sanitize/found/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
    status=1
    grep -E "ERROR|contract broken|SUMMARY|Test unit written" "$log" | head -20
  fi
  grep -E "^#[0-9]+.*(DONE|cov:)" "$log" | tail -1
  grep -E "stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" || true
done
exit $status
