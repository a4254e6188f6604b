#!/usr/bin/env bash
# The unit and in-process test suites built with clang, AddressSanitizer + UBSan (preset sanitize,
# the build of the libFuzzer targets too) and run clean: any memory error, leak or undefined
# behaviour fails the run. Called by scripts/test.sh after the release suites (`--list` prints
# the suites); needs CERES_TEST_PG_URL for the PostgreSQL variants (else skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
suites=(domain_tests seal_tests xlsx_tests render_tests sign_tests jobs_tests jobs_documents_tests
        queue_tests store_tests http_tests)
if [[ ${1:-} == --list ]]; then echo "${suites[*]}"; exit 0; fi
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize -j "$(nproc)" --target "${suites[@]}"
export CERES_HOME=$PWD CERES_DEV_MODE=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=()
for suite in "${suites[@]}"; do
  binary=$(find build/sanitize/tests -name "$suite" -type f -perm -u+x | head -1)
  log=build/sanitize/$suite.log
  if "$binary" >"$log" 2>&1 && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
    echo "asan: $suite $(grep -E '^\[  PASSED  \]' "$log" | tail -1)"
  else
    echo "asan: $suite FAILED (log: $log)"; tail -40 "$log"; failed+=("$suite")
  fi
done
((${#failed[@]} == 0)) || { echo "asan: ${#failed[@]} suite(s) failed: ${failed[*]}" >&2; exit 1; }
