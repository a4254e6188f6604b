#!/bin/sh
# The jobs CERES really sends, timed as a user runs them: `ceres-docs render JOB.json --out DIR`
# and `ceres-docs validate JOB.json` as whole processes, with the peers in the same run
# (ReportLab for the diplomas and the PV, python XlsxWriter for the juror rows).
# Jobs come from bench/make_real_jobs.py (deterministic). Each figure: one warm-up, then RUNS
# runs, median wall and CPU seconds, peak RSS of the process.
# The store is a fresh var_dir of the run: the 1,000-candidate session's warm-up reserves and
# issues its 1,000 parchemin numbers, its timed runs find them issued (a job rendered again); the
# print batch then prints those 1,000 parchemins (2,000 pages) from the store, and only that
# `ceres-docs render` of the print batch job is timed (its warm-up opens the batch, the timed runs
# render the open batch again).
#   [PEER_RUNS=N] bench/run_real_jobs.sh [BUILD_DIR] [RUNS]        (defaults: build/release, 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build/release}
runs=${2:-3}
# ReportLab takes about two minutes per 1,000 diplomas: PEER_RUNS (default RUNS) runs of it.
peer_runs=${PEER_RUNS:-$runs}
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$here/measure.sh"

"$python" "$here/make_real_jobs.py" "$root/samples" "$work"
ceres=$build/src/app/ceres-docs
export CERES_HOME="$root" CERES_DEV_MODE=1 CERES_VAR_DIR="$work/var"

# time NAME COMMAND...: warm-up, then $runs runs; one line "NAME wall cpu rss" per run.
time_runs() {
    name=$1; shift
    rm -rf "$work/docs"; measure "$@" > /dev/null
    i=1
    while [ "$i" -le "$runs" ]; do
        rm -rf "$work/docs"
        echo "$name $(measure "$@")" >> "$work/results"
        i=$((i + 1))
    done
}

time_runs "session_results_1000" "$ceres" render "$work/session-1000.json" --out "$work/docs"
time_runs "session_results_400" "$ceres" render "$work/session-400.json" --out "$work/docs"
time_runs "print_batch_1000" "$ceres" render "$work/print-batch-1000.json" --out "$work/docs"
pages=$("$python" -c 'import json, sys; print(sum(d.get("pages", 0) for d in json.load(open(sys.argv[1])) if d["kind"] == "print_batch"))' "$work/out")
[ "$pages" = 2000 ] || { echo "the print batch has $pages pages, not 2000" >&2; exit 1; }
time_runs "juror_export_38000" "$ceres" render "$work/jurors-38000.json" --out "$work/docs"
time_runs "validate_juror_export_38000" "$ceres" validate "$work/jurors-38000.json"
# 100,000 jurors weigh 41 MiB: over the default max_job_bytes, raised for this run only.
time_runs "juror_export_100000" env CERES_MAX_JOB_BYTES=67108864 "$ceres" render "$work/jurors-100000.json" --out "$work/docs"
all_runs=$runs; runs=$peer_runs
time_runs "reportlab_1000_diplomas" "$python" "$here/reportlab_parchemins.py" 1000 "$work/rl.pdf"
runs=$all_runs
time_runs "reportlab_pv_400" "$python" "$here/reportlab_pv.py" 1
time_runs "xlsxwriter_jurors_38000" "$python" "$here/xlsxwriter_jurors.py" "$work/jurors-38000.json" "$work/peer.xlsx"

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "runs: $runs after a warm-up; medians"
awk '
  { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; if ($4 > rss[$1]) rss[$1] = $4
    if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  function median(a, name, count,   i, j, t, v) {
    for (i = 1; i <= count; i++) v[i] = a[name, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    printf "%-30s %9s %9s %13s\n", "job", "wall_s", "cpu_s", "peak_RSS_MiB"
    for (i = 1; i <= k; i++) {
      name = order[i]; w[name] = median(wall, name, n[name])
      printf "%-30s %9.3f %9.3f %13.1f\n", name, w[name], median(cpu, name, n[name]), rss[name]
    }
    printf "\nratios (peer wall / ceres wall): diplomas %.1fx, PV 400 vs session 400 %.1fx, juror rows %.1fx\n",
      w["reportlab_1000_diplomas"] / w["session_results_1000"], w["reportlab_pv_400"] / w["session_results_400"],
      w["xlsxwriter_jurors_38000"] / w["juror_export_38000"]
  }' "$work/results"
