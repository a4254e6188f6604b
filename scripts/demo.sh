#!/usr/bin/env bash
# Sets up, builds, then renders the sample jobs with `ceres-docs render` on the embedded default
# (SQLite and document files under ./var) into ./var/out/<sample>/, printing where the documents
# are. Session results come first: they issue the parchemins the reprint and the print batch use.
# A development run: the built-in development seal key signs, and every parchemin says SPÉCIMEN.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
bin=build/release/src/app/ceres-docs
mkdir -p var/out
export CERES_DEV_MODE=1
for name in session-results convocations dte-request parchemins-reprint print-batch juror-export dashboard; do
  echo "== $name"
  "$bin" render "samples/$name.json" --out "var/out/$name" \
    | /usr/bin/python3 -c 'import json,sys; [print("  ", d["path"], (str(d["pages"]) + " p.") if "pages" in d else "", d.get("unique_number", "")) for d in json.load(sys.stdin)]'
done
echo "Rendered documents are under $(pwd)/var/out"
