#!/usr/bin/env bash
# Installs what Card OCR needs on a fresh Debian machine, idempotently: system packages, npm packages, bundles.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: chromium (dashboard tests), tesseract's German data and CLI (other languages, bench),
# and the fonts the card generator renders with.
apt_packages=(chromium tesseract-ocr tesseract-ocr-deu fonts-freefont-ttf fonts-dejavu-core)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked; skipped when node_modules already matches the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

npm run --silent build
