#!/usr/bin/env bash
# Idle and slow clients against one `ceres-docs serve` (SQLite, 2 workers), from an existing build:
# IDLE connections that never send a byte and SLOW ones sending their request head one byte a
# second are held for SECONDS (one the server closes is opened again at once), spread over
# several loopback source addresses so that the per-address cap does not turn them away.
# Meanwhile /healthz is probed 20 times a second from 127.0.0.1 and a DTE request job is
# submitted and followed until it is done. Prints the probes' p50/p99/max and the job's outcome.
#   bench/run_connection_bench.sh BUILD_DIR [IDLE] [SLOW] [SECONDS]
set -euo pipefail

build=${1:?usage: run_connection_bench.sh BUILD_DIR [IDLE] [SLOW] [SECONDS]}
idle=${2:-1000}
slow=${3:-50}
seconds=${4:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
binary=$build/src/app/ceres-docs
python=/usr/bin/python3
[ -x "$binary" ] || { echo "run_connection_bench: $binary is missing; build it first" >&2; exit 1; }

work=$(mktemp -d)
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill -TERM "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export CERES_HOME=$here CERES_VAR_DIR=$work/var CERES_WORKERS=2 CERES_DEV_MODE=1
"$binary" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.out")
  [ -n "$port" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "run_connection_bench: serve did not start" >&2; exit 1; }
token=$("$binary" token --profile SERVICE --perimeter FR --sub bench)

ulimit -n "$(ulimit -Hn)"
"$python" - "$port" "$token" "$here/samples/dte-request.json" "$idle" "$slow" "$seconds" <<'EOF'
import http.client, json, socket, sys, time

port, token, job_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
idle_count, slow_count, seconds = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
SOURCES = [f"127.0.0.{i}" for i in range(2, 42)]  # 40 addresses: 27 connections each for 1,050
HEAD = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: "

def connect(n):
    s = socket.socket()
    s.bind((SOURCES[n % len(SOURCES)], 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    return s

def closed(s):
    try:
        while True:
            if not s.recv(65536):
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True

idle = [connect(i) for i in range(idle_count)]
slow = [[connect(idle_count + i), 0] for i in range(slow_count)]
reopened = {"idle": 0, "slow": 0}

def tick():
    for i, s in enumerate(idle):
        if closed(s):
            s.close(); idle[i] = connect(i); reopened["idle"] += 1
    for i, entry in enumerate(slow):
        if closed(entry[0]):
            entry[0].close(); entry[0] = connect(idle_count + i); entry[1] = 0; reopened["slow"] += 1
        try:
            entry[0].send(HEAD[min(entry[1], len(HEAD) - 1):][:1]); entry[1] += 1
        except OSError:
            pass

def call(method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data

job = json.load(open(job_file))
job["idempotency_key"] = f"connection-bench/{time.time()}"
job_id, job_status, job_done_s = None, None, None
probes, failures = [], 0
start = time.monotonic()
next_tick = start
next_probe = start
while time.monotonic() - start < seconds:
    now = time.monotonic()
    if now >= next_tick:
        tick(); next_tick += 1.0
    if job_id is None and now - start >= 5:
        status, data = call("POST", "/v1/jobs", json.dumps(job))
        job_id = json.loads(data)["id"] if status == 202 else f"refused {status}"
    elif job_id and not job_id.startswith("refused") and job_status not in ("done", "failed", "dead"):
        status, data = call("GET", "/v1/jobs/" + job_id)
        job_status = json.loads(data)["status"] if status == 200 else f"HTTP {status}"
        if job_status == "done": job_done_s = time.monotonic() - start
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/healthz"); r = c.getresponse(); r.read(); c.close()
        if r.status != 200: failures += 1
    except OSError:
        failures += 1
    probes.append((time.monotonic() - t) * 1000)
    next_probe += 0.05
    time.sleep(max(0.0, next_probe - time.monotonic()))

held = sum(1 for s in idle if not closed(s)) + sum(1 for e in slow if not closed(e[0]))
probes.sort()
pick = lambda q: probes[min(len(probes) - 1, int(q * len(probes)))]
print(f"{idle_count} idle + {slow_count} slow connections held {seconds:.0f} s from {len(SOURCES)} addresses "
      f"(reopened after a server close: {reopened['idle']} idle, {reopened['slow']} slow; open at the end: {held})")
print(f"/healthz: {len(probes)} probes, {failures} failed; p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, "
      f"max {probes[-1]:.1f} ms")
print(f"DTE request job {job_id}: {job_status}" + (f" at {job_done_s:.1f} s" if job_done_s else ""))
print(f"RESULT connections idle={idle_count} slow={slow_count} seconds={seconds:.0f} probes={len(probes)} "
      f"failed={failures} p50_ms={pick(0.5):.1f} p99_ms={pick(0.99):.1f} max_ms={probes[-1]:.1f} job={job_status}")
sys.exit(0 if failures == 0 and job_status == "done" else 1)
EOF
