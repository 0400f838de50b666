using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Bench;

/// <summary>
/// Publishing a meeting to N departments, end to end: POST /api/meetings/{id}/publish over real HTTP
/// against the real service (its own process, Kestrel on loopback, a SQLite file). Baseline: a bare
/// EF Core context inserting the same N invitation rows into a SQLite file, in the same run.
/// </summary>
internal static class PublishBenchmark
{
    public static async Task RunAsync(string apiDll, int departments, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-").FullName;
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(http, "/health/ready");

        var series = await Arrangement.Series(http, departments);
        var publish = new List<double>();
        for (var run = 0; run < runs + 1; run++)
        {
            var draft = await Service.Post(http, "/api/meetings", new
            {
                seriesId = series, title = $"Benchmark {run}", startsAt = DateTimeOffset.UtcNow.AddDays(30 + run).ToString("O"),
            });
            var started = Stopwatch.GetTimestamp();
            var response = await http.PostAsync($"/api/meetings/{draft}/publish", null);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            if (run > 0)
            {
                publish.Add(elapsed); // run 0 warms up the JIT and the connection
            }
        }

        var invited = (await http.GetFromJsonAsync<JsonElement>($"/api/meetings/{await LastMeeting(http, series)}/attendance")).GetProperty("invited").GetInt32();
        var baseline = new List<double>();
        for (var run = 0; run < runs + 1; run++)
        {
            var ms = await BareInsert.RunAsync(Path.Combine(folder, $"bare-{run}.db"), invited);
            if (run > 0)
            {
                baseline.Add(ms);
            }
        }

        api.Kill(entireProcessTree: true);
        Report("publish", departments, invited, publish, baseline);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Report(string name, int departments, int invited, List<double> scenario, List<double> baseline)
    {
        static string Stats(List<double> xs) => string.Create(CultureInfo.InvariantCulture,
            $"median {Service.Median(xs):F1} ms (min {xs.Min():F1}, max {xs.Max():F1}, n={xs.Count})");
        Console.WriteLine($"RESULT {name}: departments={departments} invitations={invited}");
        Console.WriteLine($"RESULT {name}: publish over HTTP: {Stats(scenario)}");
        Console.WriteLine($"RESULT {name}: bare EF Core insert of {invited} rows: {Stats(baseline)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name}: ratio publish/bare = {Service.Median(scenario) / Service.Median(baseline):F2}; target: publish median < 1000 ms"));
    }

    private static async Task<string> LastMeeting(HttpClient http, string series)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/meetings?seriesId={series}&status=published&take=1");
        return page.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

}

/// <summary>The baseline: a bare EF Core context and the same rows, nothing else.</summary>
internal static class BareInsert
{
    public static async Task<double> RunAsync(string path, int rows)
    {
        var options = new DbContextOptionsBuilder<BareContext>().UseSqlite($"Data Source={path}").Options;
        await using (var setup = new BareContext(options))
        {
            await setup.Database.EnsureCreatedAsync(); // a throw-away benchmark database, not the service's schema
            await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        await using var db = new BareContext(options);
        var meeting = Guid.CreateVersion7();
        var started = Stopwatch.GetTimestamp();
        db.Invitations.AddRange(Enumerable.Range(0, rows).Select(i => new InvitationRow
        {
            Id = Guid.CreateVersion7(),
            MeetingId = meeting,
            Kind = "department",
            DepartmentId = Guid.CreateVersion7(),
            RecipientName = $"Leitung {i}",
            RecipientEmail = $"leitung{i}@augsburg.example",
            Status = "pending",
            RsvpToken = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            CreatedAt = DateTimeOffset.UtcNow.UtcTicks,
            Version = 1,
        }));
        await db.SaveChangesAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    internal sealed class BareContext(DbContextOptions<BareContext> options) : DbContext(options)
    {
        public DbSet<InvitationRow> Invitations => Set<InvitationRow>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<InvitationRow>().Property(r => r.Id).ValueGeneratedNever();
            modelBuilder.Entity<InvitationRow>().HasIndex(r => r.RsvpToken).IsUnique();
        }
    }

    internal sealed class InvitationRow
    {
        public Guid Id { get; set; }
        public Guid MeetingId { get; set; }
        public string Kind { get; set; } = "";
        public Guid? DepartmentId { get; set; }
        public string RecipientName { get; set; } = "";
        public string RecipientEmail { get; set; } = "";
        public string Status { get; set; } = "";
        public string RsvpToken { get; set; } = "";
        public long CreatedAt { get; set; }
        public int Version { get; set; }
    }
}
