#!/bin/sh
# Print batch benchmark (issue #7) with ReportLab as a fixed yardstick, RUNS times in turn.
#  - bench_jobs --pages N, each size in its own process: the batch through the real pipeline
#    (renderPrintBatch, spooled PDF, manifests), one thread; it reports its own render time (CPU
#    and wall, records already in the stand-in store), bytes per page and the peak RSS of the
#    whole process. 20,000 pages = 10,000 parchemins, each with its address carrier.
#  - reportlab_parchemins.py: the parchemin page with ReportLab's QR code widget, RL_PAGES times
#    into one PDF, timed whole-process (wall and CPU from the child's rusage).
# Then the ranges over the runs and how many times ReportLab's pages/s ceres-docs does.
# On shared cores wall time follows the neighbours' load; CPU time varies less.
#   bench/run_jobs_bench.sh [BUILD_DIR] [RUNS] [RL_PAGES]   (defaults: build/release, 3, 1000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
runs=${2:-3}
rl_pages=${3:-1000}
python=/usr/bin/python3  # the Debian interpreter, which has ReportLab
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$here/measure.sh"

# One line per program, size and run: name pages run pages_per_s_cpu pages_per_s_wall bytes_per_page peak_rss_MiB
run=1
while [ "$run" -le "$runs" ]; do
    for pages in 1000 10000 20000 100000; do
        measure "$build/bench/bench_jobs" --pages "$pages" > /dev/null
        "$python" -c '
import json, sys
f = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print("ceres %d %s %.0f %.0f %.0f %.1f" % (f["pages"], sys.argv[2], f["pages_per_s_cpu"], f["pages_per_s_wall"],
                                          f["bytes_per_page"], f["peak_rss_mib"]))' "$work/out" "$run" >> "$work/results"
    done
    process=$(measure "$python" "$here/reportlab_parchemins.py" "$rl_pages" "$work/reportlab.pdf")
    echo "$process" | awk -v pages="$rl_pages" -v run="$run" -v size="$(wc -c < "$work/reportlab.pdf")" \
        '{ printf "reportlab %d %d %.1f %.1f %.0f %.1f\n", pages, run, pages / $2, pages / $1, size / pages, $3 }' \
        >> "$work/results"
    run=$((run + 1))
done

awk '
  function range(a, b, f) { return a == b ? sprintf(f, a) : sprintf(f "-" f, a, b) }
  function keep(key, value) {
    if (!(key in low) || value < low[key]) low[key] = value
    if (!(key in high) || value > high[key]) high[key] = value
  }
  BEGIN { printf "%-10s %7s %4s %14s %15s %11s %13s\n", "program", "pages", "run", "pages/s CPU",
                 "pages/s wall", "bytes/page", "peak_RSS_MiB" }
  { printf "%-10s %7s %4s %14s %15s %11s %13s\n", $1, $2, $3, $4, $5, $6, $7
    key = $1 " " $2
    if (!(key in seen)) { seen[key] = 1; order[++keys] = key }
    keep(key " cpu", $4); keep(key " wall", $5); keep(key " bytes", $6); keep(key " rss", $7)
    cpu[key, $3] = $4; wall[key, $3] = $5; runs = $3
    if ($1 == "reportlab") rl = key }
  END {
    printf "\nranges over %d runs:\n", runs
    for (i = 1; i <= keys; i++) {
      k = order[i]
      printf "%-17s %s pages/s CPU, %s pages/s wall, %s bytes/page, peak RSS %s MiB\n", k,
             range(low[k " cpu"], high[k " cpu"], "%.0f"), range(low[k " wall"], high[k " wall"], "%.0f"),
             range(low[k " bytes"], high[k " bytes"], "%.0f"), range(low[k " rss"], high[k " rss"], "%.1f")
    }
    ceres = "ceres 20000"
    for (r = 1; r <= runs; r++) {
      keep("xcpu", cpu[ceres, r] / cpu[rl, r]); keep("xwall", wall[ceres, r] / wall[rl, r])
    }
    printf "\n10,000 parchemins (20,000 pages): ceres-docs %s pages/s CPU (target >= 5000), ReportLab %s pages/s CPU\n",
           range(low[ceres " cpu"], high[ceres " cpu"], "%.0f"), range(low[rl " cpu"], high[rl " cpu"], "%.1f")
    printf "ceres-docs / ReportLab, run by run: %sx on CPU, %sx on wall time\n",
           range(low["xcpu"], high["xcpu"], "%.0f"), range(low["xwall"], high["xwall"], "%.0f")
  }' "$work/results"
