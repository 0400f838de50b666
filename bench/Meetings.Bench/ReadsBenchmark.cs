using System.Diagnostics;
using System.Globalization;

namespace Meetings.Bench;

/// <summary>
/// Reads as integrations poll them: wrk (Debian's package) with 32 connections on <c>GET /api/meetings/{id}/agenda</c> with
/// a department key, against the bare endpoint (<see cref="BareServer"/>: ASP.NET Core + EF Core reading one row by key)
/// in the same run. Rounds alternate bare / service so that both meet the same background load; the figures are the
/// medians of the rounds. Each side is warmed up by an uncounted run first (the service longer: see the warm-up).
/// </summary>
internal static class ReadsBenchmark
{
    /// <summary>
    /// Uncounted load first. The bare endpoint is warm within seconds; the service's hot paths are recompiled by the tiered
    /// JIT for up to a minute on a loaded 2-core machine (its perf map kept growing for ~50 s, the rate rising with it).
    /// </summary>
    private const int BareWarmUpSeconds = 20;

    private const int ServiceWarmUpSeconds = 60;

    public static async Task RunAsync(string apiDll, int seconds, int connections, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-reads-").FullName;
        const string key = Service.AdminKey;

        var apiPort = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, apiPort);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var (meeting, departmentKey) = await Arrange(admin);
        var serviceUrl = $"http://127.0.0.1:{apiPort}/api/meetings/{meeting}/agenda";

        var barePort = Service.FreePort();
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new[] { typeof(ReadsBenchmark).Assembly.Location } : [];
        using var bare = Service.Start(self, [.. selfArgs, "bare-server", barePort.ToString(CultureInfo.InvariantCulture), Path.Combine(folder, "bare.db")], folder);
        using (var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{barePort}") })
        {
            await Service.WaitReady(probe, "/ready");
        }

        var bareUrl = $"http://127.0.0.1:{barePort}/rows/1";
        var header = $"X-Api-Key: {departmentKey}";
        await Wrk(bareUrl, null, BareWarmUpSeconds, connections);
        await Wrk(serviceUrl, header, ServiceWarmUpSeconds, connections);
        var bareRounds = new List<WrkResult>();
        var serviceRounds = new List<WrkResult>();
        for (var round = 0; round < rounds; round++)
        {
            bareRounds.Add(await Wrk(bareUrl, null, seconds, connections, bare));
            serviceRounds.Add(await Wrk(serviceUrl, header, seconds, connections, api));
        }

        api.Kill(entireProcessTree: true);
        bare.Kill(entireProcessTree: true);

        var service = WrkResult.Median(serviceRounds);
        var baseline = WrkResult.Median(bareRounds);
        Console.WriteLine($"RESULT reads: wrk, {connections} connections, 2 threads, {rounds} rounds of {seconds} s alternating bare/service after warm-ups of {ServiceWarmUpSeconds} s (service) and {BareWarmUpSeconds} s (bare); medians");
        Console.WriteLine($"RESULT reads: service GET /api/meetings/{{id}}/agenda (department key, 5 items): {service}");
        Console.WriteLine($"RESULT reads: bare ASP.NET Core + EF Core endpoint, one row by key: {baseline}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT reads: throughput ratio service/bare = {service.Throughput / baseline.Throughput:F2}; p99 service {service.P99:F2} ms vs bare {baseline.P99:F2} ms ({service.P99 / baseline.P99:F2}x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT reads: server CPU per request (user + system of the server process): service {service.CpuMicroseconds:F0} µs, bare {baseline.CpuMicroseconds:F0} µs"));
        Console.WriteLine("RESULT reads: rounds (service/bare req/s): " + string.Join(", ", serviceRounds.Zip(bareRounds, (s, b) =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Throughput:F0}/{b.Throughput:F0}"))));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A published meeting with five agenda items, and a department key (an integration's) to read it with.</summary>
    private static async Task<(string Meeting, string Key)> Arrange(HttpClient admin)
    {
        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        var department = await Service.Post(admin, "/api/departments", new
        {
            code = "12", name = "Amt für Digitalisierung", head = new { name = "Leitung 12", email = "leitung12@augsburg.example" },
        });
        var meeting = await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddDays(30).ToString("O") });
        foreach (var title in new[] { "Begrüßung", "E-Akte", "Digitale Agenda", "Pause", "Verschiedenes" })
        {
            var response = await admin.PostAsJsonAsync($"/api/meetings/{meeting}/agenda", new { title, durationMinutes = 20, kind = "discussion" });
            response.EnsureSuccessStatusCode();
        }

        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/api-keys", new { name = "Intranet-Portal Amt 12", role = "department", departmentId = department });
        created.EnsureSuccessStatusCode();
        var key = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        return (meeting, key);
    }

    private static Task<WrkResult> Wrk(string url, string? header, int seconds, int connections, Process? server = null) =>
        Meetings.Bench.Wrk.RunAsync(url, seconds, connections, server, header);
}
