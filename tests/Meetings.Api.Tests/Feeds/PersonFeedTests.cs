using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Feeds;

/// <summary>A person's feed (<c>GET /calendar/{token}.ics</c>), read back with Ical.Net as a calendar program reads it.</summary>
public sealed class PersonFeedTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_heads_feed_holds_the_published_and_cancelled_meetings_never_drafts_with_one_organizer_each_and_the_rfc_7986_properties()
    {
        var department = await _admin.Department(await _admin.CreateDepartment());
        var series = await _admin.CreateSeries();
        var published = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(30));
        var cancelled = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(60));
        await (await _admin.Action(cancelled, "cancel", new { reason = "Haushaltsklausur" })).Json(HttpStatusCode.OK);
        var draft = (await _admin.CreateDraft(series, MeetingsApp.Start.AddDays(90))).Id();
        var token = await app.PersonFeedToken(department.HeadEmail());

        var (calendar, text, response) = await app.Feed(token!);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains(CalendarReplyData.Uid(published), calendar.Uids());
        Assert.Contains(CalendarReplyData.Uid(cancelled), calendar.Uids());
        Assert.DoesNotContain(CalendarReplyData.Uid(draft), calendar.Uids());
        Assert.Equal("CANCELLED", calendar.Events.Single(e => e.Uid == CalendarReplyData.Uid(cancelled)).Status);
        Assert.All(calendar.Events, e => Assert.Equal("mailto:direktorium@host.example", e.Organizer!.Value!.OriginalString));
        Assert.Equal(calendar.Events.Count, text.Split("\r\n").Count(l => l.StartsWith("ORGANIZER", StringComparison.Ordinal)));
        Assert.DoesNotContain("ATTENDEE", text, StringComparison.Ordinal);
        Assert.Equal($"Termine Leitung {department.Str("code")}", calendar.Properties.Single(p => p.Name == "NAME").Value);
        Assert.Equal($"Termine Leitung {department.Str("code")}", calendar.Properties.Single(p => p.Name == "X-WR-CALNAME").Value);
        Assert.Contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nX-PUBLISHED-TTL:PT1H\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_delegated_to_the_deputy_is_in_the_deputys_feed_and_the_others_are_not()
    {
        var department = await _admin.Department(await _admin.CreateDepartment());
        var series = await _admin.CreateSeries();
        var delegated = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(30));
        var notDelegated = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(31));
        var invitation = (await _admin.Invitations(delegated)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department.Id());
        var deputy = department.GetProperty("deputy");
        await (await app.Anonymous().PutJson($"/api/rsvp/{await app.Token(invitation)}",
            new { status = "delegated", @delegate = new { name = deputy.Str("name"), email = deputy.Str("email") } })).Json(HttpStatusCode.OK);

        var (deputys, _, _) = await app.Feed((await app.PersonFeedToken(department.DeputyEmail()))!);
        var (heads, _, _) = await app.Feed((await app.PersonFeedToken(department.HeadEmail()))!);

        Assert.Equal([CalendarReplyData.Uid(delegated)], deputys.Uids());
        Assert.Contains(CalendarReplyData.Uid(delegated), heads.Uids());
        Assert.Contains(CalendarReplyData.Uid(notDelegated), heads.Uids());
    }

    [Fact]
    public async Task A_matching_if_none_match_is_a_304_and_a_changed_meeting_changes_the_etag()
    {
        var department = await _admin.Department(await _admin.CreateDepartment());
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var token = (await app.PersonFeedToken(department.HeadEmail()))!;
        var (_, _, first) = await app.Feed(token);
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, $"/calendar/{token}.ics");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await app.Anonymous().SendAsync(again);
        await _admin.Action(meeting, "reschedule", new { startsAt = MeetingsApp.Start.AddDays(32).ToString("O"), endsAt = MeetingsApp.Start.AddDays(32).AddHours(2).ToString("O") });
        var afterChange = new HttpRequestMessage(HttpMethod.Get, $"/calendar/{token}.ics");
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await app.Anonymous().SendAsync(afterChange);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(1, Ical.Net.Calendar.Load(await changed.Content.ReadAsStringAsync())!.Events.Single(e => e.Uid == CalendarReplyData.Uid(meeting)).Sequence);
    }

    [Fact]
    public async Task A_new_head_gets_a_feed_of_their_own_and_the_predecessors_feed_is_a_404()
    {
        var department = await _admin.Department(await _admin.CreateDepartment());
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var predecessors = (await app.PersonFeedToken(department.HeadEmail()))!;
        var newHead = $"neu.{department.Str("code").ToLowerInvariant()}@augsburg.example";

        await (await _admin.PutJson($"/api/departments/{department.Id()}", new
        {
            code = department.Str("code"), name = department.Str("name"), head = new { name = "Neue Leitung", email = newHead },
        })).Json(HttpStatusCode.OK);

        await (await app.Anonymous().GetAsync($"/calendar/{predecessors}.ics")).Problem(HttpStatusCode.NotFound);
        Assert.Null(await app.PersonFeedToken(department.HeadEmail()));
        Assert.Null(await app.PersonFeedToken(department.DeputyEmail())); // the deputy was left out: replaced (by nobody) too
        var (calendar, _, _) = await app.Feed((await app.PersonFeedToken(newHead))!);
        Assert.Contains(CalendarReplyData.Uid(meeting), calendar.Uids());
    }

    [Fact]
    public async Task A_series_host_replaced_loses_the_feed_and_the_new_host_gets_one_of_their_own()
    {
        var id = await _admin.CreateSeries();
        var series = await (await _admin.GetAsync($"/api/series/{id}")).Json(HttpStatusCode.OK);
        var meeting = await _admin.CreatePublished(id, MeetingsApp.Start.AddDays(30));
        var hosts = series.GetProperty("hosts").EnumerateArray().ToList();
        var (staying, leaving) = (hosts[0].Str("email"), hosts[1].Str("email"));
        var leavingFeed = (await app.PersonFeedToken(leaving))!;
        var stayingFeed = (await app.PersonFeedToken(staying))!;
        var newHost = $"neu.{Guid.NewGuid():N}@host.example";

        await (await _admin.PutJson($"/api/series/{id}", new
        {
            name = series.Str("name"), hostCityId = series.Str("hostCityId"), organizerEmail = series.Str("organizerEmail"),
            hosts = new[]
            {
                new { name = hosts[0].Str("name"), title = hosts[0].Str("title"), email = staying },
                new { name = "Neue Stadtdirektorin", title = "Stadtdirektorin", email = newHost },
            },
            defaultDurationMinutes = 180, timeZone = "Europe/Berlin",
        })).Json(HttpStatusCode.OK);

        await (await app.Anonymous().GetAsync($"/calendar/{leavingFeed}.ics")).Problem(HttpStatusCode.NotFound);
        Assert.Null(await app.PersonFeedToken(leaving));
        Assert.Equal(stayingFeed, await app.PersonFeedToken(staying));
        var (calendar, _, _) = await app.Feed(stayingFeed);
        Assert.Contains(CalendarReplyData.Uid(meeting), calendar.Uids());
        var newFeed = await app.PersonFeedToken(newHost);
        Assert.NotNull(newFeed);
        Assert.NotEqual(leavingFeed, newFeed);
        await app.Feed(newFeed!);
    }

    [Fact]
    public async Task A_deactivated_department_closes_its_peoples_feeds_and_reactivating_gives_new_tokens()
    {
        var id = await _admin.CreateDepartment();
        var department = await _admin.Department(id);
        var before = (await app.PersonFeedToken(department.HeadEmail()))!;

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{id}")).StatusCode);
        var closed = await app.Anonymous().GetAsync($"/calendar/{before}.ics");
        await (await _admin.PutJson($"/api/departments/{id}", new
        {
            code = department.Str("code"), name = department.Str("name"), active = true,
            head = new { name = department.GetProperty("head").Str("name"), email = department.HeadEmail() },
        })).Json(HttpStatusCode.OK);
        var after = await app.PersonFeedToken(department.HeadEmail());

        await closed.Problem(HttpStatusCode.NotFound);
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        await app.Feed(after!);
    }

    [Theory]
    [InlineData("unknown-token")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task An_unknown_token_is_a_404_problem(string token)
    {
        var response = await app.Anonymous().GetAsync($"/calendar/{token}.ics");

        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal("The feed was not found.", problem.Str("detail"));
    }
}
