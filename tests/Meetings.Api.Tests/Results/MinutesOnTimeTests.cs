using System.Net;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Results;

/// <summary>Approved minutes are mail that falls due because of a change: at the mail server within 5 s, at the default settings.</summary>
public sealed class MinutesOnTimeTests(OnTimeApp app) : IClassFixture<OnTimeApp>
{
    private static readonly TimeSpan Rule = TimeSpan.FromSeconds(5);

    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Approved_minutes_are_at_the_mail_server_within_seconds_long_before_the_next_poll()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), DateTimeOffset.UtcNow.AddSeconds(5));
        var invitees = (await _admin.Invitations(meeting)).Length;
        var started = DateTimeOffset.Parse((await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK)).Str("startsAt"), System.Globalization.CultureInfo.InvariantCulture);
        var wait = started - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero); // the meeting has started
        await (await _admin.SaveMinutes(meeting, [new { kind = "decision", text = "Beschlossen." }])).Json(HttpStatusCode.OK);
        await OnTimeApp.JustAfterAPoll();

        var approved = await _admin.PostAsync($"/api/meetings/{meeting}/minutes/approve", null);
        var answered = DateTimeOffset.UtcNow;
        var mails = await OnTimeApp.Eventually(() => Of(meeting, "Minutes"), invitees, OnTimeApp.DefaultPoll);

        await approved.Json(HttpStatusCode.OK);
        Assert.Equal(invitees, mails.Count); // every invitee (the hosts among them) once
        var last = mails.Max(app.Smtp.ArrivalOf);
        Assert.True(last - answered < Rule, $"the last minutes mail arrived {(last - answered).TotalSeconds:F2} s after the answer");
        Assert.True(last < OnTimeApp.NextPollAfter(answered), $"the last minutes mail arrived at {last:HH:mm:ss.fff}, after the poll");
    }

    private List<MimeMessage> Of(string meeting, string kind) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == kind).ToList();
}
