#!/usr/bin/env bash
# Runs the benchmarks (Release build, the real service in its own process on loopback), each against its
# baseline in the same run. Not part of CI: these machines are shared, figures vary from run to run.
#
#   bench/run.sh                  all scenarios (publish, rsvp, mail, latency, page, reads, mailbox, documents, scale); writes docs/performance.md from this one run
#   bench/run.sh mail [rsvp …]    only these, for iteration: prints the figures and keeps them in
#                                 bench/results/<scenario>.txt, leaves docs/performance.md alone
#   bench/run.sh poll             the date poll's page vs its JSON (not part of a run of all scenarios yet: no section of docs/performance.md)
#   bench/run.sh documents        memory while 20/25 MiB documents go up and down; downloads vs a bare file endpoint
#   bench/run.sh scale            1,000 and 10,000 invitees at the default settings: publish, publish → last invitation, reminders (a few minutes)
#   bench/run.sh --page           rewrites docs/performance.md from the results of the last run of all scenarios
#                                 (after editing bench/notes.md or the descriptions; no new figures)
#   RUNS=7 RSVP_SECONDS=10 RSVP_CLIENTS=32 RSVP_ROUNDS=3 RSVP_HISTORY=200000 RSVP_WAYS=key,link,page,calendar MAIL_ROUNDS=3 LATENCY_ROUNDS=3 PAGE_SECONDS=10 READS_SECONDS=10 READS_CONNECTIONS=32 READS_ROUNDS=3 MAILBOX_SAMPLES=200 SCALE_ROUNDS=2 SCALE_SIZES=1000,10000 DOCUMENTS_ROUNDS=3 DOCUMENTS_CLIENTS=4 bench/run.sh
#
# docs/performance.md is generated, never edited by hand: the scenario descriptions are below, the reading of
# the figures is bench/notes.md, and the page is written only by a run of all scenarios, in one piece; a page
# with a heading twice (a section in bench/notes.md that the script also writes, say) is refused.
#
# The mail and latency scenarios need postfix's smtp-sink (Debian package postfix), the rsvp and reads scenarios wrk (Debian
# package wrk), the mailbox scenario Dovecot (Debian package dovecot-imapd; the scenario starts its own in a temporary
# directory, as the tests do). When one is missing it is installed here (root, apt); no postfix or dovecot daemon of
# the system is needed or left running.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-7}"; seconds="${RSVP_SECONDS:-10}"; clients="${RSVP_CLIENTS:-32}"; rounds="${MAIL_ROUNDS:-3}"
rsvp_rounds="${RSVP_ROUNDS:-3}"; rsvp_history="${RSVP_HISTORY:-200000}"; rsvp_ways="${RSVP_WAYS:-key,link,page,calendar}"
latency_rounds="${LATENCY_ROUNDS:-3}"; mailbox_samples="${MAILBOX_SAMPLES:-200}"
scale_rounds="${SCALE_ROUNDS:-2}"; scale_sizes="${SCALE_SIZES:-1000,10000}"
reads_seconds="${READS_SECONDS:-10}"; reads_connections="${READS_CONNECTIONS:-32}"; reads_rounds="${READS_ROUNDS:-3}"
all=(publish rsvp mail latency page reads mailbox documents scale)
stamp=bench/results/all-scenarios-run # written by a run of all scenarios, removed by a partial one
page_only=false
if [ "${1:-}" = "--page" ]; then
  page_only=true
  if [ ! -f "$stamp" ]; then
    echo "no complete run to write the page from: run bench/run.sh without arguments" >&2
    exit 1
  fi
  set -- "${all[@]}"
elif [ "$#" -eq 0 ]; then
  set -- "${all[@]}"
fi
for scenario in "$@"; do
  case "$scenario" in
    publish|rsvp|mail|latency|page|poll|mailbox|reads|documents|scale) ;;
    *) echo "unknown scenario '$scenario' (known: ${all[*]})" >&2; exit 2 ;;
  esac
done

smtp_sink_present() { command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ]; }

install_smtp_sink() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "the mail and latency scenarios need smtp-sink: install the Debian package postfix (as root), then run again" >&2
    exit 1
  fi
  echo "installing postfix for its smtp-sink (the mail scenario's SMTP server)"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postfix >/dev/null
  # smtp-sink runs on its own; the mail system itself stays off
  if postfix status >/dev/null 2>&1; then postfix stop >/dev/null 2>&1 || true; fi
}

install_wrk() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "the rsvp and reads scenarios need wrk: install the Debian package wrk (as root), then run again" >&2
    exit 1
  fi
  echo "installing wrk (the load generator of the rsvp and reads scenarios)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null
}

install_dovecot() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "the mailbox scenario needs Dovecot: install the Debian package dovecot-imapd (as root), then run again" >&2
    exit 1
  fi
  echo "installing dovecot-imapd (the mailbox scenario's IMAP server; the scenario starts its own)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dovecot-imapd >/dev/null
  # the scenario runs a Dovecot of its own; the system's stays off
  if command -v systemctl >/dev/null 2>&1; then systemctl stop dovecot >/dev/null 2>&1 || true; fi
}

run_scenarios() {
  if [[ " $* " == *" mail "* || " $* " == *" latency "* || " $* " == *" scale "* ]] && ! smtp_sink_present; then install_smtp_sink; fi
  if [[ " $* " == *" reads "* || " $* " == *" rsvp "* ]] && ! command -v wrk >/dev/null 2>&1; then install_wrk; fi
  if [[ " $* " == *" mailbox "* ]] && [ ! -x /usr/sbin/dovecot ]; then install_dovecot; fi
  mkdir -p bench/results
  rm -f "$stamp" # the results are mixed until a run of all scenarios completes
  dotnet build src/Meetings.Api -c Release -v q -nologo >/dev/null
  dotnet build bench/Meetings.Bench -c Release -v q -nologo >/dev/null
  local api bench
  api="$(pwd)/src/Meetings.Api/bin/Release/net10.0/Meetings.Api.dll"
  bench="dotnet bench/Meetings.Bench/bin/Release/net10.0/Meetings.Bench.dll"
  for scenario in "$@"; do
    case "$scenario" in
      publish) $bench publish "$api" "$runs" | tee bench/results/publish.txt ;;
      rsvp) $bench rsvp "$api" "$seconds" "$clients" "$rsvp_rounds" "$rsvp_history" "$rsvp_ways" | tee bench/results/rsvp.txt ;;
      mail) $bench mail "$api" "$rounds" | tee bench/results/mail.txt ;;
      latency) $bench latency "$api" "$latency_rounds" | tee bench/results/latency.txt ;;
      page) $bench page "$api" "${PAGE_SECONDS:-10}" "$clients" "$rounds" | tee bench/results/page.txt ;;
      poll) $bench poll "$api" "${PAGE_SECONDS:-10}" "$clients" "$rounds" | tee bench/results/poll.txt ;;
      mailbox) $bench mailbox "$api" "$mailbox_samples" | tee bench/results/mailbox.txt ;;
      documents) $bench documents "$api" "${DOCUMENTS_ROUNDS:-3}" "${DOCUMENTS_CLIENTS:-4}" | tee bench/results/documents.txt ;;
      scale) $bench scale "$api" "$scale_rounds" "$scale_sizes" | tee bench/results/scale.txt ;;
      reads) $bench reads "$api" "$reads_seconds" "$reads_connections" "$reads_rounds" | tee bench/results/reads.txt ;;
    esac
  done
}

if ! $page_only; then
  run_scenarios "$@"
  if [ "$*" != "${all[*]}" ]; then
    echo "ran: $*; docs/performance.md is written by a run of all scenarios (bench/run.sh without arguments)"
    exit 0
  fi
  date -u +%Y-%m-%d > "$stamp"
fi

figures() { echo '```'; grep '^RESULT' "bench/results/$1.txt" | sed 's/^RESULT //'; echo '```'; }
page=$(mktemp)
{
  cat <<EOF
# Performance

<!-- Generated by bench/run.sh from one run of all scenarios; the reading is bench/notes.md. Do not edit by hand. -->

Figures from \`bench/run.sh\` ($(cat "$stamp"), $(nproc) cores, .NET SDK $(dotnet --version), Release build), all from
the same run. Each scenario runs against its baseline in the same run. These machines are shared and noisy:
compare the ratios more than the absolute numbers, and re-run before drawing conclusions.

## Publishing a meeting to 1,000 departments (issue 3)

Scenario: \`POST /api/meetings/{id}/publish\` over real HTTP against the service in its own process
(Kestrel on 127.0.0.1, SQLite file, WAL): load the draft, the series and 1,000 active departments, create
1,001 invitations (1,000 heads + 1 host) with their RSVP tokens and their delivery-ledger rows (invitation,
two reminders and the nudge plan per invitee: ~4,000 rows), save in one transaction, answer.
Baseline: a bare EF Core context inserting 1,001 rows of the same shape into a SQLite file (AddRange +
SaveChanges). The first run of each is a warm-up and not counted. Target: publish median under 1 second.

EOF
  figures publish
  cat <<EOF

## RSVP writes under load (issues 4 and 20)

Scenario: wrk (Debian's package) with ${clients} connections and 2 threads answers the 1,000 department invitations of a
meeting published to 1,000 departments, every request a real change of answer (each pass over the invitations flips
accepted/declined; a run goes on where the one before stopped), through each way an answer comes in: by key
(\`PUT /api/meetings/{id}/invitations/{invitationId}/response\` with each department's own key, as its intranet portal
sends it), by personal link (\`PUT /api/rsvp/{token}\`), by the answer page's form (\`POST /rsvp/{token}\`, antiforgery,
303) and by calendar reply (\`POST /api/calendar/replies\`, an iTIP REPLY with the department's key) — rules, history
entry, audit row, optimistic concurrency, SQLite file in WAL with synchronous=FULL. Baseline: wrk against a bare
ASP.NET Core + EF Core endpoint in its own process that loads one row by key, changes it and saves it (SQLite file, WAL,
concurrency token), every request a change too. ${rsvp_rounds} rounds of ${seconds} s: each way of answering, followed
each time by the bare endpoint, after uncounted warm-ups of 15 s each. All of it twice: on a new database, and on one
that already holds ${rsvp_history} history entries (and as many audit rows) of 10 earlier meetings, written into the
service's file before it starts. The invitees' links are read from the service's database file (no response shows them).
Target: by key and by link at least 1.3× the bare endpoint's throughput in every round, with a lower p99 — also with the
history.

EOF
  figures rsvp
  cat <<EOF

## Reminder mails to an SMTP server on loopback (issue 6)

Scenario: the service in its own process (SQLite file, WAL, synchronous=FULL; \`Mail:Smtp\` pointing at
postfix's \`smtp-sink\` on 127.0.0.1, which accepts and discards; \`Jobs:PollingIntervalSeconds=1\`) has a meeting
published to 1,000 invitees (999 departments and the host); its 1,000 invitations go out first. Then, per round,
a new reminder plan with five offsets falling due together 2 s later: 5,000 reminder rows, each sent as its own
mail (German text and HTML, one recipient) by the dispatcher, which marks every row sent in the ledger right
after the server accepted it. Baseline: a bare MailKit loop in the benchmark process that builds and sends
5,000 mails of the same shape and size one after another over one connection to a fresh smtp-sink, same run.
Both rates are measured by the server the same way (smtp-sink's own message counter, timed as it arrives):
(n − 1) / (time of the last − time of the first of the n mails). Both sides are warmed up (the service by the
invitations and a first, uncounted round; the bare loop by 6,000 uncounted mails, and 500 more on each round's
fresh connection), then ${rounds} rounds alternate
bare loop / service so that both meet the same background load; the figures are the medians. The ledger
(\`GET /api/meetings/{id}/deliveries?kind=reminder&status=sent\`) and the server's count are checked against each
other: every reminder sent exactly once. Targets: at least 200 mails/s and at least half the bare loop's rate.

EOF
  figures mail
  cat <<EOF

## Mail on time at the default settings (issue 12)

Scenario: the service in its own process (SQLite file, WAL; \`Mail:Smtp\` pointing at postfix's \`smtp-sink\` on
127.0.0.1) at the **default** \`Jobs:PollingIntervalSeconds\` (15 s: the poll is only the safety net), a series with
999 departments and a host. (1) Publish: a new meeting is published to the 1,000 invitees; measured from the publish
request until smtp-sink has accepted the last of its 1,000 invitations (each with its calendar part), and from the
publish's answer. Baseline: a bare MailKit loop in the benchmark process sending 1,000 mails of an invitation's shape
(text, HTML, a text/calendar part) one after another over one new connection to a fresh smtp-sink, from its connect to
the last accepted, same run. (2) Reminders: a new reminder plan whose one offset falls due 3.37 s later (not a whole
second): 1,000 reminders due at one instant; for each, how long after its due time smtp-sink accepted it (negative
would be early). Arrivals are timed by smtp-sink's own message counter. The first publish and the first reminder round
warm up and are not counted, then ${latency_rounds} rounds of each. Targets: publish → last invitation ≤ 3 s; reminder
lateness p99 ≤ 2 s; none early; every mail once.

EOF
  figures latency
  cat <<EOF

## The answer page (issue 14)

Scenario: the service in its own process (SQLite file) with a meeting published to 1,000 departments; ${clients}
concurrent clients open the personal links, ${rounds} rounds of ${PAGE_SECONDS:-10} s each after a 3 s warm-up, alternating:
the answer page (\`GET /rsvp/{token}\`: invitation, meeting, agenda, guests and the deputy, rendered by Razor with an
antiforgery token) and, as the baseline, the JSON the same link gives an intranet portal (\`GET /api/rsvp/{token}\`).
Load client: .NET HttpClient in the benchmark process. The figures are the medians of the rounds.
Target: the page at least 0.8 of the JSON's throughput (issue 20; 0.7 in issue 14).

EOF
  figures page
  cat <<EOF

## Keyed reads as integrations poll them (issue 16)

Scenario: wrk (Debian's package) with ${reads_connections} connections and 2 threads on \`GET /api/meetings/{id}/agenda\` of a
published meeting with five agenda items, sent with a department key (\`X-Api-Key\`) as an intranet portal polls it:
the service in its own process (Kestrel on 127.0.0.1, SQLite file, WAL, metrics on) authenticates the key, checks
its scope, takes the meeting and its agenda from its read cache (loaded at most every 2 s, dropped by a change), computes the times and answers JSON. Baseline: wrk against a bare
ASP.NET Core + EF Core endpoint in its own process that reads one row by key (untracked) from a SQLite file and
answers it as JSON, no auth, same run. ${reads_rounds} rounds of ${reads_seconds} s alternate bare / service after uncounted
warm-ups (service 60 s: its tiered JIT takes that long on a loaded machine; bare 20 s), so that both meet the same
background load; the figures are the medians of the rounds, with the server's CPU per request beside them.
Targets: service throughput at least 0.95× the bare read's (issue 20; 0.8× in issue 16), p99 at most twice the bare p99.

EOF
  figures reads
  cat <<EOF

## The office's mailbox (issue 22)

Scenario: the service in its own process (SQLite file, WAL) reads the office's mailbox on a Dovecot (Debian's
\`dovecot-imapd\`) that the benchmark starts in a temporary directory on a loopback port, as the tests do
(\`Mail:Inbox:*\`, plaintext login on loopback, IDLE; \`Mail:Inbox:PollSeconds\` at its default of 60 s, the safety net).
Three meetings are published to the same 1,000 invitees (999 department heads and the host). The replies are the
Outlook Accept the tests deliver (\`tests/Meetings.Api.Tests/Mailbox/Samples/outlook-accept.eml\`: multipart/alternative
with a base64 \`text/calendar; method=REPLY\` part), from each invitee's own address, put into INBOX by IMAP APPEND.
(a) Latency: one reply at a time (${mailbox_samples} invitees, after 10 uncounted), from the APPEND's completion until
the answer shows in the invitation's history (\`GET /api/meetings/{id}/invitations/{invitationId}/history\` by the
admin key, polled every 20 ms): p50/p95/p99/max. (b) Throughput: the service stopped, 1,000 replies APPENDed (one per
invitee of the second meeting), the service started again; replies per second from the first answers visible to the
last (\`GET /api/meetings/{id}/attendance\` polled every 250 ms), and that each acted once (one history entry per
invitation, every message in the processed folder, none left or unrecognized). Baseline, same run: the same 1,000
calendar parts POSTed one after another to \`POST /api/calendar/replies\` with the admin key, for the third meeting
(the bridge a city would otherwise build: read a message, post it, read the next); and a bare IMAP loop without the
service (fetch, parse with MimeKit and MOVE each of 1,000 such messages over one connection: the reader's IMAP work
alone). The load average of the machine is printed with each part. Target: APPEND → visible p99 ≤ 3 s.

EOF
  figures mailbox
  cat <<EOF

## Documents: memory and downloads (issue 25)

Scenario: the service in its own process (SQLite file, WAL) stores a meeting's documents in the database in chunks of
256 KiB. (a) Memory: a file of 20 MiB and one of 25 MiB (random bytes behind a PDF header) each go up
(\`POST /api/meetings/{id}/documents\`, multipart, streamed from disk) and down (\`GET …/documents/{docId}/content\`) three
times while the service's resident set (VmRSS) is sampled every 20 ms; the figure is the peak above the resident set
before the first upload (after a warm-up with a small file). (b) Downloads: ${DOCUMENTS_CLIENTS:-4} concurrent clients
(.NET HttpClient in the benchmark process) download the 25 MiB document again and again; baseline: a bare ASP.NET Core
endpoint in its own process serving the same bytes from a file (\`Results.File\` with range processing, no auth, no
database). ${DOCUMENTS_ROUNDS:-3} rounds of 10 s alternate bare / service after 3 s warm-ups of each; the figures are the
medians. Targets: resident set growth under 40 MiB for each size; download throughput at least 0.7× the bare endpoint's.

EOF
  figures documents
  cat <<EOF

## Beyond one city: 1,000 and 10,000 invitees (issue 20)

Scenario: for each size (${scale_sizes}: the departments and the series' host) a fresh service in its own process (SQLite
file, WAL; \`Mail:Smtp\` pointing at postfix's \`smtp-sink\` on 127.0.0.1) at the **default** settings. (1) Publish: how
long \`POST /api/meetings/{id}/publish\` takes to answer — the invitations with their tokens, the ledger rows of each
invitee (invitation, two reminders, the nudge), the audit row, one transaction. Baseline: a bare multi-row
\`INSERT\` (500 rows a statement, one transaction) of as many invitation rows of the same shape, a token each, into a
SQLite file, same run. (2) From the publish request until smtp-sink accepted the last of its invitations. (3) A new
reminder plan whose one offset falls due 3.37 s later: all invitees' reminders due at one instant; how late each
reached smtp-sink, and due → last. The first publish and reminder round of each size warm up; ${scale_rounds} rounds of
each are counted; the load average of the machine is printed beside each size. Arrivals are timed by smtp-sink's own
message counter. Targets at 10,000: publish answers ≤ 3 s; last invitation ≤ 15 s after the publish; the cost per
invitee (publish answer, publish → last) at most 1.3× that at 1,000; every mail once.

EOF
  figures scale
  cat bench/notes.md
} > "$page"

duplicated=$(grep -E '^#{1,3} ' "$page" | sort | uniq -d || true)
if [ -n "$duplicated" ]; then
  echo "refusing to write docs/performance.md: headings twice: $duplicated (bench/notes.md repeats a section?)" >&2
  rm -f "$page"
  exit 1
fi
mv "$page" docs/performance.md
echo "wrote docs/performance.md"
