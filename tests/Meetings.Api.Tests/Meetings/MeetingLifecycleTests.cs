using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Meetings;

public sealed class MeetingLifecycleTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_new_meeting_is_a_draft_with_the_series_defaults()
    {
        var series = await _admin.CreateSeries();

        var meeting = await _admin.CreateDraft(series, new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal("draft", meeting.Str("status"));
        Assert.Equal(0, meeting.GetProperty("sequence").GetInt32());
        Assert.Equal("2026-06-10T12:00:00Z", meeting.Str("startsAt"));
        Assert.Equal("2026-06-10T15:00:00Z", meeting.Str("endsAt")); // the series' 180 minutes
        Assert.Equal("Europe/Berlin", meeting.Str("timeZone"));
        Assert.Equal("Rathaus", meeting.GetProperty("location").Str("name"));
    }

    [Fact]
    public async Task Publishing_invites_every_active_department_head_and_every_host()
    {
        var series = await _admin.CreateSeries();
        var inactive = await _admin.CreateDepartment();
        await _admin.DeleteAsync($"/api/departments/{inactive}");
        var activeDepartments = await _admin.ActiveDepartmentCount();
        var draft = (await _admin.CreateDraft(series, InAMonth)).Id();

        var published = await (await _admin.Action(draft, "publish")).Json(HttpStatusCode.OK);

        Assert.Equal("published", published.Str("status"));
        var invitations = await _admin.Invitations(draft);
        Assert.Equal(activeDepartments + 2, invitations.Length);
        Assert.Equal(2, invitations.Count(i => i.Str("kind") == "host"));
        Assert.DoesNotContain(invitations, i => i.TryGetProperty("departmentId", out var d) && d.GetString() == inactive);
        Assert.All(invitations, i => Assert.Equal("pending", i.Str("status")));
        var tokens = (await Task.WhenAll(invitations.Select(app.Token))).ToList();
        Assert.All(invitations, i => Assert.False(i.TryGetProperty("rsvpToken", out _))); // no response carries a link
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43,}$", t)); // ≥ 256 bits, URL-safe
    }

    [Fact]
    public async Task Only_a_draft_can_be_published()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        var again = await _admin.Action(meeting, "publish");

        var problem = await again.Problem(HttpStatusCode.Conflict);
        Assert.Contains("draft", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_meeting_without_location_cannot_be_published()
    {
        var series = await _admin.CreateSeries(withLocation: false);
        var draft = (await _admin.CreateDraft(series, InAMonth)).Id();

        var response = await _admin.Action(draft, "publish");

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Contains("location", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invalid_times_are_400_with_field_errors()
    {
        var series = await _admin.CreateSeries();

        var endsBeforeStart = await _admin.PostJson("/api/meetings", new
        {
            seriesId = series, title = "X", startsAt = "2026-06-10T14:00:00+02:00", endsAt = "2026-06-10T13:00:00+02:00",
        });
        var deadlineAfterStart = await _admin.PostJson("/api/meetings", new
        {
            seriesId = series, title = "X", startsAt = "2026-06-10T14:00:00+02:00", rsvpDeadline = "2026-06-11T00:00:00+02:00",
        });
        var noOffset = await _admin.PostJson("/api/meetings", new { seriesId = series, title = "X", startsAt = "2026-06-10T14:00:00" });
        var badZone = await _admin.PostJson("/api/meetings", new { seriesId = series, title = "X", startsAt = "2026-06-10T14:00:00Z", timeZone = "Mars/Olympus" });

        Assert.True((await endsBeforeStart.ValidationErrors()).TryGetProperty("endsAt", out _));
        Assert.True((await deadlineAfterStart.ValidationErrors()).TryGetProperty("rsvpDeadline", out _));
        Assert.True((await noOffset.ValidationErrors()).TryGetProperty("startsAt", out _));
        Assert.True((await badZone.ValidationErrors()).TryGetProperty("timeZone", out _));
    }

    [Fact]
    public async Task Rescheduling_moves_the_meeting_and_raises_the_sequence()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        var moved = await (await _admin.Action(meeting, "reschedule", new
        {
            startsAt = InAMonth.AddDays(7).ToString("O"), endsAt = InAMonth.AddDays(7).AddHours(2).ToString("O"), reason = "Kollision",
        })).Json(HttpStatusCode.OK);

        Assert.Equal(1, moved.GetProperty("sequence").GetInt32());
        Assert.Equal(InAMonth.AddDays(7), DateTimeOffset.Parse(moved.Str("startsAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(120, moved.GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task Forbidden_reschedules_are_409_or_400_and_change_nothing()
    {
        var series = await _admin.CreateSeries();
        var draft = (await _admin.CreateDraft(series, InAMonth)).Id();
        var published = await _admin.CreatePublished(series, InAMonth);
        var future = new { startsAt = InAMonth.AddDays(1).ToString("O"), endsAt = InAMonth.AddDays(1).AddHours(1).ToString("O") };

        await (await _admin.Action(draft, "reschedule", future)).Problem(HttpStatusCode.Conflict);
        await (await _admin.Action(published, "reschedule", new { startsAt = MeetingsApp.Start.AddDays(-1).ToString("O"), endsAt = MeetingsApp.Start.ToString("O") }))
            .Problem(HttpStatusCode.Conflict);
        await (await _admin.Action(published, "reschedule", new { startsAt = InAMonth.AddDays(1).ToString("O") })).ValidationErrors();

        var unchanged = await (await _admin.GetAsync($"/api/meetings/{published}")).Json(HttpStatusCode.OK);
        Assert.Equal(0, unchanged.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_published_meeting_raises_the_sequence_and_ends_its_lifecycle()
    {
        var series = await _admin.CreateSeries();
        var published = await _admin.CreatePublished(series, InAMonth);
        var draft = (await _admin.CreateDraft(series, InAMonth)).Id();

        var cancelled = await (await _admin.Action(published, "cancel", new { reason = "Haushaltsklausur" })).Json(HttpStatusCode.OK);
        var cancelledDraft = await (await _admin.Action(draft, "cancel")).Json(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal(1, cancelled.GetProperty("sequence").GetInt32());
        Assert.Equal("Haushaltsklausur", cancelled.Str("cancellationReason"));
        Assert.Equal(0, cancelledDraft.GetProperty("sequence").GetInt32());
        await (await _admin.Action(published, "cancel")).Problem(HttpStatusCode.Conflict);
        await (await _admin.Action(draft, "publish")).Problem(HttpStatusCode.Conflict);
        await (await _admin.PutJson($"/api/meetings/{published}", new { title = "Neu" })).Problem(HttpStatusCode.Conflict);
        await (await _admin.Action(published, "reschedule", new { startsAt = InAMonth.AddDays(2).ToString("O"), endsAt = InAMonth.AddDays(2).AddHours(1).ToString("O") }))
            .Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_published_title_or_location_change_raises_the_sequence_but_a_description_does_not()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var current = await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);
        var location = new { name = "Rathaus", address = "Rathausplatz 2", room = "Oberer Fletz" };

        var description = await (await _admin.PutJson($"/api/meetings/{meeting}", new { title = current.Str("title"), description = "Neu", location })).Json(HttpStatusCode.OK);
        var title = await (await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Neuer Titel", description = "Neu", location })).Json(HttpStatusCode.OK);
        var moved = await (await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Neuer Titel", location = new { name = "Zeughaus" } })).Json(HttpStatusCode.OK);

        Assert.Equal(0, description.GetProperty("sequence").GetInt32());
        Assert.Equal(1, title.GetProperty("sequence").GetInt32());
        Assert.Equal(2, moved.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task A_published_meeting_keeps_its_time_on_PUT()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        var response = await _admin.PutJson($"/api/meetings/{meeting}", new
        {
            title = "X", startsAt = InAMonth.AddDays(1).ToString("O"), location = new { name = "Rathaus" },
        });

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Contains("reschedule", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_ETag_is_412_for_edits_and_actions()
    {
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), InAMonth)).Id();
        var etag = (await _admin.GetAsync($"/api/meetings/{draft}")).Headers.ETag!.ToString();
        await (await _admin.PutJson($"/api/meetings/{draft}", new { title = "Erste Änderung", location = new { name = "Rathaus" } }, etag)).Json(HttpStatusCode.OK);

        var staleEdit = await _admin.PutJson($"/api/meetings/{draft}", new { title = "Zweite Änderung" }, etag);
        var stalePublish = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{draft}/publish");
        stalePublish.Headers.TryAddWithoutValidation("If-Match", etag);

        await staleEdit.Problem(HttpStatusCode.PreconditionFailed);
        await (await _admin.SendAsync(stalePublish)).Problem(HttpStatusCode.PreconditionFailed);
        var current = await (await _admin.GetAsync($"/api/meetings/{draft}")).Json(HttpStatusCode.OK);
        Assert.Equal("Erste Änderung", current.Str("title"));
        Assert.Equal("draft", current.Str("status"));
    }

    [Fact]
    public async Task Listing_filters_by_series_status_and_start_window()
    {
        var series = await _admin.CreateSeries();
        var early = await _admin.CreatePublished(series, InAMonth);
        var late = (await _admin.CreateDraft(series, InAMonth.AddDays(60))).Id();

        var all = await (await _admin.GetAsync($"/api/meetings?seriesId={series}")).Json(HttpStatusCode.OK);
        var drafts = await (await _admin.GetAsync($"/api/meetings?seriesId={series}&status=draft")).Json(HttpStatusCode.OK);
        var window = await (await _admin.GetAsync($"/api/meetings?seriesId={series}&from={Uri.EscapeDataString(InAMonth.AddDays(1).ToString("O"))}")).Json(HttpStatusCode.OK);
        var paged = await (await _admin.GetAsync($"/api/meetings?seriesId={series}&skip=1&take=1")).Json(HttpStatusCode.OK);

        Assert.Equal([early, late], Ids(all));
        Assert.Equal([late], Ids(drafts));
        Assert.Equal([late], Ids(window));
        Assert.Equal([late], Ids(paged));
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
        await (await _admin.GetAsync("/api/meetings?status=postponed")).Problem(HttpStatusCode.BadRequest);
        await (await _admin.GetAsync("/api/meetings?from=2026-01-01T00:00:00")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Drafts_are_invisible_to_department_keys()
    {
        var series = await _admin.CreateSeries();
        var draft = (await _admin.CreateDraft(series, InAMonth)).Id();
        var published = await _admin.CreatePublished(series, InAMonth);
        var (_, key) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());
        var department = app.WithKey(key);

        await (await department.GetAsync($"/api/meetings/{draft}")).Problem(HttpStatusCode.NotFound);
        await (await department.GetAsync($"/api/meetings/{published}")).Json(HttpStatusCode.OK);
        var listed = await (await department.GetAsync($"/api/meetings?seriesId={series}")).Json(HttpStatusCode.OK);
        Assert.Equal([published], Ids(listed));
        await (await department.PostJson("/api/meetings", new { seriesId = series, title = "X", startsAt = InAMonth.ToString("O") })).Problem(HttpStatusCode.Forbidden);
    }

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(m => m.Id()).ToArray();
}
