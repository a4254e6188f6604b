#!/usr/bin/env bash
# Sets up, builds, then renders every sample job with `ceres-docs render` on the embedded default
# (SQLite and files under ./var) into ./var/out/<sample>/, printing where the documents are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
bin=build/release/src/app/ceres-docs
mkdir -p var/out
for job in samples/*.json; do
  name=$(basename "$job" .json)
  echo "== $name"
  "$bin" render "$job" --out "var/out/$name" \
    | /usr/bin/python3 -c 'import json,sys; [print("  ", d["path"], d.get("pages", ""), d.get("unique_number", "")) for d in json.load(sys.stdin)]'
done
echo "Rendered documents are under $(pwd)/var/out"
