using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Feedback;

/// <summary>
/// How soon the feedback requests go out (SPEC "Mails and reminders": within 5 s of the change's answer) at the default
/// settings: Hangfire running, the poll every 15 s, the real clock — so a completion just after a poll whose requests are at
/// the server within seconds was not served by the poll, and a request never comes twice.
/// </summary>
public sealed class FeedbackRequestOnTimeTests(OnTimeApp app) : IClassFixture<OnTimeApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task The_feedback_requests_are_at_the_mail_server_within_5_seconds_of_the_completion_once_per_attendee()
    {
        await _admin.CreateDepartment();
        await _admin.CreateDepartment();
        // Far enough ahead that creating and publishing on a loaded machine is done before the start (publishing refuses a
        // start in the past); the test waits for it anyway.
        var start = DateTimeOffset.UtcNow.AddSeconds(10);
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), start);
        var invitations = await _admin.Invitations(meeting);
        var attended = invitations.Where(i => i.Str("kind") == "department").Take(2).Select(i => i.Id()).ToArray();
        await Task.Delay(start - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        await OnTimeApp.JustAfterAPoll();

        var completed = await _admin.Action(meeting, "complete", new { attendedInvitationIds = attended });
        var answered = DateTimeOffset.UtcNow;
        var mails = await OnTimeApp.Eventually(
            () => app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == "FeedbackRequest").ToList(),
            attended.Length, OnTimeApp.DefaultPoll);

        await completed.Json(HttpStatusCode.OK);
        Assert.Equal(attended.Length, mails.Count);
        Assert.Equal(attended.Length, mails.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        var last = mails.Max(app.Smtp.ArrivalOf);
        Assert.True(last - answered < TimeSpan.FromSeconds(5), $"the last request arrived {(last - answered).TotalSeconds:F2} s after the answer");
        Assert.True(last < OnTimeApp.NextPollAfter(answered), "the requests came with the poll, not on commit");
    }
}
