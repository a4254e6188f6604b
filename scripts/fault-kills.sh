#!/usr/bin/env bash
# Fault test of the real binary on PostgreSQL: KILLS kill -9 of the `ceres-docs worker` holding a
# 1,000-parchemin session_results job (bench/make_real_jobs.py's 1,000 ADMIS session), each
# victim replaced by a new worker; then checks that the job is done once, that the numbers are
# unique and gapless, that nothing else was issued, and that served PDFs pass `qpdf --check`.
#   scripts/fault-kills.sh [BUILD_DIR] [KILLS]      (defaults: build/release 20)
# Every wait has a deadline; a throwaway cluster (scripts/pg-test-cluster.sh) is started and
# stopped. Prints the figures on its last lines; exits 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
case $build in /*) ;; *) build=$PWD/$build ;; esac
kills=${2:-20}
bin=$build/src/app/ceres-docs
work=$(mktemp -d)
pg_log=$work/pg.log
url=$(bash scripts/pg-test-cluster.sh 2>"$pg_log")
pg_dir=$(sed -n 's/^pg-test-cluster: running in \([^ ]*\) .*/\1/p' "$pg_log")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  bash scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export CERES_DEV_MODE=1 CERES_DATABASE_URL=$url CERES_HOME=$PWD CERES_LEASE_SECONDS=2 CERES_WORKERS=1
# Every kill hits the one job: its limit of lost leases must be above KILLS (the default, 20,
# would bury it at the 20th kill, as it should a job that kills every worker).
export CERES_MAX_LEASE_LOSSES=$((kills + 5))
mkdir -p "$work/jobs" && /usr/bin/python3 bench/make_real_jobs.py samples "$work/jobs" >/dev/null
job=$work/jobs/session-1000.json
[ -f "$job" ] || job=$(ls "$work"/jobs/session*1000*.json | head -1)
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

start_worker() {  # var dirs of their own, as on separate machines
  mkdir -p "$work/w$1"
  (cd "$work/w$1" && exec "$bin" worker >"$work/w$1.log" 2>&1) &
  pids+=($!)
}
psql_q() { psql "$url" -XAtc "$1"; }
deadline() { echo $(( $(date +%s) + $1 )); }

mkdir -p "$work/serve"
(cd "$work/serve" && CERES_WORKERS=0 exec "$bin" serve --port "$port" >"$work/serve.log" 2>&1) &
pids+=($!)
up_by=$(deadline 30)
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  [ "$(date +%s)" -lt "$up_by" ] || { echo "serve did not start:"; cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
token=$(cd "$work/serve" && "$bin" token --profile SERVICE --perimeter FR)
start_worker 0; start_worker 1
started=$(date +%s)
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary @"$job" "http://127.0.0.1:$port/v1/jobs" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
killed=0; n=2
end=$(deadline 600)
while [ "$killed" -lt "$kills" ] && [ "$(date +%s)" -lt "$end" ]; do
  row=$(psql_q "SELECT status || ' ' || lease_owner || ' ' || lease_expires_at FROM jobs WHERE id = '$id'")
  status=${row%% *}
  [ "$status" = done ] && break
  owner=$(echo "$row" | cut -d' ' -f2)
  expires=$(echo "$row" | cut -d' ' -f3)
  now_ms=$(( $(date +%s%N) / 1000000 ))
  if [ "$status" = running ] && [ -n "$owner" ] && [ "$expires" -gt "$now_ms" ]; then
    pid=$(echo "$owner" | cut -d: -f2)
    sleep "0.$(( RANDOM % 9 + 1 ))"   # somewhere in the render or the storing
    if kill -9 "$pid" 2>/dev/null; then
      killed=$((killed + 1)); start_worker "$n"; n=$((n + 1))
      # until the lease it held has expired and another worker took the job
      until [ "$(psql_q "SELECT lease_owner FROM jobs WHERE id = '$id'")" != "$owner" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.1; done
    fi
  else
    sleep 0.05
  fi
done
until [ "$(psql_q "SELECT status FROM jobs WHERE id = '$id'")" != running ] && \
      [ "$(psql_q "SELECT status FROM jobs WHERE id = '$id'")" != queued ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.2; done
took=$(( $(date +%s) - started ))

fail=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: $2, expected $3"; fail=1; fi; }
check "job status" "$(psql_q "SELECT status FROM jobs WHERE id = '$id'")" done
check "jobs in the database" "$(psql_q 'SELECT COUNT(*) FROM jobs')" 1
check "attempts" "$(psql_q "SELECT attempts FROM jobs WHERE id = '$id'")" 1
check "lease losses = kills" "$(psql_q "SELECT lease_losses FROM jobs WHERE id = '$id'")" "$killed"
check "parchemins issued" "$(psql_q 'SELECT COUNT(*) FROM parchemins')" 1000
check "distinct numbers" "$(psql_q 'SELECT COUNT(DISTINCT unique_number) FROM parchemins')" 1000
check "numbers gapless (max-min+1)" "$(psql_q 'SELECT MAX(seq) - MIN(seq) + 1 FROM parchemins')" 1000
check "numbers reserved" "$(psql_q 'SELECT COUNT(*) FROM parchemin_reservations')" 1000
check "document rows = distinct names" "$(psql_q "SELECT COUNT(*) - COUNT(DISTINCT file_name) FROM documents")" 0
check "printed = issued numbers" "$(psql_q "SELECT COUNT(*) FROM documents d JOIN parchemins p ON p.unique_number = d.unique_number WHERE d.kind = 'parchemin'")" 1000
# served PDFs: the PV général and every 20th other document
bad=0; checked=0
for doc in $(psql_q "SELECT id FROM documents WHERE mime = 'application/pdf' ORDER BY kind = 'pv_general' DESC, id" | awk 'NR == 1 || NR % 20 == 0'); do
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/documents/$doc" -o "$work/doc.pdf"
  qpdf --check "$work/doc.pdf" >/dev/null 2>&1 || bad=$((bad + 1)); checked=$((checked + 1))
done
check "served PDFs failing qpdf --check (of $checked)" "$bad" 0
echo "kills survived: $killed of $kills asked; jobs lost: $([ "$(psql_q "SELECT status FROM jobs WHERE id = '$id'")" = done ] && echo 0 || echo 1); wall time from submission: ${took} s"
exit "$fail"
