using System.Diagnostics;
using System.Globalization;

namespace Meetings.Bench;

/// <summary>
/// The answer page under load: W concurrent clients open the personal links of a meeting published to 1,000
/// departments — the HTML page (<c>GET /rsvp/{token}</c>: the invitation, the meeting, agenda, guests and the deputy,
/// rendered by Razor, with an antiforgery token) against the JSON the same link gives a portal
/// (<c>GET /api/rsvp/{token}</c>), same process, same run, rounds alternating so that both meet the same background load.
/// </summary>
internal static class PageBenchmark
{
    public static async Task RunAsync(string apiDll, int seconds, int concurrency, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-page-").FullName;
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, new Dictionary<string, string>
        {
            ["RateLimiting__RsvpToken__PermitLimit"] = "1000000",
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var tokens = await RsvpArrangement.PublishedMeetingTokens(admin, folder);

        var pages = new List<LoadResult>();
        var json = new List<LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            json.Add(await Load($"http://127.0.0.1:{port}", seconds, concurrency, n => $"/api/rsvp/{tokens[n % tokens.Count]}"));
            pages.Add(await Load($"http://127.0.0.1:{port}", seconds, concurrency, n => $"/rsvp/{tokens[n % tokens.Count]}"));
        }

        api.Kill(entireProcessTree: true);
        var page = Median(pages);
        var baseline = Median(json);
        Console.WriteLine($"RESULT page: {concurrency} concurrent clients, {rounds} rounds of {seconds} s each (after 3 s of warm-up), alternating");
        Console.WriteLine($"RESULT page: answer page GET /rsvp/{{token}} (HTML): median {page} (rounds: {string.Join(", ", pages.Select(p => p.Throughput.ToString("F0", CultureInfo.InvariantCulture)))} req/s)");
        Console.WriteLine($"RESULT page: JSON GET /api/rsvp/{{token}}: median {baseline} (rounds: {string.Join(", ", json.Select(p => p.Throughput.ToString("F0", CultureInfo.InvariantCulture)))} req/s)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT page: throughput ratio page/json = {page.Throughput / baseline.Throughput:F2}; target ≥ 0.80 (issue 20)"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static LoadResult Median(List<LoadResult> results) => results.OrderBy(r => r.Throughput).ElementAt(results.Count / 2);

    internal static async Task<LoadResult> Load(string baseUrl, int seconds, int concurrency, Func<int, string> pathOf)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var warmUpEnds = Stopwatch.GetTimestamp() + (3 * Stopwatch.Frequency);
        var ends = warmUpEnds + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            latencies[w] = [];
            for (var n = 0; ; n++)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= ends)
                {
                    return;
                }

                try
                {
                    using var response = await http.GetAsync(pathOf(w + (n * concurrency)));
                    await response.Content.CopyToAsync(Stream.Null);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors[w]++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors[w]++;
                }

                if (started >= warmUpEnds)
                {
                    latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));

        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count / (double)seconds, Service.Percentile(all, 50), Service.Percentile(all, 99), all.Count, errors.Sum());
    }

    internal sealed record LoadResult(double Throughput, double P50, double P99, int Requests, int Errors)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Throughput:F0} req/s, p50 {P50:F1} ms, p99 {P99:F1} ms, {Requests} requests, {Errors} errors");
    }
}
