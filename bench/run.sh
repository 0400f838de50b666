#!/usr/bin/env bash
# Runs the benchmarks (Release build, real service process on loopback) and writes the figures to
# docs/performance.md. Not part of CI: these machines are shared, figures vary from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-7}"
mkdir -p bench/results
dotnet build src/Meetings.Api -c Release -v q -nologo >/dev/null
dotnet build bench/Meetings.Bench -c Release -v q -nologo >/dev/null
api="$(pwd)/src/Meetings.Api/bin/Release/net10.0/Meetings.Api.dll"
out=bench/results/publish.txt
dotnet bench/Meetings.Bench/bin/Release/net10.0/Meetings.Bench.dll publish "$api" "$runs" | tee "$out"

{
  echo "# Performance"
  echo
  echo "Figures from \`bench/run.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(dotnet --version) SDK, Release build)."
  echo "Each scenario runs against its baseline in the same run; the first run of each is a warm-up and is not counted."
  echo "These machines are shared and noisy: compare the ratio more than the absolute numbers."
  echo
  echo "## Publishing a meeting to 1,000 departments (issue 3)"
  echo
  echo "Scenario: \`POST /api/meetings/{id}/publish\` over real HTTP against the service in its own process"
  echo "(Kestrel on 127.0.0.1, SQLite file, WAL): load the draft, the series and 1,000 active departments, create"
  echo "1,001 invitations (1,000 heads + 1 host) with their RSVP tokens, save in one transaction, answer."
  echo "Baseline: a bare EF Core context inserting 1,001 rows of the same shape into a SQLite file (AddRange + SaveChanges)."
  echo "Target: publish median under 1 second."
  echo
  echo '```'
  grep '^RESULT' "$out" | sed 's/^RESULT //'
  echo '```'
} > docs/performance.md
echo "wrote docs/performance.md"
