#!/bin/sh
# Writes the same 100,000 juror rows (15 columns) with ceres_xlsx (bench_xlsx,
# BM_JurorExport/100000, median of 3) and with the Python writers of xlsx_peers.py, in one run,
# and prints wall and CPU time, peak memory and how many times faster ceres_xlsx is.
# On shared cores wall time follows the neighbours' load; CPU time varies less.
#   bench/run_xlsx_bench.sh [BUILD_DIR]     (default: build-xlsx next to this folder)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-xlsx}
python=/usr/bin/python3  # the Debian interpreter, which has xlsxwriter and openpyxl

# CSV columns: name,iterations,real_time,cpu_time,unit,...,file_MiB,peak_rss_MiB,rows,writer_MiB
ours=$("$build/bench/bench_xlsx" --benchmark_filter='BM_JurorExport/100000$' \
        --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
        --benchmark_format=csv 2>/dev/null | grep '_median"' |
       awk -F, '{ printf "ceres_xlsx 100000 %.3f %.3f %.1f %.2f writer_adds_MiB=%.1f", \
                  $3 / 1000, $4 / 1000, $12, $11, $14 }')
peers=$(for peer in xlsxwriter openpyxl; do "$python" "$here/xlsx_peers.py" "$peer" 100000; done)

printf '%s\n%s\n' "$ours" "$peers" | awk '
  BEGIN { printf "%-11s %7s %7s %7s %13s %9s\n", "writer", "rows", "wall_s", "cpu_s", "peak_rss_MiB", "file_MiB" }
  { printf "%-11s %7s %7s %7s %13s %9s %s\n", $1, $2, $3, $4, $5, $6, $7
    wall[NR] = $3; cpu[NR] = $4; name[NR] = $1 }
  END { for (i = 2; i <= NR; i++)
          printf "%s / ceres_xlsx: %.1fx wall, %.1fx CPU\n", name[i], wall[i] / wall[1], cpu[i] / cpu[1] }'
