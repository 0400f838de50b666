using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MailKit.Net.Smtp;

namespace Meetings.Bench;

/// <summary>
/// How soon mail goes out at the DEFAULT settings (Jobs:PollingIntervalSeconds 15, the poll only a safety net): the
/// service in its own process (SQLite) sends to postfix's smtp-sink on loopback. (1) Publishing a meeting to 1,000
/// invitees: seconds from the publish request until smtp-sink has accepted the last of the 1,000 invitations, against a
/// bare MailKit loop sending 1,000 mails of an invitation's shape over one connection (from its connect to the last
/// accepted). (2) 1,000 reminders due at one instant (a new reminder plan whose offset falls due 3.37 s later): how late
/// each reached smtp-sink after its due time, p50/p99/max, and whether any came early. The first publish and the first
/// reminder round warm up and are not counted; the rounds after them are.
/// </summary>
internal static class LatencyBenchmark
{
    private const int Invitees = 1000;

    public static async Task RunAsync(string apiDll, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-latency-").FullName;
        await BareLoop(Invitees); // JIT and connection warm-up of the benchmark process, not counted

        using var sink = new SmtpSink();
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, sink.ServiceSettings()); // Jobs:PollingIntervalSeconds stays at its default (15 s)
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var series = await Arrange(admin);

        var (toLast, fromAnswer, answer) = (new List<double>(), new List<double>(), new List<double>());
        string meeting = string.Empty;
        for (var round = 0; round <= rounds; round++)
        {
            meeting = await Service.Post(admin, "/api/meetings", new
            {
                seriesId = series, title = $"Benchmark {round}", startsAt = DateTimeOffset.UtcNow.AddDays(30 + round).ToString("O"),
            });
            var before = sink.Count;
            var started = Stopwatch.GetTimestamp();
            (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
            var answered = Stopwatch.GetTimestamp();
            await sink.WaitFor(before + Invitees, TimeSpan.FromMinutes(2), $"the invitations of publish {round}");
            if (sink.Count < before + Invitees)
            {
                throw new InvalidOperationException($"publish {round}: {sink.Count - before} invitations arrived, expected {Invitees}");
            }

            if (round > 0)
            {
                toLast.Add(sink.SecondsAfter(started, before + Invitees));
                fromAnswer.Add(sink.SecondsAfter(answered, before + Invitees));
                answer.Add(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds);
            }
        }

        var bare = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            bare.Add(await BareLoop(Invitees));
        }

        var start = (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}")).GetProperty("startsAt").GetDateTimeOffset();
        var lateness = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            await Task.Delay(1500); // nothing else in flight
            var before = sink.Count;
            var (nowTimestamp, now) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
            var due = now.AddSeconds(3.37); // not a whole second: Hangfire keeps its due times in whole seconds
            var dueTimestamp = nowTimestamp + (long)((due - now).TotalSeconds * Stopwatch.Frequency);
            var offsets = new[] { System.Xml.XmlConvert.ToString(start - due) };
            (await admin.PutAsJsonAsync($"/api/meetings/{meeting}/reminders", new { offsets })).EnsureSuccessStatusCode();
            await sink.WaitFor(before + Invitees, TimeSpan.FromMinutes(2), $"the reminders of round {round}");
            if (sink.Count < before + Invitees)
            {
                throw new InvalidOperationException($"round {round}: {sink.Count - before} reminders arrived, expected {Invitees}");
            }

            if (round > 0)
            {
                lateness.AddRange(Enumerable.Range(before + 1, Invitees).Select(n => sink.SecondsAfter(dueTimestamp, n)));
            }
        }

        await Task.Delay(1500); // anything sent twice would arrive now
        var total = sink.Count;
        api.Kill(entireProcessTree: true);

        var expected = (rounds + 1) * 2 * Invitees;
        var (publish, p50, p99) = (Service.Median(toLast), Service.Percentile(lateness, 50), Service.Percentile(lateness, 99));
        var met = publish <= 3 && p99 <= 2 && lateness.Min() >= 0 && total == expected;
        static string List(IEnumerable<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)));
        Console.WriteLine($"RESULT latency: default settings (Jobs:PollingIntervalSeconds=15), SQLite, smtp-sink (postfix) on 127.0.0.1; {Invitees} invitees; {rounds} counted rounds of each");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT latency: publish → last of {Invitees} invitations accepted: median {publish:F2} s ({List(toLast)}); from the publish's answer: median {Service.Median(fromAnswer):F2} s; the publish answered in median {Service.Median(answer):F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT latency: bare MailKit loop, {Invitees} mails of an invitation's shape over one connection, connect → last accepted: median {Service.Median(bare):F2} s ({List(bare)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT latency: {Invitees} reminders due at one instant, lateness after the due time ({lateness.Count} mails): p50 {p50:F2} s, p99 {p99:F2} s, max {lateness.Max():F2} s, earliest {lateness.Min():F3} s (negative: early)"));
        Console.WriteLine($"RESULT latency: the server received {total} mails, expected {expected} (each once); targets: publish → last invitation ≤ 3 s, reminder lateness p99 ≤ 2 s, none early: {(met ? "met" : "NOT met")}");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A host city, a series with one host, 999 departments: each publish invites 1,000.</summary>
    internal static Task<string> Arrange(HttpClient admin) => Arrangement.Series(admin, Invitees - 1);

    /// <summary>The baseline: <paramref name="count"/> invitation-shaped mails over one new connection to a fresh smtp-sink; seconds from the connect to the last accepted.</summary>
    private static async Task<double> BareLoop(int count)
    {
        using var sink = new SmtpSink();
        using var client = new SmtpClient();
        var started = Stopwatch.GetTimestamp();
        await client.ConnectAsync("127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync(BareMail.Message(i, invitation: true));
        }

        await sink.WaitFor(count, TimeSpan.FromSeconds(30), "the bare loop");
        await client.DisconnectAsync(true);
        return sink.SecondsAfter(started, count);
    }
}
