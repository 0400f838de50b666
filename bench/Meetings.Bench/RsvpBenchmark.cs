using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Meetings.Bench;

/// <summary>
/// RSVP writes under load: wrk with C connections answers the department invitations of a meeting published to 1,000
/// departments, every request a real change of answer (<see cref="RsvpScript"/>), through each way an answer comes in —
/// by key (each department's own key, as its intranet portal sends it), by personal link, by the answer page's form, by
/// calendar reply — against a bare ASP.NET Core + EF Core endpoint that updates one row (<see cref="BareServer"/>, its
/// own process and SQLite file), in alternating runs: per round each way, each followed by the bare endpoint. All of it
/// twice: on a new database, and on one that already holds the answers of an installation that has run a while (200,000
/// history entries and their audit rows of earlier meetings, written into the file before the service starts).
/// </summary>
internal static partial class RsvpBenchmark
{
    /// <summary>Uncounted load first, for each way of answering and the bare endpoint (RSVP_WARMUP_SECONDS to change it while iterating).</summary>
    private static readonly int WarmUpSeconds = int.TryParse(Environment.GetEnvironmentVariable("RSVP_WARMUP_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 15;

    public static readonly IReadOnlyList<string> AllChannels = ["key", "link", "page", "calendar"];

    private static readonly Dictionary<string, string> Described = new(StringComparer.Ordinal)
    {
        ["key"] = "by key      PUT /api/meetings/{id}/invitations/{invitationId}/response (department key)",
        ["link"] = "by link     PUT /api/rsvp/{token}",
        ["page"] = "by page     POST /rsvp/{token} (form, antiforgery, 303)",
        ["calendar"] = "by calendar POST /api/calendar/replies (iTIP REPLY, department key)",
    };

    public static async Task RunAsync(string apiDll, int seconds, int connections, int rounds, int historyRows, IReadOnlyList<string> channels)
    {
        Console.WriteLine($"RESULT rsvp: wrk, {connections} connections, 2 threads; {rounds} rounds of {seconds} s per way of answering, each followed by the bare endpoint; after warm-ups of {WarmUpSeconds} s each; every request a real change of answer");
        foreach (var seeded in historyRows > 0 ? new[] { 0, historyRows } : [0])
        {
            await Phase(apiDll, seconds, connections, rounds, seeded, channels);
        }
    }

    private static async Task Phase(string apiDll, int seconds, int connections, int rounds, int historyRows, IReadOnlyList<string> channels)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-rsvp-").FullName;
        var settings = new Dictionary<string, string>
        {
            // every invitation is answered many times a minute; the per-link limit is for the internet, not for this benchmark
            ["RateLimiting__RsvpToken__PermitLimit"] = "1000000",
        };
        var port = Service.FreePort();
        var api = Service.StartApi(apiDll, folder, Service.AdminKey, port, settings);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", Service.AdminKey);
        await Service.WaitReady(admin, "/health/ready");
        var meeting = await RsvpArrangement.PublishMeeting(admin);
        var keys = await RsvpArrangement.DepartmentKeys(admin, RsvpArrangement.Targets(folder, meeting).Select(t => t.DepartmentId));
        var seeded = 0;
        if (historyRows > 0)
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
            api.Dispose();
            var started = Stopwatch.GetTimestamp();
            seeded = RsvpArrangement.SeedHistory(folder, meeting, meetings: historyRows / RsvpArrangement.Departments / 20, answersEach: 20);
            Console.Error.WriteLine($"[rsvp] {seeded} history rows (and as many audit rows) written in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            api = Service.StartApi(apiDll, folder, Service.AdminKey, port, settings);
            await Service.WaitReady(admin, "/health/ready");
        }

        using var service = api;
        var targets = RsvpArrangement.Targets(folder, meeting, keys);
        var barePort = Service.FreePort();
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new[] { typeof(RsvpBenchmark).Assembly.Location } : [];
        using var bare = Service.Start(self, [.. selfArgs, "bare-server", barePort.ToString(CultureInfo.InvariantCulture), Path.Combine(folder, "bare.db")], folder);
        using (var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{barePort}") })
        {
            await Service.WaitReady(probe, "/ready");
        }

        var serviceUrl = $"http://127.0.0.1:{port}";
        var bareUrl = $"http://127.0.0.1:{barePort}";
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (channel, index) in channels.Select((c, i) => (c, i)))
        {
            var method = channel is "key" or "link" ? "PUT" : "POST";
            var requests = await Requests(channel, targets, meeting, admin.BaseAddress!);
            await Check(serviceUrl, method, requests[index]);
            scripts[channel] = RsvpScript.Write(Path.Combine(folder, $"{channel}.lua"), method, requests);
        }

        var bareScript = RsvpScript.Write(Path.Combine(folder, "bare.lua"), "PUT",
            [.. Enumerable.Range(1, RsvpArrangement.Departments).Select(i => Json($"/rows/{i}", null))]);
        var answers = new AnswerPositions(); // one state for all ways: they answer the same invitations
        var rows = new AnswerPositions();

        async Task<(WrkResult Result, double Changes)> RunService(string channel, int s)
        {
            var before = RsvpArrangement.LatestHistoryId(folder);
            var result = await Wrk.RunAsync(serviceUrl, s, connections, service, script: scripts[channel], scriptArguments: answers.Arguments);
            answers.Advance(result);
            return (result, (RsvpArrangement.LatestHistoryId(folder) - before) / (double)Math.Max(1, result.Requests));
        }

        async Task<WrkResult> RunBare(int s)
        {
            var result = await Wrk.RunAsync(bareUrl, s, connections, bare, script: bareScript, scriptArguments: rows.Arguments);
            rows.Advance(result);
            return result;
        }

        foreach (var channel in channels)
        {
            await RunService(channel, WarmUpSeconds);
        }

        await RunBare(WarmUpSeconds);
        var measured = channels.ToDictionary(c => c, _ => new List<(WrkResult Service, double Changes, WrkResult Bare)>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var channel in channels)
            {
                var (result, changes) = await RunService(channel, seconds);
                measured[channel].Add((result, changes, await RunBare(seconds)));
            }
        }

        service.Kill(entireProcessTree: true);
        bare.Kill(entireProcessTree: true);
        var database = historyRows > 0 ? $"with {seeded:N0} history rows of earlier meetings" : "new database";
        foreach (var (channel, runs) in measured)
        {
            var ratios = runs.Select(r => r.Service.Throughput / r.Bare.Throughput).ToList();
            var serviceMedian = WrkResult.Median([.. runs.Select(r => r.Service)]);
            var bareMedian = WrkResult.Median([.. runs.Select(r => r.Bare)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT rsvp: {database}: {Described[channel]}: rounds service/bare req/s {string.Join(", ", runs.Select(r => $"{r.Service.Throughput:F0}/{r.Bare.Throughput:F0} ({r.Service.Throughput / r.Bare.Throughput:F2}x)"))}; lowest ratio {ratios.Min():F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT rsvp: {database}: {Described[channel]}: p99 per round service/bare ms {string.Join(", ", runs.Select(r => $"{r.Service.P99:F1}/{r.Bare.P99:F1}"))}; medians: service {serviceMedian}, bare {bareMedian}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT rsvp: {database}: {Described[channel]}: server CPU per request service {serviceMedian.CpuMicroseconds:F0} µs, bare {bareMedian.CpuMicroseconds:F0} µs; history entries per answer {runs.Average(r => r.Changes):F2}"));
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The requests of one way of answering, for each invitation its two answers (accepted, declined).</summary>
    private static async Task<List<AnswerRequest>> Requests(string channel, List<RsvpTarget> targets, string meeting, Uri serviceUrl)
    {
        switch (channel)
        {
            case "key":
                return [.. targets.Select(t => Json($"/api/meetings/{meeting}/invitations/{t.InvitationId}/response", t.Key))];
            case "link":
                return [.. targets.Select(t => Json($"/api/rsvp/{t.Token}", null))];
            case "page":
                var (cookie, form) = await Antiforgery(serviceUrl, targets[0].Token);
                var headers = new Dictionary<string, string>
                {
                    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie,
                };
                string Form(string choice) => $"Form.Choice={choice}&__RequestVerificationToken={WebUtility.UrlEncode(form)}";
                return [.. targets.Select(t => new AnswerRequest($"/rsvp/{t.Token}", headers, Form("accepted"), Form("declined")))];
            case "calendar":
                string Reply(RsvpTarget t, string partStat) => string.Join("\r\n",
                    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//Outlook-ish//EN", "METHOD:REPLY", "BEGIN:VEVENT", $"UID:{meeting}@meetings",
                    "SEQUENCE:0", "DTSTAMP:20260302T080000Z", $"ATTENDEE;PARTSTAT={partStat}:mailto:{t.Email}", "END:VEVENT", "END:VCALENDAR", "");
                return [.. targets.Select(t => new AnswerRequest("/api/calendar/replies",
                    new Dictionary<string, string> { ["Content-Type"] = "text/calendar", ["X-Api-Key"] = t.Key! }, Reply(t, "ACCEPTED"), Reply(t, "DECLINED")))];
            default:
                throw new ArgumentException($"unknown way of answering '{channel}' (known: {string.Join(", ", AllChannels)})", nameof(channel));
        }
    }

    /// <summary>
    /// One answer of the way before the load, to see that it is taken: "tentative", which no request of the load sends, so
    /// that the load's next answer to this invitation is still a change.
    /// </summary>
    private static async Task Check(string baseUrl, string method, AnswerRequest answer)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(new HttpMethod(method), answer.Path);
        var body = answer.FirstBody.Replace("accepted", "tentative", StringComparison.Ordinal).Replace("ACCEPTED", "TENTATIVE", StringComparison.Ordinal);
        request.Content = new StringContent(body);
        foreach (var (name, value) in answer.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"{method} {answer.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static AnswerRequest Json(string path, string? key)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (key is not null)
        {
            headers["X-Api-Key"] = key;
        }

        return new AnswerRequest(path, headers, """{"status":"accepted"}""", """{"status":"declined"}""");
    }

    /// <summary>
    /// The answer page's antiforgery pair, as a browser gets it with the page: the cookie and the form's token. A visitor
    /// without a login has no identity in it, so one pair serves every page.
    /// </summary>
    private static async Task<(string Cookie, string FormToken)> Antiforgery(Uri baseUrl, string token)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = baseUrl }; // no key: a visitor
        using var response = await browser.GetAsync(new Uri($"/rsvp/{token}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var form = FormToken().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("the answer page carries no antiforgery token");
        return (cookie, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
