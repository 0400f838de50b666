using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Bench;

/// <summary>
/// Issue 20, beyond one city: for each size (1,000 and 10,000 invitees: the departments and the series' host) a fresh
/// service in its own process (SQLite file, WAL; mail to postfix's smtp-sink on loopback) at the DEFAULT settings.
/// (1) Publish: how long the publish request takes to answer, against a bare multi-row INSERT of the same number of
/// invitation rows into a SQLite file (one transaction, 500 rows a statement) in the same run; (2) publish → the last of
/// its invitations accepted by smtp-sink; (3) reminders due at one instant (a new reminder plan whose offset falls due
/// 3.37 s later): how late each reached smtp-sink, and due → last. The first publish and the first reminder round of
/// each size warm up and are not counted. The cost per invitee (ms per invitee) at the larger size against the smaller
/// shows whether publish and dispatch scale linearly. The load average is printed beside each size (shared machine).
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task RunAsync(string apiDll, IReadOnlyList<int> sizes, int rounds)
    {
        var figures = new List<Figures>();
        foreach (var size in sizes)
        {
            figures.Add(await MeasureAsync(apiDll, size, rounds));
        }

        Console.WriteLine($"RESULT scale: default settings (Jobs:PollingIntervalSeconds=15), SQLite file (WAL), smtp-sink (postfix) on 127.0.0.1; {rounds} counted rounds of each part per size after one uncounted");
        foreach (var f in figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT scale: {f.Size,6} invitees: publish answered in median {f.Answer:F0} ms ({List(f.Answers, "F0")}; {f.Answer / f.Size:F3} ms per invitee); bare multi-row insert of {f.Size} invitation rows: median {f.Bare:F0} ms; ratio publish/bare {f.Answer / f.Bare:F1}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT scale: {f.Size,6} invitees: publish → last invitation at smtp-sink: median {f.ToLast:F2} s ({List(f.ToLasts, "F2")}; {f.ToLast * 1000 / f.Size:F3} ms per invitee)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT scale: {f.Size,6} reminders due at one instant: lateness p50 {f.LatenessP50:F2} s, p99 {f.LatenessP99:F2} s, max {f.LatenessMax:F2} s, earliest {f.Earliest:F3} s; due → last: median {f.DueToLast:F2} s; the new reminder plan (PUT) answered in median {f.Planned:F0} ms; load average during the size: {f.Load}"));
        }

        if (figures.Count >= 2)
        {
            var (small, large) = (figures[0], figures[^1]);
            var answerGrowth = large.Answer / large.Size / (small.Answer / small.Size);
            var mailGrowth = large.ToLast / large.Size / (small.ToLast / small.Size);
            var met = large.Answer <= 3000 && large.ToLast <= 15 && answerGrowth <= 1.3 && mailGrowth <= 1.3 && figures.All(f => f.EachOnce);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT scale: cost per invitee at {large.Size} vs {small.Size}: publish answer {answerGrowth:F2}×, publish → last invitation {mailGrowth:F2}×; every mail once: {(figures.All(f => f.EachOnce) ? "yes" : "NO")}"));
            Console.WriteLine($"RESULT scale: targets at {large.Size}: publish answers ≤ 3 s, last invitation ≤ 15 s after the publish, cost per invitee ≤ 1.3× that at {small.Size}: {(met ? "met" : "NOT met")}");
        }
    }

    private static string List(IEnumerable<double> xs, string format) => string.Join(", ", xs.Select(x => x.ToString(format, CultureInfo.InvariantCulture)));

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<Figures> MeasureAsync(string apiDll, int size, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory($"meetings-bench-scale-{size}-").FullName;
        using var sink = new SmtpSink();
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, sink.ServiceSettings());
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");
        var arranged = Stopwatch.GetTimestamp();
        var series = await Arrangement.Series(admin, size - 1, folder);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale {size}: {size - 1} departments in {Stopwatch.GetElapsedTime(arranged).TotalSeconds:F0} s"));
        var loads = new List<string> { LoadAverage() };
        var wait = TimeSpan.FromSeconds(60 + size / 100);

        var (answers, toLast) = (new List<double>(), new List<double>());
        var meeting = string.Empty;
        for (var round = 0; round <= rounds; round++)
        {
            await Task.Delay(1500); // nothing else in flight
            meeting = await Arrangement.Draft(admin, series, $"Benchmark {round}", DateTimeOffset.UtcNow.AddDays(30 + round));
            var before = sink.Count;
            var started = Stopwatch.GetTimestamp();
            await Arrangement.Publish(admin, meeting);
            var answered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await sink.WaitFor(before + size, wait, $"the invitations of publish {round} to {size}");
            Require(sink.Count - before, size, $"publish {round}");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale {size}: publish {round} answered in {answered:F0} ms, last invitation after {sink.SecondsAfter(started, before + size):F2} s"));
            if (round > 0)
            {
                answers.Add(answered);
                toLast.Add(sink.SecondsAfter(started, before + size));
            }
        }

        loads.Add(LoadAverage());
        var start = (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}")).GetProperty("startsAt").GetDateTimeOffset();
        var (lateness, dueToLast, planned) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            await Task.Delay(1500);
            var before = sink.Count;
            var (nowTimestamp, now) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
            var due = now.AddSeconds(3.37); // not a whole second
            var dueTimestamp = nowTimestamp + (long)((due - now).TotalSeconds * Stopwatch.Frequency);
            (await admin.PutAsJsonAsync($"/api/meetings/{meeting}/reminders", new { offsets = new[] { System.Xml.XmlConvert.ToString(start - due) } })).EnsureSuccessStatusCode();
            var answeredAfter = Stopwatch.GetElapsedTime(nowTimestamp).TotalMilliseconds; // the new plan's rows, the old plan's skipped
            await sink.WaitFor(before + size, wait, $"the reminders of round {round} to {size}");
            Require(sink.Count - before, size, $"reminder round {round}");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale {size}: reminder round {round}: new plan answered in {answeredAfter:F0} ms, last {sink.SecondsAfter(dueTimestamp, before + size):F2} s after due"));
            if (round > 0)
            {
                lateness.AddRange(Enumerable.Range(before + 1, size).Select(n => sink.SecondsAfter(dueTimestamp, n)));
                dueToLast.Add(sink.SecondsAfter(dueTimestamp, before + size));
                planned.Add(answeredAfter);
            }
        }

        await Task.Delay(1500); // anything sent twice would arrive now
        var eachOnce = sink.Count == (rounds + 1) * 2 * size;
        loads.Add(LoadAverage());
        api.Kill(entireProcessTree: true);

        var bare = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var ms = await BareMultiRowInsert(Path.Combine(folder, $"bare-{round}.db"), size);
            if (round > 0)
            {
                bare.Add(ms);
            }
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return new Figures(size, answers, Service.Median(bare), toLast, Service.Percentile(lateness, 50), Service.Percentile(lateness, 99),
            lateness.Max(), lateness.Min(), Service.Median(dueToLast), Service.Median(planned), eachOnce, string.Join(" → ", loads));
    }

    private static void Require(int arrived, int expected, string what)
    {
        if (arrived != expected)
        {
            throw new InvalidOperationException($"{what}: {arrived} mails arrived, expected {expected}");
        }
    }

    /// <summary>The baseline: <paramref name="rows"/> invitation rows (a token each) in one transaction, 500 rows a multi-row INSERT.</summary>
    private static async Task<double> BareMultiRowInsert(string path, int rows)
    {
        var options = new DbContextOptionsBuilder<BareInsert.BareContext>().UseSqlite($"Data Source={path}").Options;
        await using (var setup = new BareInsert.BareContext(options))
        {
            await setup.Database.EnsureCreatedAsync(); // the bare schema of the publish scenario
            await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var meeting = Guid.CreateVersion7();
        var started = Stopwatch.GetTimestamp();
        await using var transaction = connection.BeginTransaction();
        foreach (var chunk in Enumerable.Range(0, rows).Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>(chunk.Length);
            foreach (var i in chunk)
            {
                values.Add($"($i{i}, $m, 'department', $d{i}, $n{i}, $e{i}, 'pending', $t{i}, $c, 1)");
                command.Parameters.AddWithValue($"$i{i}", Guid.CreateVersion7());
                command.Parameters.AddWithValue($"$d{i}", Guid.CreateVersion7());
                command.Parameters.AddWithValue($"$n{i}", $"Leitung {i}");
                command.Parameters.AddWithValue($"$e{i}", $"leitung{i}@augsburg.example");
                command.Parameters.AddWithValue($"$t{i}", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            }

            command.Parameters.AddWithValue("$m", meeting);
            command.Parameters.AddWithValue("$c", DateTimeOffset.UtcNow.UtcTicks);
            command.CommandText = "INSERT INTO Invitations (Id, MeetingId, Kind, DepartmentId, RecipientName, RecipientEmail, Status, RsvpToken, CreatedAt, Version) VALUES "
                + string.Join(", ", values);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private sealed record Figures(int Size, List<double> Answers, double Bare, List<double> ToLasts, double LatenessP50, double LatenessP99,
        double LatenessMax, double Earliest, double DueToLast, double Planned, bool EachOnce, string Load)
    {
        public double Answer => Service.Median(Answers);

        public double ToLast => Service.Median(ToLasts);
    }
}
