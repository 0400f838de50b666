using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Mail.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Jobs;

/// <summary>The mail server away (connection refused) and back, at the default settings (SPEC: after a fault).</summary>
public sealed class MailServerAwayTests
{
    [Fact]
    public async Task Mail_due_while_the_mail_server_is_away_costs_no_attempt_and_goes_out_within_seconds_of_its_return()
    {
        var port = SmtpSink.UnusedPort();
        await using var app = OnTimeApp.SendingTo(port);
        var admin = app.Admin();
        await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the dispatcher tried and found no server
        var waiting = await Invitations(app, meeting);

        await using var smtp = new SmtpSink(port);
        var back = DateTimeOffset.UtcNow;
        var mails = await OnTimeApp.Eventually(() => smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).ToList(), waiting.Count, TimeSpan.FromSeconds(60));
        var sent = await Invitations(app, meeting);

        Assert.All(waiting, row => Assert.Equal((DeliveryStatus.Queued, 0), (row.Status, row.Attempts)));
        Assert.Equal(waiting.Count, mails.Count);
        var after = mails.Max(smtp.ArrivalOf) - back;
        Assert.True(after < MailDispatcher.ReconnectAfter + TimeSpan.FromSeconds(5), $"the last mail went out {after.TotalSeconds:F1} s after the server was back");
        Assert.All(sent, row => Assert.Equal((DeliveryStatus.Sent, 1), (row.Status, row.Attempts))); // the one attempt that succeeded
    }

    private static Task<List<Delivery>> Invitations(MeetingsApp app, string meeting) =>
        app.Db(db => db.Deliveries.AsNoTracking().Where(d => d.MeetingId == Guid.Parse(meeting) && d.Kind == DeliveryKind.Invitation).ToListAsync());
}
