#!/usr/bin/env bash
# Fault test of the real binary: `ceres-docs serve` on SQLite with its var directory on a 48 MiB
# tmpfs, filled to the last byte while a 400-candidate session_results job renders (601
# documents), then freed. Checks that nothing of the failed attempt is visible (no document of
# the session listed, no document file, no parchemin issued) and that the job completes by itself
# once space returns, its parchemin numbers unique and gapless and its served PDFs passing
# `qpdf --check`. Needs root (mount); when mounting a tmpfs is refused it says so and exits 77,
# which ctest counts as skipped.
#   scripts/fault-disk-full.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
home=$PWD
build=${1:-build/release}
case $build in /*) ;; *) build=$home/$build ;; esac
bin=$build/src/app/ceres-docs
work=$(mktemp -d); mnt=$work/var-fs; mkdir -p "$mnt" "$work/jobs"
if ! mount -t tmpfs -o size=48m tmpfs "$mnt" 2>/dev/null; then
  echo "skipped: mounting a tmpfs is not permitted here (needs root)"; rm -rf "$work"; exit 77
fi
spid=
cleanup() { [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null; wait 2>/dev/null || true; umount -l "$mnt"; rm -rf "$work"; }
trap cleanup EXIT
/usr/bin/python3 bench/make_real_jobs.py samples "$work/jobs" >/dev/null
job=$work/jobs/session-400.json
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export CERES_DEV_MODE=1 CERES_HOME=$home CERES_VAR_DIR=$mnt/var CERES_WORKERS=1 CERES_LEASE_SECONDS=5
(cd "$work" && exec "$bin" serve --port "$port" >"$work/serve.log" 2>&1) & spid=$!
api() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1"; }
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)" 2>/dev/null || true; }
poll() {  # poll SECONDS COMMAND...: until the command succeeds, or fail
  local until=$(( $(date +%s) + $1 )); shift
  until "$@"; do [ "$(date +%s)" -lt "$until" ] || return 1; sleep 0.1; done
}
poll 30 curl -sf "http://127.0.0.1:$port/healthz" -o /dev/null || { cat "$work/serve.log"; exit 1; }
token=$("$bin" token --profile SERVICE --perimeter FR)
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$job" \
  "http://127.0.0.1:$port/v1/jobs" | field '["id"]')
session=$(/usr/bin/python3 -c "import json; print(json.load(open('$job'))['payload']['session']['id'])")
status() { api "/v1/jobs/$id" | field '["status"]'; }
is() { [ "$(status)" = "$1" ]; }
sql() {  # read only, through Python's sqlite3 (no sqlite3 command needed)
  /usr/bin/python3 -c 'import sqlite3,sys; c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True); print(c.execute(sys.argv[2]).fetchone()[0])' \
    "$mnt/var/ceres.db" "$1" 2>/dev/null || echo unreadable
}
poll 60 is running
dd if=/dev/zero of="$mnt/filler" bs=1M 2>/dev/null || true   # ENOSPC ends it: the disk is full
full_at=$(date +%s)
# The attempt fails on the full disk (the database lives there too, so the job may stay
# `running` until its lease expires): wait until the worker has met the full disk.
full_disk_lines() { grep -cE "No space left|database or disk is full" "$work/serve.log" || true; }
poll 60 grep -qE "No space left|database or disk is full" "$work/serve.log"
# The workers meet the full disk again and again meanwhile; no visible effect may come of it:
# the checks below come after two more encounters.
met=$(full_disk_lines)
more_encounters() { [ "$(full_disk_lines)" -ge $((met + 2)) ]; }
poll 60 more_encounters || echo "note: the workers met the full disk only $(( $(full_disk_lines) - met )) more time(s) in 60 s"
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: $2, expected $3"; fail=1; fi; }
check "job status while the disk is full is not done" "$([ "$(status)" != done ] && echo yes)" yes
check "documents listed for the session" "$(api "/v1/sessions/$session/documents" | field '.get("documents", [])' | /usr/bin/python3 -c 'import ast,sys; print(len(ast.literal_eval(sys.stdin.read() or "[]")))')" 0
check "document files on disk" "$(find "$mnt/var/docs" -type f -not -path '*/.tmp/*' 2>/dev/null | wc -l)" 0
check "parchemins issued" "$(sql 'SELECT COUNT(*) FROM parchemins')" 0
rm -f "$mnt/filler"
freed_at=$(date +%s)
poll 180 is done || true
check "job status after space returned" "$(status)" done
check "documents of the job" "$(api "/v1/jobs/$id" | field '["documents"].__len__()')" 601
check "documents listed for the session" "$(api "/v1/sessions/$session/documents" | field '["documents"].__len__()')" 601
check "parchemins issued" "$(sql 'SELECT COUNT(*) FROM parchemins')" 200
check "distinct numbers" "$(sql 'SELECT COUNT(DISTINCT unique_number) FROM parchemins')" 200
check "numbers gapless (max-min+1)" "$(sql 'SELECT MAX(seq) - MIN(seq) + 1 FROM parchemins')" 200
bad=0; checked=0
for doc in $(api "/v1/jobs/$id" | /usr/bin/python3 -c 'import json,sys; print(" ".join(d["id"] for i, d in enumerate(json.load(sys.stdin)["documents"]) if d["mime"] == "application/pdf" and (i == 0 or i % 20 == 0)))'); do
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/documents/$doc" -o "$work/doc.pdf"
  qpdf --check "$work/doc.pdf" >/dev/null 2>&1 || bad=$((bad + 1)); checked=$((checked + 1))
done
check "served PDFs failing qpdf --check (of $checked)" "$bad" 0
echo "disk full for $(( freed_at - full_at )) s; done $(( $(date +%s) - freed_at )) s after space returned; $(api "/v1/jobs/$id" | field '["attempts"]') attempt(s), $(api "/v1/jobs/$id" | field '["lease_losses"]') lease loss(es); $(grep -cE "No space left|disk is full" "$work/serve.log") worker log lines about the full disk"
exit "$fail"
