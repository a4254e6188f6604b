#!/usr/bin/env bash
# Renders the golden jobs again and writes their references into tests/golden/refs (PNG of each
# page, words with positions, workbook cells): review the change with git diff and the PNGs.
#   bash scripts/golden-regenerate.sh [BUILD_DIR]    (build/release by default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
cmake --build "$build" --target ceres-docs -j2 >/dev/null
/usr/bin/python3 tests/golden/golden.py regenerate "$build/src/app/ceres-docs" "$PWD" "$build/tests/golden/regenerate"
du -sh tests/golden/refs
