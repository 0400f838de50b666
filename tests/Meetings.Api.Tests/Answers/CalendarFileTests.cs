using System.Net;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Answers;

/// <summary>The calendar files, parsed back with an iCalendar library and checked field by field.</summary>
public sealed class CalendarFileTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_meeting_file_has_a_stable_uid_sequence_local_times_with_their_zone_status_and_description()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), new DateTimeOffset(2026, 10, 8, 14, 0, 0, TimeSpan.FromHours(2)));

        var response = await _admin.GetAsync($"/api/meetings/{meeting}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("PUBLISH", calendar.Method);
        var tz = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Berlin", tz.TzId);
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"{meeting}@meetings", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal("Europe/Berlin", e.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 10, 8, 14, 0, 0), e.DtStart.Value);
        Assert.Equal(new DateTime(2026, 10, 8, 12, 0, 0, DateTimeKind.Utc), e.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 8, 15, 0, 0, DateTimeKind.Utc), e.DtEnd!.AsUtc);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Contains("Rathaus", e.Location, StringComparison.Ordinal);
        Assert.Contains("Motto: Digitalisierung", e.Description, StringComparison.Ordinal);
        Assert.Contains("Tagesordnung", e.Description, StringComparison.Ordinal);
        Assert.Equal("mailto:direktorium@host.example", e.Organizer!.Value!.OriginalString); // RFC 5546 §3.2.1: PUBLISH has an ORGANIZER
        Assert.StartsWith("Amtsleitungstreffen ", e.Organizer.CommonName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_show_in_the_file_under_the_same_uid()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(40));
        var before = Calendar.Load(await _admin.GetStringAsync($"/api/meetings/{meeting}/calendar.ics"))!.Events.Single();
        await _admin.Action(meeting, "reschedule", new { startsAt = MeetingsApp.Start.AddDays(41).ToString("O"), endsAt = MeetingsApp.Start.AddDays(41).AddHours(2).ToString("O") });
        await _admin.Action(meeting, "cancel", new { reason = "Haushaltsklausur" });

        var after = Calendar.Load(await _admin.GetStringAsync($"/api/meetings/{meeting}/calendar.ics"))!.Events.Single();

        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(2, after.Sequence);
        Assert.Equal("CANCELLED", after.Status);
        Assert.Equal(MeetingsApp.Start.AddDays(41).UtcDateTime, after.DtStart!.AsUtc);
    }

    [Fact]
    public async Task The_series_file_lists_every_meeting_but_drafts_and_any_key_may_read_it()
    {
        var series = await _admin.CreateSeries();
        var first = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(50));
        var second = await _admin.CreatePublished(series, MeetingsApp.Start.AddDays(150));
        var draft = (await _admin.CreateDraft(series, MeetingsApp.Start.AddDays(250))).Id();
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());

        var calendar = Calendar.Load(await app.WithKey(partnerKey).GetStringAsync($"/api/series/{series}/calendar.ics"))!;

        Assert.Equal([$"{first}@meetings", $"{second}@meetings"], calendar.Events.Select(e => e.Uid!).Order().ToArray());
        Assert.All(calendar.Events, e => Assert.Equal("mailto:direktorium@host.example", e.Organizer!.Value!.OriginalString));
        await (await app.WithKey(partnerKey).GetAsync($"/api/meetings/{draft}/calendar.ics")).Problem(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/series/{series}/calendar.ics")).Problem(HttpStatusCode.Unauthorized);
    }
}
