using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Security;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Feeds;

/// <summary>The office's department and series feeds (<c>POST/DELETE /api/feeds</c>, admin only), and the limits every feed has.</summary>
public sealed class OfficeFeedTests(OfficeFeedTests.StrictApp app) : IClassFixture<OfficeFeedTests.StrictApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task The_office_creates_a_department_feed_that_calendar_programs_read_and_revokes_it_into_a_404()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));

        var created = await _admin.PostJson("/api/feeds", new { kind = "department", refId = department });
        var feed = await created.Json(HttpStatusCode.Created);
        var url = new Uri(feed.Str("url"));
        var (calendar, _, _) = await app.Feed(url.AbsolutePath["/calendar/".Length..^".ics".Length]);
        var revoked = await _admin.DeleteAsync($"/api/feeds/{feed.Id()}");
        var afterwards = await app.Anonymous().GetAsync(url.AbsolutePath);
        var twice = await _admin.DeleteAsync($"/api/feeds/{feed.Id()}");

        Assert.Equal($"/api/feeds/{feed.Id()}", created.Headers.Location?.OriginalString);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.Equal("https://intranet.augsburg.example", url.GetLeftPart(UriPartial.Authority)); // the origin of Mail:RsvpBaseUrl
        Assert.Matches("^/calendar/[A-Za-z0-9_-]{43}\\.ics$", url.AbsolutePath);
        Assert.Contains(CalendarReplyData.Uid(meeting), calendar.Uids());
        Assert.StartsWith("Termine Amt ", calendar.Properties.Single(p => p.Name == "NAME").Value as string, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await afterwards.Problem(HttpStatusCode.NotFound);
        await twice.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_series_feed_holds_the_meetings_of_its_series_only()
    {
        var series = await _admin.CreateSeries();
        var mine = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(40));
        var other = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(41));

        var feed = await (await _admin.PostJson("/api/feeds", new { kind = "series", refId = series })).Json(HttpStatusCode.Created);
        var (calendar, _, _) = await app.Feed(new Uri(feed.Str("url")).AbsolutePath["/calendar/".Length..^".ics".Length]);

        Assert.Equal([CalendarReplyData.Uid(mine)], calendar.Uids());
        Assert.DoesNotContain(CalendarReplyData.Uid(other), calendar.Uids());
    }

    [Fact]
    public async Task Feeds_are_the_offices_a_department_key_gets_403_and_no_key_401()
    {
        var department = await _admin.CreateDepartment();
        var (_, key) = await _admin.CreateKey("department", departmentId: department);
        var feed = await (await _admin.PostJson("/api/feeds", new { kind = "department", refId = department })).Json(HttpStatusCode.Created);

        await (await app.WithKey(key).PostJson("/api/feeds", new { kind = "department", refId = department })).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostJson("/api/feeds", new { kind = "department", refId = department })).Problem(HttpStatusCode.Unauthorized);
        await (await app.WithKey(key).DeleteAsync($"/api/feeds/{feed.Id()}")).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().DeleteAsync($"/api/feeds/{feed.Id()}")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_feed_an_unknown_reference_or_a_missing_field_is_a_400_and_an_unknown_feed_a_404()
    {
        var person = await _admin.PostJson("/api/feeds", new { kind = "person", refId = Guid.NewGuid() });
        var unknown = await _admin.PostJson("/api/feeds", new { kind = "series", refId = Guid.NewGuid() });
        var missing = await _admin.PostJson("/api/feeds", new { kind = "department" });

        Assert.True((await person.ValidationErrors()).TryGetProperty("kind", out _));
        Assert.True((await unknown.ValidationErrors()).TryGetProperty("refId", out _));
        Assert.True((await missing.ValidationErrors()).TryGetProperty("refId", out _));
        await (await _admin.DeleteAsync($"/api/feeds/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_feed_is_rate_limited_per_token_like_the_personal_links()
    {
        var feed = await (await _admin.PostJson("/api/feeds", new { kind = "series", refId = await _admin.CreateSeries() })).Json(HttpStatusCode.Created);
        var path = new Uri(feed.Str("url")).AbsolutePath;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(path)).StatusCode);
        }

        var over = await app.Anonymous().GetAsync(path);
        await over.Problem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(over.Headers.RetryAfter);
    }

    [Fact]
    public async Task Guessing_feed_tokens_is_limited_per_address_without_locking_out_the_valid_feeds()
    {
        var feed = await (await _admin.PostJson("/api/feeds", new { kind = "series", refId = await _admin.CreateSeries() })).Json(HttpStatusCode.Created);
        var guesser = ForwardedHeadersTests.From(app, "198.51.100.77", forwardedFor: null, key: null);
        for (var i = 0; i < 10; i++)
        {
            var guess = await guesser.GetAsync($"/calendar/guess-{i}-{Guid.NewGuid():N}.ics");
            Assert.Contains(guess.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests });
        }

        var valid = await guesser.GetAsync(new Uri(feed.Str("url")).AbsolutePath);
        var stillGuessing = await guesser.GetAsync("/calendar/one-more-guess.ics");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        await stillGuessing.Problem(HttpStatusCode.TooManyRequests);
    }

    /// <summary>Tight limits, so that a test reaches them (as the personal links' tests do).</summary>
    public sealed class StrictApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:RsvpToken:PermitLimit", "3");
            builder.UseSetting("RateLimiting:RsvpToken:WindowSeconds", "600");
            builder.UseSetting("RateLimiting:UnknownToken:PermitLimit", "5");
            builder.UseSetting("RateLimiting:UnknownToken:WindowSeconds", "600");
        }
    }
}
