#!/usr/bin/env bash
# The main job: set up what is missing, then OCR a fresh copy of the bundled sample cards with their template.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out=.card-ocr-output/samples
rm -rf "$out"
mkdir -p "$out"
cp samples/cards/* "$out/"
exec node dist/cli.js run "$out" --template samples/sample-catalogue-card.json "$@"
