#!/usr/bin/env bash
# The test command: set up what is missing, then every suite. The last line is "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx mocha "$@"
