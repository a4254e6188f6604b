# Sourced by the bench/run_*_bench.sh scripts, which set $python (the Debian interpreter) and
# $work (their scratch directory).
# measure COMMAND [ARGS...]: runs the command with its output in $work/out (stderr in
# $work/out.err) and prints "wall_s cpu_s peak_rss_MiB" of that process alone, from its rusage.
measure() {
    "$python" -c '
import os, subprocess, sys, time
out, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
with open(out, "w") as stdout, open(out + ".err", "w") as stderr:
    child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
if status != 0:
    sys.exit(" ".join(command) + " failed:\n" + open(out + ".err").read())
print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.1f}")
' "$work/out" "$@"
}
