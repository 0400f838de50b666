using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Meetings;

/// <summary>The night the clocks go back in Europe/Berlin: Sunday 25 October 2026, 03:00 CEST → 02:00 CET.</summary>
public sealed class TimeZoneTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_meeting_across_the_change_keeps_its_wall_clock_times_and_real_duration()
    {
        var series = await _admin.CreateSeries();

        var meeting = await _admin.CreateDraft(series, DateTimeOffset.Parse("2026-10-25T01:30:00+02:00", System.Globalization.CultureInfo.InvariantCulture),
            new { endsAt = "2026-10-25T04:00:00+01:00" });

        Assert.Equal("2026-10-24T23:30:00Z", meeting.Str("startsAt"));
        Assert.Equal("2026-10-25T03:00:00Z", meeting.Str("endsAt"));
        Assert.Equal("2026-10-25T01:30:00+02:00", meeting.Str("startsAtLocal"));
        Assert.Equal("2026-10-25T04:00:00+01:00", meeting.Str("endsAtLocal"));
        Assert.Equal(210, meeting.GetProperty("durationMinutes").GetInt32()); // 2.5 h on the clock, 3.5 h lived
    }

    [Fact]
    public async Task Instants_are_kept_to_the_microsecond_and_read_back_exactly_as_answered()
    {
        var series = await _admin.CreateSeries();

        var created = await _admin.CreateDraft(series, DateTimeOffset.Parse("2026-10-08T14:00:00.1234567+02:00", System.Globalization.CultureInfo.InvariantCulture));
        var read = await (await _admin.GetAsync($"/api/meetings/{created.Id()}")).Json(HttpStatusCode.OK);

        Assert.Equal("2026-10-08T12:00:00.123456Z", created.Str("startsAt")); // PostgreSQL keeps microseconds; so do both providers
        Assert.Equal(created.Str("startsAt"), read.Str("startsAt"));
        Assert.Equal(created.Str("createdAt"), read.Str("createdAt"));
    }

    [Fact]
    public async Task The_default_duration_is_real_time_across_the_change()
    {
        var series = await _admin.CreateSeries(); // 180 minutes

        var meeting = await _admin.CreateDraft(series, DateTimeOffset.Parse("2026-10-25T01:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("2026-10-25T03:00:00+01:00", meeting.Str("endsAtLocal"));
        Assert.Equal(180, meeting.GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task Rescheduling_over_the_change_shows_the_new_local_offset()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(),
            DateTimeOffset.Parse("2026-10-23T10:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture));

        var moved = await (await _admin.Action(meeting, "reschedule", new { startsAt = "2026-10-26T10:00:00+01:00", endsAt = "2026-10-26T13:00:00+01:00" }))
            .Json(HttpStatusCode.OK);

        Assert.Equal("2026-10-26T09:00:00Z", moved.Str("startsAt"));
        Assert.Equal("2026-10-26T10:00:00+01:00", moved.Str("startsAtLocal"));
        Assert.Equal(180, moved.GetProperty("durationMinutes").GetInt32());
    }
}
