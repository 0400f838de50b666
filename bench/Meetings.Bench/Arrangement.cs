using Microsoft.Data.Sqlite;

namespace Meetings.Bench;

/// <summary>
/// The set-up the scenarios share: a host city (Augsburg), the series "Amtsleitungstreffen" with one host (the mayor,
/// invited to every meeting beside the departments) and <c>departments</c> departments <c>A1…An</c>, each with a
/// head (<c>leitung{i}@augsburg.example</c>). A meeting published in that series invites departments + 1.
/// </summary>
internal static class Arrangement
{
    /// <summary>Creates city, series and departments over the API, <paramref name="parallel"/> requests at a time; returns the series' id.</summary>
    public static async Task<string> Series(HttpClient admin, int departments, int parallel = 8)
    {
        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        foreach (var chunk in Enumerable.Range(1, departments).Chunk(parallel))
        {
            await Task.WhenAll(chunk.Select(i => Service.Post(admin, "/api/departments", new
            {
                code = $"A{i}", name = $"Amt {i}", head = new { name = $"Leitung {i}", email = $"leitung{i}@augsburg.example" },
            })));
        }

        return series;
    }

    /// <summary>
    /// As <see cref="Series(HttpClient, int, int)"/>, for thousands of departments: the first over the API, the others
    /// copies of its row (new id, code, name and head) written in one statement into the running service's SQLite file
    /// (<paramref name="folder"/>; WAL lets a second writer in) — 10,000 requests would take a quarter of an hour on a loaded machine.
    /// </summary>
    public static async Task<string> Series(HttpClient admin, int departments, string folder)
    {
        var series = await Series(admin, Math.Min(departments, 1));
        if (departments <= 1)
        {
            return series;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "meetings.db"), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name FROM pragma_table_info('Departments')";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var replaced = new Dictionary<string, string>
        {
            ["Id"] = "$prefix || printf('-0000-7000-8000-%012X', n.i)", ["Code"] = "'A' || n.i", ["Name"] = "'Amt ' || n.i",
            ["Head_Name"] = "'Leitung ' || n.i", ["Head_Email"] = "'leitung' || n.i || '@augsburg.example'",
        };
        if (replaced.Keys.Except(columns).ToList() is { Count: > 0 } missing)
        {
            throw new InvalidOperationException($"Departments has no column {string.Join(", ", missing)}: the arrangement needs updating");
        }

        var names = string.Join(", ", columns.Select(c => '"' + c + '"'));
        var values = string.Join(", ", columns.Select(c => replaced.GetValueOrDefault(c) ?? "d.\"" + c + '"'));
        await using var copy = connection.CreateCommand();
        copy.CommandText = $"""
            WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO "Departments" ({names}) SELECT {values} FROM n, "Departments" d WHERE d."Code" = 'A1'
            """;
        copy.Parameters.AddWithValue("$count", departments);
        copy.Parameters.AddWithValue("$prefix", Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        await copy.ExecuteNonQueryAsync();
        return series;
    }

    /// <summary>A draft of the series starting <paramref name="startsAt"/>; returns its id.</summary>
    public static Task<string> Draft(HttpClient admin, string series, string title, DateTimeOffset startsAt) =>
        Service.Post(admin, "/api/meetings", new { seriesId = series, title, startsAt = startsAt.ToString("O") });

    /// <summary>Publishes the draft (its invitations and their mail are planned in the same transaction).</summary>
    public static async Task Publish(HttpClient admin, string meeting) =>
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
}
