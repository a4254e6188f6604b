#!/bin/sh
# Writes the same 100,000 juror rows (15 columns, made one at a time while writing) with
# ceres_xlsx (bench_xlsx, BM_JurorExport/100000: one write per process) and with the Python
# writers of xlsx_peers.py, each in its own process, RUNS times in turn. For each writer it
# prints the wall time, CPU time (user + system) and peak resident memory of the whole process,
# read from the child's rusage, then their ranges over the runs and the peer / ceres_xlsx ratios.
# write_cpu_s is the writer's own measure of the write alone (process start and imports left out).
# On shared cores wall time follows the neighbours' load; CPU time varies less.
#   bench/run_xlsx_bench.sh [BUILD_DIR] [RUNS]     (defaults: build/release, 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
runs=${2:-3}
rows=100000
python=/usr/bin/python3  # the Debian interpreter, which has xlsxwriter and openpyxl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$here/measure.sh"

# One line per writer and run: writer run wall_s cpu_s peak_rss_MiB write_cpu_s file_MiB
run=1
while [ "$run" -le "$runs" ]; do
    process=$(measure "$build/bench/bench_xlsx" \
        --benchmark_filter="BM_JurorExport/$rows/iterations:1\$" --benchmark_format=csv)
    # CSV: name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,
    #      label,error_occurred,error_message,file_MiB,peak_rss_MiB,rows
    inside=$(grep '^"BM_JurorExport' "$work/out" | awk -F, '{ printf "%.3f %.2f", $4 / 1000, $11 }')
    echo "ceres_xlsx $run $process $inside" >> "$work/results"
    for peer in xlsxwriter openpyxl; do
        process=$(measure "$python" "$here/xlsx_peers.py" "$peer" "$rows")
        inside=$(awk '{ print $4, $5 }' "$work/out")
        echo "$peer $run $process $inside" >> "$work/results"
    done
    run=$((run + 1))
done

awk -v rows="$rows" '
  function range(a, b) { return a == b ? sprintf("%.2f", a) : sprintf("%.2f-%.2f", a, b) }
  function keep(key, value) {
    if (!(key in low) || value < low[key]) low[key] = value
    if (!(key in high) || value > high[key]) high[key] = value
  }
  BEGIN { printf "%-11s %4s %8s %8s %13s %12s %9s\n", "writer", "run", "wall_s", "cpu_s",
                 "peak_rss_MiB", "write_cpu_s", "file_MiB" }
  { printf "%-11s %4s %8s %8s %13s %12s %9s\n", $1, $2, $3, $4, $5, $6, $7
    if (!($1 in seen)) { seen[$1] = 1; order[++writers] = $1 }
    keep($1 " wall", $3); keep($1 " cpu", $4); keep($1 " rss", $5); keep($1 " write", $6)
    wall[$1, $2] = $3; cpu[$1, $2] = $4; rss[$1, $2] = $5; runs = $2 }
  END {
    printf "\n%d rows x 15 columns, ranges over %d runs (whole process):\n", rows, runs
    for (i = 1; i <= writers; i++) {
      w = order[i]
      printf "%-11s wall %s s, CPU %s s, peak RSS %s MiB, write alone %s s CPU\n", w,
             range(low[w " wall"], high[w " wall"]), range(low[w " cpu"], high[w " cpu"]),
             range(low[w " rss"], high[w " rss"]), range(low[w " write"], high[w " write"])
      if (w == "ceres_xlsx") continue
      for (r = 1; r <= runs; r++) {
        keep(w " xwall", wall[w, r] / wall["ceres_xlsx", r])
        keep(w " xcpu", cpu[w, r] / cpu["ceres_xlsx", r])
        keep(w " xrss", rss[w, r] / rss["ceres_xlsx", r])
      }
    }
    print ""
    for (i = 2; i <= writers; i++) {
      w = order[i]
      printf "%s / ceres_xlsx: %sx wall, %sx CPU, %sx peak RSS\n", w,
             range(low[w " xwall"], high[w " xwall"]), range(low[w " xcpu"], high[w " xcpu"]),
             range(low[w " xrss"], high[w " xrss"])
    }
  }' "$work/results"
