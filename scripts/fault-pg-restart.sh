#!/usr/bin/env bash
# Fault test of the real binary on PostgreSQL: the database stopped for OUTAGE seconds (10 by
# default) while two `ceres-docs worker` render a 1,000-candidate and a 400-candidate session
# (bench/make_real_jobs.py) and a DTE request waits, then started again. Checks that meanwhile
# every API call answers 503 with Retry-After within 5 s (no 500, no hang) and /readyz names the
# database; that the same worker processes carry on by themselves once it is back; that every job
# ends done, none lost and none twice (the submission refused during the outage is sent again
# with its idempotency key), the numbers unique and gapless, and that served PDFs pass
# `qpdf --check`.
#   scripts/fault-pg-restart.sh [BUILD_DIR] [OUTAGE]      (defaults: build/release 10)
# The cluster is one of its own (scripts/pg-test-cluster.sh), never a shared one, since it is
# stopped. Every wait has a deadline. Prints the figures on its last lines; exits 1 when a check
# fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
case $build in /*) ;; *) build=$PWD/$build ;; esac
outage=${2:-10}
bin=$build/src/app/ceres-docs
work=$(mktemp -d)
url=$(bash scripts/pg-test-cluster.sh 2>"$work/pg.log")
pg_dir=$(sed -n 's/^pg-test-cluster: running in \([^ ]*\) .*/\1/p' "$work/pg.log")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  bash scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export CERES_DEV_MODE=1 CERES_DATABASE_URL=$url CERES_HOME=$PWD CERES_LEASE_SECONDS=5 CERES_WORKERS=1
mkdir -p "$work/jobs" && /usr/bin/python3 bench/make_real_jobs.py samples "$work/jobs" >/dev/null
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

psql_q() { psql "$url" -XAtc "$1"; }
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)" 2>/dev/null || true; }
poll() {  # poll SECONDS COMMAND...: until the command succeeds, or fail
  local until=$(( $(date +%s) + $1 )); shift
  until "$@"; do [ "$(date +%s)" -lt "$until" ] || return 1; sleep 0.1; done
}
start() {  # start NAME ARGS...: in a var dir of its own, as on a machine of its own
  local name=$1; shift
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec "$bin" "$@" >"$work/$name.log" 2>&1) &
  pids+=($!)
}

CERES_WORKERS=0 start serve serve --port "$port"
poll 30 curl -sf "$base/healthz" -o /dev/null || { echo "serve did not start:"; cat "$work/serve.log"; exit 1; }
token=$(cd "$work/serve" && "$bin" token --profile SERVICE --perimeter FR)
api() { curl -s --max-time 5 -H "Authorization: Bearer $token" "$@"; }
submit() { api -H 'Content-Type: application/json' --data-binary @"$1" "$base/v1/jobs" | field '["id"]'; }
status() { api "$base/v1/jobs/$1" | field '["status"]'; }
is() { [ "$(status "$1")" = "$2" ]; }
# The 400-candidate session made another session than the 1,000-candidate one (the generator
# gives both the sample's session and candidates), and a DTE request sent during the outage.
/usr/bin/python3 - "$work/jobs" samples/dte-request.json <<'EOF'
import json, sys
out, dte = sys.argv[1], sys.argv[2]
job = json.load(open(out + "/session-400.json", encoding="utf-8"))
job["payload"]["session"]["id"] = "TITRE_T_2026_400400"
for c in job["payload"]["candidates"]:
    c["id"] = c["id"].replace("C-1", "C-4", 1)
job["idempotency_key"] = "fault-pg-restart/session-400"
json.dump(job, open(out + "/session-400.json", "w", encoding="utf-8"), ensure_ascii=False)
job = json.load(open(dte, encoding="utf-8"))
job["idempotency_key"] = "fault-pg-restart/dte-during-outage"
json.dump(job, open(out + "/dte-outage.json", "w", encoding="utf-8"), ensure_ascii=False)
EOF

start w1 worker; start w2 worker
worker_pids=("${pids[1]}" "${pids[2]}")
ids=("$(submit "$work/jobs/session-1000.json")" "$(submit "$work/jobs/session-400.json")" "$(submit samples/dte-request.json)")
for id in "${ids[@]}"; do [ -n "$id" ] || { echo "a submission before the outage failed"; exit 1; }; done
poll 60 is "${ids[0]}" running || { echo "the 1,000-candidate job never started"; tail "$work"/w*.log; exit 1; }
rendering() { [ "$(api "$base/v1/jobs/${ids[0]}" | field '["progress"]["pages_done"]')" -gt 0 ] 2>/dev/null; }
poll 60 rendering || true   # the outage then falls in the middle of its pages, or of their storing

bash scripts/pg-test-cluster.sh down "$pg_dir"
down_at=$(date +%s)
calls=0; not_503=(); no_retry_after=0; readyz_without_database=0; slowest_ms=0
while [ $(( $(date +%s) - down_at )) -lt "$outage" ]; do
  for call in "GET /v1/jobs/${ids[0]}" "POST /v1/jobs" "GET /v1/sessions/ANY/documents" "GET /readyz"; do
    method=${call%% *}; path=${call#* }
    args=(-X "$method" -D "$work/headers" -o "$work/body" -w '%{http_code} %{time_total}')
    [ "$method" = POST ] && args+=(-H 'Content-Type: application/json' --data-binary @"$work/jobs/dte-outage.json")
    rm -f "$work/headers" "$work/body"
    out=$(api "${args[@]}" "$base$path" || true); code=${out%% *}; secs=${out#* }
    calls=$((calls + 1))
    ms=$(/usr/bin/python3 -c "print(int(float('${secs:-5}') * 1000))")
    [ "$ms" -gt "$slowest_ms" ] && slowest_ms=$ms
    [ "$code" = 503 ] || not_503+=("$call: ${code:-none}")
    grep -qi '^Retry-After: [0-9]' "$work/headers" 2>/dev/null || no_retry_after=$((no_retry_after + 1))
    if [ "$path" = /readyz ]; then
      grep -q '"down":\[[^]]*"database"' "$work/body" 2>/dev/null || readyz_without_database=$((readyz_without_database + 1))
    fi
  done
  sleep 0.5
done
bash scripts/pg-test-cluster.sh up "$pg_dir"
up_at=$(date +%s)

fail=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: $2, expected $3"; fail=1; fi; }
check "API calls during the outage not answered 503 (of $calls)" "${#not_503[@]}" 0
for c in "${not_503[@]}"; do echo "     $c"; done
check "503s without Retry-After" "$no_retry_after" 0
check "/readyz answers not naming the database" "$readyz_without_database" 0
check "slowest answer during the outage under 5 s" "$([ "$slowest_ms" -lt 5000 ] && echo yes || echo "no, $slowest_ms ms")" yes
poll 30 curl -sf "$base/readyz" -o /dev/null || true
check "/readyz once the database is back" "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" 200
# The client sends the refused submission again, with the same key.
ids+=("$(submit "$work/jobs/dte-outage.json")")
check "the submission refused during the outage, sent again" "$([ -n "${ids[3]}" ] && echo accepted)" accepted
all_ended() {
  local id s
  for id in "${ids[@]}"; do s=$(status "$id"); [ "$s" = done ] || [ "$s" = dead ] || [ "$s" = failed ] || return 1; done
}
poll 300 all_ended || true
done_at=$(date +%s)
for i in "${!ids[@]}"; do check "job $((i + 1)) status" "$(status "${ids[$i]}")" done; done
check "same worker processes still running" "$(for p in "${worker_pids[@]}"; do kill -0 "$p" 2>/dev/null && echo -n r; done)" rr
check "jobs in the database" "$(psql_q 'SELECT COUNT(*) FROM jobs')" 4
check "documents of the 1,000-candidate job" "$(api "$base/v1/jobs/${ids[0]}" | field '["documents"].__len__()')" 2001
check "documents of the 400-candidate job" "$(api "$base/v1/jobs/${ids[1]}" | field '["documents"].__len__()')" 601
issued=$(psql_q 'SELECT COUNT(*) FROM parchemins')
check "parchemins issued" "$issued" 1200
check "distinct numbers" "$(psql_q 'SELECT COUNT(DISTINCT unique_number) FROM parchemins')" 1200
check "numbers gapless (max-min+1)" "$(psql_q 'SELECT MAX(seq) - MIN(seq) + 1 FROM parchemins')" 1200
check "numbers reserved" "$(psql_q 'SELECT COUNT(*) FROM parchemin_reservations')" 1200
check "a job's document rows = its distinct names" "$(psql_q 'SELECT COUNT(*) - COUNT(DISTINCT (job_id, file_name)) FROM documents')" 0
check "document rows = documents the jobs list" "$(psql_q 'SELECT COUNT(*) FROM documents')" \
  "$(( $(for id in "${ids[@]}"; do api "$base/v1/jobs/$id" | field '["documents"].__len__()'; done | paste -sd+) ))"
check "printed = issued numbers" "$(psql_q "SELECT COUNT(*) FROM documents d JOIN parchemins p ON p.unique_number = d.unique_number WHERE d.kind = 'parchemin'")" 1200
bad=0; checked=0
for doc in $(psql_q "SELECT id FROM documents WHERE mime = 'application/pdf' ORDER BY kind <> 'pv_general', id" | awk 'NR <= 2 || NR % 50 == 0'); do
  api "$base/v1/documents/$doc" -o "$work/doc.pdf"
  qpdf --check "$work/doc.pdf" >/dev/null 2>&1 || bad=$((bad + 1)); checked=$((checked + 1))
done
check "served PDFs failing qpdf --check (of $checked)" "$bad" 0
attempts=$(for id in "${ids[@]}"; do api "$base/v1/jobs/$id" | field '["attempts"]'; api "$base/v1/jobs/$id" | field '["lease_losses"]'; done | paste -d/ - - | paste -sd' ')
echo "database down ${outage} s: $calls API calls, all 503 with Retry-After: $([ ${#not_503[@]} -eq 0 ] && [ "$no_retry_after" -eq 0 ] && echo yes || echo no), slowest ${slowest_ms} ms; every job done $(( done_at - up_at )) s after restart; attempts/lease losses per job: $attempts; jobs lost: $(psql_q "SELECT COUNT(*) FROM jobs WHERE status <> 'done'")"
exit "$fail"
