#!/usr/bin/env bash
# Installs the Debian dependencies, then configures and builds ceres-docs (Release) in build/release.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
