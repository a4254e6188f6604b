#!/usr/bin/env bash
# Copies the published rule catalogue, contract and reference payloads from a checkout of the
# specification folder given as argument into the repository, which never reads them
# from outside itself. Run it when the specification changes, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: scripts/sync-shared.sh SPECIFICATION_DIR}
cp "$src/RULES.md" docs/rules.md
cp "$src/CONTRACT.md" docs/contract.md
cp "$src/2D-DOC.md" docs/2d-doc.md
cp "$src"/contract/examples/*.json samples/
git status --short docs samples
