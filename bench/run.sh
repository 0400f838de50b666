#!/usr/bin/env bash
# Runs the benchmarks (Release build, the real service in its own process on loopback) and writes the
# figures to docs/performance.md. Not part of CI: these machines are shared, figures vary from run to run.
#   RUNS=7 RSVP_SECONDS=15 RSVP_CLIENTS=32 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-7}"; seconds="${RSVP_SECONDS:-15}"; clients="${RSVP_CLIENTS:-32}"
mkdir -p bench/results
dotnet build src/Meetings.Api -c Release -v q -nologo >/dev/null
dotnet build bench/Meetings.Bench -c Release -v q -nologo >/dev/null
api="$(pwd)/src/Meetings.Api/bin/Release/net10.0/Meetings.Api.dll"
bench="dotnet bench/Meetings.Bench/bin/Release/net10.0/Meetings.Bench.dll"
$bench publish "$api" "$runs" | tee bench/results/publish.txt
$bench rsvp "$api" "$seconds" "$clients" | tee bench/results/rsvp.txt

{
  echo "# Performance"
  echo
  echo "Figures from \`bench/run.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, .NET SDK $(dotnet --version), Release build)."
  echo "Each scenario runs against its baseline in the same run. These machines are shared and noisy:"
  echo "compare the ratios more than the absolute numbers, and re-run before drawing conclusions."
  echo
  echo "## Publishing a meeting to 1,000 departments (issue 3)"
  echo
  echo "Scenario: \`POST /api/meetings/{id}/publish\` over real HTTP against the service in its own process"
  echo "(Kestrel on 127.0.0.1, SQLite file, WAL): load the draft, the series and 1,000 active departments, create"
  echo "1,001 invitations (1,000 heads + 1 host) with their RSVP tokens and their delivery-ledger rows (invitation,"
  echo "two reminders and the nudge plan per invitee: ~4,000 rows), save in one transaction, answer."
  echo "Baseline: a bare EF Core context inserting 1,001 rows of the same shape into a SQLite file (AddRange +"
  echo "SaveChanges). The first run of each is a warm-up and not counted. Target: publish median under 1 second."
  echo
  echo '```'
  grep '^RESULT' bench/results/publish.txt | sed 's/^RESULT //'
  echo '```'
  echo
  echo "## RSVP writes under load (issue 4)"
  echo
  echo "Scenario: ${clients} concurrent clients answer through the personal links (\`PUT /api/rsvp/{token}\`) of a"
  echo "meeting published to 1,000 departments, for ${seconds} s after a 3 s warm-up; each client alternates"
  echo "accepted/declined on its own invitations, so every request is a real change (rules, history entry,"
  echo "optimistic concurrency, one SQLite transaction). Load client: .NET HttpClient in the benchmark process."
  echo "Baseline: the same load client against a bare ASP.NET Core + EF Core endpoint in its own process that"
  echo "loads one row by key, changes it and saves it (SQLite file, WAL, concurrency token), same run."
  echo "Target: service throughput at least the bare endpoint's, with a lower p99."
  echo
  echo '```'
  grep '^RESULT' bench/results/rsvp.txt | sed 's/^RESULT //'
  echo '```'
  cat bench/notes.md
} > docs/performance.md
echo "wrote docs/performance.md"
