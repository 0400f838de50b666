using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MailKit;

namespace Meetings.Bench;

/// <summary>
/// The office's mailbox (issue 22): the service in its own process (SQLite) reads a Dovecot that the benchmark starts
/// (<see cref="Dovecot"/>), with IDLE, at its default poll (60 s: the safety net). Three meetings published to the same
/// 1,000 invitees (999 department heads and the host). (a) Latency: one Outlook Accept at a time APPENDed into INBOX;
/// from the APPEND's completion until the answer shows in the invitation's history by the admin key (polled every
/// 20 ms). (b) Throughput: the service stopped, 1,000 Accepts APPENDed (one per invitee of the second meeting), the
/// service started again; how fast the reader makes them visible (attendance polled every 250 ms), and that each acted
/// once (every invitation's history one entry, every message in the processed folder, none left or unrecognized).
/// Baseline: the same 1,000 calendar parts POSTed one after another to <c>/api/calendar/replies</c> (the bridge a city
/// would otherwise build: it reads a message, posts it, reads the next) for the third meeting, same run.
/// </summary>
internal static class MailboxBenchmark
{
    private const int Invitees = 1000;
    private const int WarmUp = 10;
    private const string Processed = "Meetings.Processed";
    private const string Unrecognized = "Meetings.Unrecognized";

    private sealed record Invitee(string Id, string Email, string Name);

    public static async Task RunAsync(string apiDll, int samples)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-mailbox-").FullName;
        using var dovecot = new Dovecot();
        var replies = new OutlookReply();
        var settings = dovecot.InboxSettings();
        settings["Mail__Organizer"] = OutlookReply.Organizer;
        settings["Mail__From"] = OutlookReply.Organizer;
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        var service = new StrongBox<Process>(Service.StartApi(apiDll, folder, key, port, settings));
        try
        {
            await Measure(apiDll, samples, folder, dovecot, replies, settings, port, service);
        }
        finally
        {
            try
            {
                service.Value!.Kill(entireProcessTree: true);
                service.Value.Dispose();
            }
            catch (InvalidOperationException)
            {
                // gone already (stopped for the throughput part)
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The scenario; <paramref name="service"/> holds the service's process (started again for the throughput part).</summary>
    private static async Task Measure(
        string apiDll, int samples, string folder, Dovecot dovecot, OutlookReply replies, Dictionary<string, string> settings, int port, StrongBox<Process> service)
    {
        const string key = Service.AdminKey;
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        await Until(async () => await dovecot.CountIn(Unrecognized) >= 0, TimeSpan.FromSeconds(60), "the reader's folders");

        var series = await LatencyBenchmark.Arrange(admin);
        var (latency, throughput, bridge) = (await Publish(admin, series, 0), await Publish(admin, series, 1), await Publish(admin, series, 2));
        var people = new Dictionary<string, List<Invitee>>();
        foreach (var meeting in new[] { latency, throughput, bridge })
        {
            people[meeting] = await InviteesOf(admin, meeting);
            await Until(async () => await Total(admin, $"/api/meetings/{meeting}/deliveries?kind=invitation&status=queued&take=1") == 0, TimeSpan.FromMinutes(3), "the invitations sent");
        }

        // (a) one reply at a time: APPEND done → visible in the API
        var loadBefore = Load();
        var seen = new List<double>();
        using (var imap = await dovecot.ConnectAsync())
        {
            foreach (var (person, n) in people[latency].Take(WarmUp + samples).Select((p, n) => (p, n)))
            {
                await imap.Inbox.AppendAsync(new AppendRequest(replies.Mail(latency, person.Email, person.Name)));
                var appended = Stopwatch.GetTimestamp();
                await Until(async () => await Total(admin, $"/api/meetings/{latency}/invitations/{person.Id}/history?take=1") > 0, TimeSpan.FromSeconds(90), $"reply {n}", 20);
                if (n >= WarmUp)
                {
                    seen.Add(Stopwatch.GetElapsedTime(appended).TotalMilliseconds);
                }
            }

            await imap.DisconnectAsync(true);
        }

        var loadLatency = Load();

        // (b) 1,000 replies waiting in the mailbox while the service is stopped, then read
        service.Value!.Kill(entireProcessTree: true);
        await service.Value.WaitForExitAsync();
        service.Value.Dispose();
        var appendStarted = Stopwatch.GetTimestamp();
        using (var imap = await dovecot.ConnectAsync())
        {
            foreach (var person in people[throughput])
            {
                await imap.Inbox.AppendAsync(new AppendRequest(replies.Mail(throughput, person.Email, person.Name)));
            }

            await imap.DisconnectAsync(true);
        }

        var appendSeconds = Stopwatch.GetElapsedTime(appendStarted).TotalSeconds;
        var waiting = await dovecot.CountIn("INBOX");
        var started = Stopwatch.GetTimestamp();
        service.Value = Service.StartApi(apiDll, folder, key, port, settings);
        await Service.WaitReady(admin, "/health/ready");
        var ready = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var timeline = new List<(double At, int Accepted)>();
        await Until(
            async () =>
            {
                var accepted = await Accepted(admin, throughput);
                timeline.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, accepted));
                return accepted >= Invitees;
            },
            TimeSpan.FromMinutes(10), "the 1,000 replies visible", 250);
        var loadThroughput = Load();
        await Task.Delay(2000); // anything acting twice would show now
        var first = timeline.First(t => t.Accepted > 0);
        var last = timeline[^1];
        var readerRate = last.At > first.At ? (last.Accepted - first.Accepted) / (last.At - first.At) : double.NaN;
        var half = timeline.First(t => t.Accepted >= Invitees / 2); // the second half: the restarted service's JIT warmed up
        var secondHalfRate = last.At > half.At ? (last.Accepted - half.Accepted) / (last.At - half.At) : double.NaN;
        var histories = (await InvitationsOf(admin, throughput)).Select(i => i.GetProperty("historyTotal").GetInt32()).ToList();
        var (inbox, processed, unrecognized) = (await dovecot.CountIn("INBOX"), await dovecot.CountIn(Processed), await dovecot.CountIn(Unrecognized));

        // baseline: the same calendar parts POSTed one after another
        var posts = new List<double>();
        using var bridgeClient = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        bridgeClient.DefaultRequestHeaders.Add("X-Api-Key", key);
        foreach (var person in people[latency].Skip(Invitees - WarmUp))
        {
            await PostReply(bridgeClient, replies.Calendar(latency, person.Email, person.Name)); // warm-up, not counted
        }

        var bridgeStarted = Stopwatch.GetTimestamp();
        foreach (var person in people[bridge])
        {
            var one = Stopwatch.GetTimestamp();
            await PostReply(bridgeClient, replies.Calendar(bridge, person.Email, person.Name));
            posts.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }

        var bridgeSeconds = Stopwatch.GetElapsedTime(bridgeStarted).TotalSeconds;
        var bridgeAccepted = await Accepted(admin, bridge);
        var bridgeHistories = (await InvitationsOf(admin, bridge)).Select(i => i.GetProperty("historyTotal").GetInt32()).ToList();
        var loadAfter = Load();
        var imapSeconds = await BareImapLoop(dovecot, replies, bridge, people[bridge]);

        var bridgeRate = Invitees / bridgeSeconds;
        var (p50, p95, p99) = (Service.Percentile(seen, 50), Service.Percentile(seen, 95), Service.Percentile(seen, 99));
        var once = histories.All(h => h == 1) && inbox == 0 && unrecognized == 0 && processed == Invitees + WarmUp + samples;
        Console.WriteLine($"RESULT mailbox: SQLite, Dovecot {DovecotVersion()} on 127.0.0.1 (IDLE, Mail:Inbox:PollSeconds 60 as the safety net), Outlook Accepts (tests' sample); {Invitees} invitees per meeting");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: (a) APPEND done → answer in the invitation's history (polled every 20 ms), {seen.Count} replies one at a time after {WarmUp} uncounted: p50 {p50:F0} ms, p95 {p95:F0} ms, p99 {p99:F0} ms, max {seen.Max():F0} ms; load average {loadBefore} → {loadLatency}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: (b) {waiting} replies waiting in INBOX (APPENDed in {appendSeconds:F1} s with the service stopped); service started → ready {ready:F1} s, first answers visible {first.At:F1} s ({first.Accepted}), all {last.Accepted} visible {last.At:F1} s: reader {readerRate:F1} replies/s (first → last visible; {secondHalfRate:F1}/s over the second half, from {half.Accepted} visible at {half.At:F1} s), {Invitees / last.At:F1}/s from the service's start; load average {loadThroughput}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: (b) acted once: history entries per invitation {histories.Min()}–{histories.Max()} (sum {histories.Sum()} for {histories.Count} invitations); INBOX {inbox}, processed {processed} (expected {Invitees + WarmUp + samples}), unrecognized {unrecognized}: {(once ? "each once" : "NOT each once")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: baseline POST /api/calendar/replies (admin key), the same {Invitees} calendar parts one after another: {bridgeRate:F1} replies/s ({bridgeSeconds:F1} s), per request p50 {Service.Percentile(posts, 50):F0} ms, p99 {Service.Percentile(posts, 99):F0} ms; accepted {bridgeAccepted}, history entries per invitation {bridgeHistories.Min()}–{bridgeHistories.Max()}; load average {loadAfter}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: bare IMAP loop (the reader's IMAP work alone: fetch each of {Invitees} such messages, parse it with MimeKit, MOVE it; one connection, no service): {Invitees / imapSeconds:F1} messages/s ({imapSeconds:F1} s); load average {Load()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mailbox: reader/bridge = {readerRate / bridgeRate:F2}; target p99 ≤ 3 s with IDLE: {(p99 <= 3000 ? "met" : "NOT met")}"));
    }

    /// <summary>
    /// The reader's IMAP work without the service: <paramref name="people"/>'s replies APPENDed into a folder of their own
    /// (not timed), then each fetched, parsed and moved, as <c>InboxReader</c> does; seconds for all of them.
    /// </summary>
    private static async Task<double> BareImapLoop(Dovecot dovecot, OutlookReply replies, string meeting, List<Invitee> people)
    {
        using var client = await dovecot.ConnectAsync();
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var from = await root.CreateAsync("BareLoop", true) ?? throw new InvalidOperationException("no folder BareLoop");
        var to = await root.CreateAsync("BareLoopDone", true) ?? throw new InvalidOperationException("no folder BareLoopDone");
        foreach (var person in people)
        {
            await from.AppendAsync(new AppendRequest(replies.Mail(meeting, person.Email, person.Name)));
        }

        await from.OpenAsync(FolderAccess.ReadWrite);
        var started = Stopwatch.GetTimestamp();
        var uids = await from.SearchAsync(MailKit.Search.SearchQuery.All);
        foreach (var uid in uids)
        {
            await using (var stream = await from.GetStreamAsync(uid, string.Empty))
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                copy.Position = 0;
                _ = await MimeKit.MimeMessage.LoadAsync(copy);
            }

            await from.MoveToAsync(uid, to);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await client.DisconnectAsync(true);
        return uids.Count == people.Count ? seconds : throw new InvalidOperationException($"bare IMAP loop: {uids.Count} messages, expected {people.Count}");
    }

    private static async Task<string> Publish(HttpClient admin, string series, int n)
    {
        var meeting = await Service.Post(admin, "/api/meetings", new
        {
            seriesId = series, title = $"Benchmark {n}", startsAt = DateTimeOffset.UtcNow.AddDays(30 + n).ToString("O"),
        });
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        return meeting;
    }

    private static async Task<List<JsonElement>> InvitationsOf(HttpClient admin, string meeting)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}/invitations?skip={all.Count}&take=200");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items);
            if (items.Count == 0 || all.Count >= page.GetProperty("total").GetInt32())
            {
                return all;
            }
        }
    }

    private static async Task<List<Invitee>> InviteesOf(HttpClient admin, string meeting) =>
        [.. (await InvitationsOf(admin, meeting)).Select(i => new Invitee(
            i.GetProperty("id").GetString()!, i.GetProperty("recipient").GetProperty("email").GetString()!, i.GetProperty("recipient").GetProperty("name").GetString()!))];

    private static async Task<int> Total(HttpClient admin, string path) =>
        (await admin.GetFromJsonAsync<JsonElement>(path)).GetProperty("total").GetInt32();

    private static async Task<int> Accepted(HttpClient admin, string meeting) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}/attendance")).GetProperty("counts").GetProperty("accepted").GetInt32();

    private static async Task PostReply(HttpClient http, string calendar)
    {
        using var content = new StringContent(calendar);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        using var response = await http.PostAsync("/api/calendar/replies", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/calendar/replies: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task Until(Func<Task<bool>> done, TimeSpan limit, string what, int everyMs = 250)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                // the service still starting
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what}: not within {limit.TotalSeconds:F0} s");
            }

            await Task.Delay(everyMs);
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string DovecotVersion()
    {
        using var version = Process.Start(new ProcessStartInfo(Dovecot.Binary, ["--version"]) { RedirectStandardOutput = true })!;
        var text = version.StandardOutput.ReadToEnd().Trim();
        version.WaitForExit();
        return text.Split(' ')[0];
    }
}
