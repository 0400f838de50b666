using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Meetings.Bench;

/// <summary>
/// RSVP writes under load: W concurrent clients answer through the personal links (PUT /api/rsvp/{token})
/// of a meeting published to 1,000 departments, for S seconds, every request a real change (each client
/// alternates accepted/declined on its own invitations). The same load client then drives the bare
/// endpoint (<see cref="BareServer"/>), in its own process, on its own SQLite file.
/// </summary>
internal static class RsvpBenchmark
{
    private static readonly string[] Statuses = ["accepted", "declined"];

    public static async Task RunAsync(string apiDll, int seconds, int concurrency)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-rsvp-").FullName;
        const string key = Service.AdminKey;

        var apiPort = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, apiPort, new Dictionary<string, string>
        {
            // every client answers its invitations in turn, many times a minute; the per-link limit is for the internet, not for this benchmark
            ["RateLimiting__RsvpToken__PermitLimit"] = "100000000",
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var tokens = await ArrangeMeeting(admin);
        var rsvp = await Load($"http://127.0.0.1:{apiPort}", tokens.Count, seconds, concurrency, i => $"/api/rsvp/{tokens[i]}");
        api.Kill(entireProcessTree: true);

        var barePort = Service.FreePort();
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new[] { typeof(RsvpBenchmark).Assembly.Location } : [];
        using var bare = Service.Start(self, [.. selfArgs, "bare-server", barePort.ToString(CultureInfo.InvariantCulture), Path.Combine(folder, "bare.db")], folder);
        using (var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{barePort}") })
        {
            await Service.WaitReady(probe, "/ready");
        }

        var baseline = await Load($"http://127.0.0.1:{barePort}", 1000, seconds, concurrency, i => $"/rows/{i + 1}");
        bare.Kill(entireProcessTree: true);

        Console.WriteLine($"RESULT rsvp: {concurrency} concurrent clients, {seconds} s each after a 3 s warm-up, every request a real change");
        Console.WriteLine($"RESULT rsvp: service PUT /api/rsvp/{{token}}: {rsvp}");
        Console.WriteLine($"RESULT rsvp: bare ASP.NET Core + EF Core endpoint: {baseline}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT rsvp: throughput ratio service/bare = {rsvp.Throughput / baseline.Throughput:F2}; p99 service {rsvp.P99:F1} ms vs bare {baseline.P99:F1} ms"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static async Task<List<string>> ArrangeMeeting(HttpClient admin)
    {
        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        foreach (var chunk in Enumerable.Range(1, 1000).Chunk(8))
        {
            await Task.WhenAll(chunk.Select(i => Service.Post(admin, "/api/departments", new
            {
                code = $"A{i}", name = $"Amt {i}", head = new { name = $"Leitung {i}", email = $"leitung{i}@augsburg.example" },
            })));
        }

        var meeting = await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddDays(30).ToString("O") });
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        var tokens = new List<string>();
        for (var skip = 0; ; skip += 200)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}/invitations?skip={skip}&take=200");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            tokens.AddRange(items.Where(i => i.GetProperty("kind").GetString() == "department").Select(i => i.GetProperty("rsvpToken").GetString()!));
            if (items.Count == 0 || skip + items.Count >= page.GetProperty("total").GetInt32())
            {
                return tokens;
            }
        }
    }

    /// <summary>Client w answers invitations w, w+W, w+2W, … in turn, alternating the status per invitation.</summary>
    private static async Task<LoadResult> Load(string baseUrl, int targets, int seconds, int concurrency, Func<int, string> pathOf)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var warmUpEnds = Stopwatch.GetTimestamp() + (3 * Stopwatch.Frequency);
        var ends = warmUpEnds + (seconds * Stopwatch.Frequency);
        var answered = new int[targets];

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

                var target = (w + (n * concurrency)) % targets;
                var status = Statuses[answered[target]++ % 2];
                try
                {
                    using var response = await http.PutAsJsonAsync(pathOf(target), new { status });
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

    private sealed record LoadResult(double Throughput, double P50, double P99, int Requests, int Errors)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Throughput:F0} req/s, p50 {P50:F1} ms, p99 {P99:F1} ms, {Requests} requests, {Errors} errors");
    }
}
