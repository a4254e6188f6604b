#!/usr/bin/env bash
# Installs every Debian package ceres-docs needs to build, run and test.
# Idempotent: quiet and quick when everything is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates clang libclang-rt-14-dev
  libpodofo-dev libxlsxwriter-dev libpoco-dev libzxing-dev libgtest-dev libgmock-dev
  libbenchmark-dev libvalijson-dev libpq-dev libssl-dev libharfbuzz-dev libfribidi-dev
  libfreetype-dev zlib1g-dev libminizip-dev libpng-dev libjpeg-dev
  poppler-utils qpdf libnss3-tools zbar-tools python3 python3-pil python3-pylibdmtx python3-openpyxl
  python3-reportlab python3-xlsxwriter python3-pikepdf postgresql
  chromium chromium-driver chromium-l10n
  fonts-dejavu-core fonts-noto-core fonts-droid-fallback
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
)

# Node.js and npm run the OpenAPI validator (tests/openapi); a machine may bring its own.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of the tests, from their committed lock files, into git-ignored node_modules
# folders; skipped while the installed tree was made from the same lock file.
cd "$(dirname "$0")/.."
for dir in tests/openapi; do
  stamp="$dir/node_modules/.installed-from-lock"
  cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null && continue
  echo "install-deps: npm ci in $dir" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$dir/package-lock.json" "$stamp"
done
