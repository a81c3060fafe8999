#!/usr/bin/env bash
# The test command: set up what is missing, lint, then every suite. The last line is "N passed, N failed, N skipped";
# lint errors count as one failure in it, so a run with lint errors fails and still ends with that line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
lint_failed=0
echo "lint: biome lint (rules in biome.jsonc)"
npx biome lint . || lint_failed=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
npx mocha "$@" | tee "$log" || status=$?
if [ "$lint_failed" -eq 1 ]; then
  summary="$(tail -n 1 "$log")"
  if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    echo "lint: biome found errors (above); counted as one failure"
    echo "${BASH_REMATCH[1]} passed, $((BASH_REMATCH[2] + 1)) failed, ${BASH_REMATCH[3]} skipped"
  else
    echo "lint: biome found errors (above)"
    echo "0 passed, 1 failed, 0 skipped"
  fi
  exit 1
fi
exit "$status"
