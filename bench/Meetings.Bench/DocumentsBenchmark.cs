using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Meetings.Bench;

/// <summary>
/// Documents (issue 25): (a) memory — the service process's resident set (VmRSS, the working set) sampled every 20 ms
/// while a file of 20 MiB and one of 25 MiB each go up (<c>POST …/documents</c>, multipart, streamed from disk) and down
/// (<c>GET …/content</c>) three times; the figure is the peak above the resident set before the first upload, against
/// the file's size (target: under 40 MiB). (b) download throughput — the same 25 MiB document downloaded by a few
/// concurrent clients from the service (chunks read from SQLite) against a bare ASP.NET Core endpoint serving the same
/// bytes from a file (<c>Results.File</c>, i.e. a <c>PhysicalFile</c>), in its own process, rounds alternating.
/// </summary>
internal static class DocumentsBenchmark
{
    private const int MiB = 1024 * 1024;

    public static async Task RunAsync(string apiDll, int rounds, int clients)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-documents-").FullName;
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var meeting = await Arrange(admin);

        var files = new Dictionary<int, string>();
        foreach (var size in new[] { 20, 25 })
        {
            files[size] = WriteFile(Path.Combine(folder, $"unterlage-{size}.pdf"), size * MiB);
        }

        // Warm up: the upload and download paths once with a small file, then a settled baseline.
        var small = WriteFile(Path.Combine(folder, "klein.pdf"), 300_000);
        var warm = await Upload(admin, meeting, small, "warm-up");
        await Download(admin, $"/api/meetings/{meeting}/documents/{warm}/content");
        await Task.Delay(2000);
        var before = ResidentBytes(api);

        string? largest = null;
        foreach (var (size, path) in files)
        {
            long peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, ResidentBytes(api));
                    await Task.Delay(20, CancellationToken.None);
                }
            });
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++)
            {
                var id = await Upload(admin, meeting, path, $"Unterlage {size} MiB ({i + 1})");
                var bytes = await Download(admin, $"/api/meetings/{meeting}/documents/{id}/content");
                if (bytes != size * (long)MiB)
                {
                    throw new InvalidOperationException($"downloaded {bytes} bytes of {size * (long)MiB}");
                }

                largest = id;
            }

            await sampling.CancelAsync();
            await sampler;
            var growth = (peak - before) / (double)MiB;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT documents: {size} MiB up and down 3 times in {watch.Elapsed.TotalSeconds:F1} s: resident set before {before / (double)MiB:F0} MiB, peak {peak / (double)MiB:F0} MiB, growth {growth:F1} MiB ({growth / size:F2}× the file); target < 40 MiB"));
        }

        // Download throughput: the service against a bare file endpoint, same bytes, same run.
        var barePort = Service.FreePort();
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new[] { typeof(DocumentsBenchmark).Assembly.Location } : [];
        using var bare = Service.Start(self, [.. selfArgs, "bare-file", barePort.ToString(CultureInfo.InvariantCulture), files[25]], folder);
        using var bareClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{barePort}"), Timeout = TimeSpan.FromMinutes(5) };
        await Service.WaitReady(bareClient, "/ready");
        var servicePath = $"/api/meetings/{meeting}/documents/{largest}/content";
        await Throughput(admin, servicePath, clients, TimeSpan.FromSeconds(3));
        await Throughput(bareClient, "/file", clients, TimeSpan.FromSeconds(3));
        var service = new List<double>();
        var baseline = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            baseline.Add(await Throughput(bareClient, "/file", clients, TimeSpan.FromSeconds(10)));
            service.Add(await Throughput(admin, servicePath, clients, TimeSpan.FromSeconds(10)));
        }

        api.Kill(entireProcessTree: true);
        bare.Kill(entireProcessTree: true);
        var s = Service.Median(service);
        var b = Service.Median(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT documents: download of 25 MiB by {clients} clients, {rounds} rounds of 10 s, alternating: service median {s:F0} MiB/s (rounds {string.Join(", ", service.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))}), bare file endpoint median {b:F0} MiB/s (rounds {string.Join(", ", baseline.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT documents: download ratio service/bare = {s / b:F2}; target ≥ 0.70"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The bare baseline: one file served by ASP.NET Core's own file result, no auth, no database.</summary>
    public static async Task RunBareFileAsync(int port, string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/ready", () => Results.Ok());
        app.MapGet("/file", () => Results.File(path, "application/pdf", "unterlage.pdf", enableRangeProcessing: true));
        await app.RunAsync();
    }

    private static async Task<string> Arrange(HttpClient admin)
    {
        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        return await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddDays(40).ToString("O") });
    }

    /// <summary>A file of <paramref name="size"/> bytes that the service takes for a PDF (it judges by the first bytes).</summary>
    private static string WriteFile(string path, int size)
    {
        using var stream = File.Create(path);
        stream.Write("%PDF-1.7\n"u8);
        var block = new byte[64 * 1024];
        new Random(size).NextBytes(block);
        for (long written = 9; written < size; written += block.Length)
        {
            stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }

        return path;
    }

    private static async Task<string> Upload(HttpClient admin, string meeting, string path, string title)
    {
        await using var file = File.OpenRead(path);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(title), "title");
        var content = new StreamContent(file, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", Path.GetFileName(path));
        using var response = await admin.PostAsync($"/api/meetings/{meeting}/documents", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"upload: {(int)response.StatusCode} {body}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<long> Download(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>MiB/s that <paramref name="clients"/> concurrent clients download for <paramref name="duration"/>.</summary>
    private static async Task<double> Throughput(HttpClient client, string path, int clients, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var totals = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            long total = 0;
            while (watch.Elapsed < duration)
            {
                total += await Download(client, path);
            }

            return total;
        }));
        return totals.Sum() / (double)MiB / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The process's resident set (VmRSS in /proc), what the operating system counts as its working set.</summary>
    private static long ResidentBytes(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }
}
