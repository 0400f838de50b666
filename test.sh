#!/usr/bin/env bash
# The full check, as CI runs it: formatting, a warning-free build, every test, the lint of the OpenAPI document.
# Ends with one line "N passed, N failed" (plus ", N skipped" when tests were skipped).
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults"
rm -rf "$results"

echo "== dotnet format --verify-no-changes"
if ! dotnet format Meetings.sln --verify-no-changes -v q; then
  echo "Formatting differs from .editorconfig: run 'dotnet format Meetings.sln' and commit."
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== dotnet build"
# The whole solution, tools included: 'dotnet test' alone builds only the test projects and what they use.
if dotnet build Meetings.sln -v q -nologo; then
  echo "== dotnet test"
  dotnet test Meetings.sln --no-build --logger "trx" --results-directory "$results" -- xUnit.StopOnFail=false
  status=$?
else
  status=1
fi

echo "== OpenAPI document: Redocly lint, recommended rules (docs/api.md)"
# The document exactly as the service serves it, written by the service itself; any error fails the run.
lint_failed=0
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
if ! dotnet run --no-build --project tools/Meetings.OpenApiTool -- "$results/openapi.json"; then
  lint_failed=1
elif ! { [ -x tools/openapi-lint/node_modules/.bin/redocly ] || npm ci --prefix tools/openapi-lint --no-audit --no-fund --loglevel=error; }; then
  echo "Could not install @redocly/cli (tools/openapi-lint/package-lock.json)."
  lint_failed=1
elif ! tools/openapi-lint/node_modules/.bin/redocly lint --config tools/openapi-lint/redocly.yaml --format=stylish "$results/openapi.json"; then
  lint_failed=1
fi

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
failed=$((failed + lint_failed))

if [ "$skipped" -gt 0 ]; then
  # Why tests were skipped (e.g. no PostgreSQL binaries on this machine), once per reason.
  for trx in "$results"/*.trx; do
    awk '/outcome="NotExecuted"/ { skip = 1 } skip && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "skipped: " $0; skip = 0 } /<\/UnitTestResult>/ { skip = 0 }' "$trx"
  done | sort | uniq -c
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$lint_failed" -eq 0 ]
