using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Meetings.Bench;

/// <summary>
/// Reads as integrations poll them: wrk (Debian's package) with 32 connections on <c>GET /api/meetings/{id}/agenda</c> with
/// a department key, against the bare endpoint (<see cref="BareServer"/>: ASP.NET Core + EF Core reading one row by key)
/// in the same run. Rounds alternate bare / service so that both meet the same background load; the figures are the
/// medians of the rounds. Each side is warmed up by an uncounted run first (the service longer: see the warm-up).
/// </summary>
internal static partial class ReadsBenchmark
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

    /// <param name="server">The server's process, for the CPU it spent on the round.</param>
    private static async Task<WrkResult> Wrk(string url, string? header, int seconds, int connections, Process? server = null)
    {
        server?.Refresh();
        var cpuBefore = server?.TotalProcessorTime ?? TimeSpan.Zero;
        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" };
        if (header is not null)
        {
            arguments.AddRange(["-H", header]);
        }

        arguments.Add(url);
        var start = new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        server?.Refresh();
        var cpu = (server?.TotalProcessorTime ?? TimeSpan.Zero) - cpuBefore;
        var result = WrkResult.Parse(output) is var parsed && parsed.Requests > 0
            ? parsed with { CpuMicroseconds = cpu.TotalMicroseconds / parsed.Requests }
            : parsed;
        if (result.Errors > 0)
        {
            Console.Error.WriteLine($"[reads] {url}: {result.Errors} non-2xx or socket errors\n{output}");
        }

        return result;
    }

    private sealed partial record WrkResult(double Throughput, double P50, double P99, long Requests, long Errors, double CpuMicroseconds = 0)
    {
        public static WrkResult Parse(string output)
        {
            double Latency(string percentile) => Milliseconds(LatencyLine().Matches(output).Single(m => m.Groups[1].Value == percentile));
            var errors = NonSuccess().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            errors += SocketErrors().Match(output) is { Success: true } s
                ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
                : 0;
            return new WrkResult(
                double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                Latency("50"), Latency("99"),
                long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), errors);
        }

        public static WrkResult Median(IReadOnlyList<WrkResult> rounds) => new(
            Service.Median(rounds.Select(r => r.Throughput).ToList()), Service.Median(rounds.Select(r => r.P50).ToList()),
            Service.Median(rounds.Select(r => r.P99).ToList()), rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors),
            Service.Median(rounds.Select(r => r.CpuMicroseconds).ToList()));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Throughput:F0} req/s, p50 {P50:F2} ms, p99 {P99:F2} ms, {Requests} requests, {Errors} errors");

        private static double Milliseconds(Match m)
        {
            var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            return m.Groups[3].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        }

        [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
        private static partial Regex LatencyLine();

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecond();

        [GeneratedRegex(@"(\d+) requests in")]
        private static partial Regex RequestCount();

        [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
        private static partial Regex NonSuccess();

        [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
        private static partial Regex SocketErrors();
    }
}
