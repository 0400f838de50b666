using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Meetings.Bench;

/// <summary>
/// The date poll's page under load: W concurrent clients open the personal poll links of a draft whose poll asks 1,000
/// departments — the HTML page (<c>GET /poll/{token}</c>: the meeting, the slots with the person's own vote, rendered by
/// Razor, with an antiforgery token) against the JSON the same link gives a portal (<c>GET /api/poll/{token}</c>), same
/// process, same run, rounds alternating (as <see cref="PageBenchmark"/> does for the answer page).
/// </summary>
internal static class PollBenchmark
{
    public static async Task RunAsync(string apiDll, int seconds, int concurrency, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-poll-").FullName;
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, new Dictionary<string, string>
        {
            ["RateLimiting__RsvpToken__PermitLimit"] = "1000000",
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var tokens = await PollTokens(admin, folder);

        var pages = new List<PageBenchmark.LoadResult>();
        var json = new List<PageBenchmark.LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            json.Add(await PageBenchmark.Load($"http://127.0.0.1:{port}", seconds, concurrency, n => $"/api/poll/{tokens[n % tokens.Count]}"));
            pages.Add(await PageBenchmark.Load($"http://127.0.0.1:{port}", seconds, concurrency, n => $"/poll/{tokens[n % tokens.Count]}"));
        }

        api.Kill(entireProcessTree: true);
        var page = PageBenchmark.Median(pages);
        var baseline = PageBenchmark.Median(json);
        Console.WriteLine($"RESULT poll: {concurrency} concurrent clients, {tokens.Count} links, {rounds} rounds of {seconds} s each (after 3 s of warm-up), alternating");
        Console.WriteLine($"RESULT poll: poll page GET /poll/{{token}} (HTML): median {page} (rounds: {string.Join(", ", pages.Select(p => p.Throughput.ToString("F0", CultureInfo.InvariantCulture)))} req/s)");
        Console.WriteLine($"RESULT poll: JSON GET /api/poll/{{token}}: median {baseline} (rounds: {string.Join(", ", json.Select(p => p.Throughput.ToString("F0", CultureInfo.InvariantCulture)))} req/s)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT poll: throughput ratio page/json = {page.Throughput / baseline.Throughput:F2}; target ≥ 0.70"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>City, series, the departments, a draft with a poll of three slots; the ballots' links, read from the database file.</summary>
    private static async Task<List<string>> PollTokens(HttpClient admin, string folder)
    {
        var series = await Arrangement.Series(admin, RsvpArrangement.Departments);

        var now = DateTimeOffset.UtcNow;
        var meeting = await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = now.AddDays(40).ToString("O") });
        var response = await admin.PutAsJsonAsync($"/api/meetings/{meeting}/poll", new
        {
            slots = new[] { 20, 21, 22 }.Select(d => new { startsAt = now.UtcDateTime.Date.AddDays(d).AddHours(12).ToString("O"), endsAt = now.UtcDateTime.Date.AddDays(d).AddHours(15).ToString("O") }),
            deadline = now.AddDays(10).ToString("O"),
            note = "Bitte stimmen Sie bis Ende der Woche ab.",
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT poll: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "meetings.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Token FROM PollBallots";
        using var reader = command.ExecuteReader();
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add(reader.GetString(0));
        }

        return tokens;
    }
}
