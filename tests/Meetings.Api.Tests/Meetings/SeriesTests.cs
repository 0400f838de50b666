using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Meetings;

public sealed class SeriesTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Admin_creates_reads_lists_and_replaces_a_series()
    {
        var id = await _admin.CreateSeries(minMeetingsPerYear: 3);

        var series = await (await _admin.GetAsync($"/api/series/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(3, series.GetProperty("minMeetingsPerYear").GetInt32());
        Assert.Equal(2, series.GetProperty("hosts").GetArrayLength());
        Assert.Equal("Europe/Berlin", series.Str("timeZone"));
        var list = await (await _admin.GetAsync("/api/series")).Json(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), s => s.Id() == id);

        var replaced = await _admin.PutJson($"/api/series/{id}", new
        {
            name = "Amtsleitungstreffen (neu)", hostCityId = series.Str("hostCityId"), organizerEmail = "neu@host.example",
            hosts = new[] { new { name = "Dr. Maria Lindner", title = "Oberbürgermeisterin", email = "ob@host.example" } },
        });

        var body = await replaced.Json(HttpStatusCode.OK);
        Assert.Equal(2, body.GetProperty("minMeetingsPerYear").GetInt32()); // the default again
        Assert.Single(body.GetProperty("hosts").EnumerateArray());
    }

    [Fact]
    public async Task An_invalid_series_lists_every_field_error()
    {
        var partner = await _admin.CreatePartnerCity();

        var response = await _admin.PostJson("/api/series", new
        {
            name = "", hostCityId = partner, hosts = new[] { new { name = "", email = "x" } }, organizerEmail = "nope",
            minMeetingsPerYear = -1, timeZone = "Berlin",
        });

        var errors = await response.ValidationErrors();
        foreach (var field in new[] { "name", "hostCityId", "hosts[0].name", "hosts[0].email", "organizerEmail", "minMeetingsPerYear", "timeZone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task The_cadence_report_counts_per_year_and_tells_the_status()
    {
        var series = await _admin.CreateSeries(minMeetingsPerYear: 2);
        var now = app.Clock.GetUtcNow();
        var thisYear = now.Year;
        await _admin.CreatePublished(series, new DateTimeOffset(thisYear, 11, 10, 10, 0, 0, TimeSpan.Zero));
        var cancelled = await _admin.CreatePublished(series, new DateTimeOffset(thisYear, 12, 1, 10, 0, 0, TimeSpan.Zero));
        await _admin.Action(cancelled, "cancel");
        await _admin.CreatePublished(series, new DateTimeOffset(thisYear + 1, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await _admin.CreatePublished(series, new DateTimeOffset(thisYear + 1, 9, 1, 10, 0, 0, TimeSpan.Zero));
        await _admin.CreateDraft(series, new DateTimeOffset(thisYear + 2, 3, 1, 10, 0, 0, TimeSpan.Zero));

        var report = await (await _admin.GetAsync($"/api/series/{series}/cadence?fromYear={thisYear - 1}&toYear={thisYear + 2}")).Json(HttpStatusCode.OK);

        var years = report.GetProperty("items").EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32());
        Assert.Equal("missed", years[thisYear - 1].Str("status"));
        Assert.Equal("at-risk", years[thisYear].Str("status"));
        Assert.Equal(1, years[thisYear].GetProperty("published").GetInt32());
        Assert.Equal(1, years[thisYear].GetProperty("cancelled").GetInt32());
        Assert.Equal(2, years[thisYear].GetProperty("required").GetInt32());
        Assert.Equal("on-track", years[thisYear + 1].Str("status"));
        Assert.Equal("at-risk", years[thisYear + 2].Str("status")); // a draft does not count
    }

    [Fact]
    public async Task A_cadence_range_that_is_reversed_or_too_long_is_a_400()
    {
        var series = await _admin.CreateSeries();

        await (await _admin.GetAsync($"/api/series/{series}/cadence?fromYear=2030&toYear=2026")).ValidationErrors();
        await (await _admin.GetAsync($"/api/series/{series}/cadence?fromYear=2000&toYear=2100")).ValidationErrors();
        await (await _admin.GetAsync($"/api/series/{Guid.NewGuid()}/cadence")).Problem(HttpStatusCode.NotFound);
    }
}
