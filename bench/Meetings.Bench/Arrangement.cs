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

    /// <summary>A draft of the series starting <paramref name="startsAt"/>; returns its id.</summary>
    public static Task<string> Draft(HttpClient admin, string series, string title, DateTimeOffset startsAt) =>
        Service.Post(admin, "/api/meetings", new { seriesId = series, title, startsAt = startsAt.ToString("O") });

    /// <summary>Publishes the draft (its invitations and their mail are planned in the same transaction).</summary>
    public static async Task Publish(HttpClient admin, string meeting) =>
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
}
