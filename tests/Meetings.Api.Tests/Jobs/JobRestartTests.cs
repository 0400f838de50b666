using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Jobs;

/// <summary>The reconciler: what a stopped or killed instance left behind goes out when the service starts again.</summary>
public sealed class JobRestartTests
{
    [Fact]
    public async Task Mails_due_while_no_instance_ran_and_a_row_a_killed_worker_left_go_out_once_at_start()
    {
        using var database = TestDatabase.CreateNew();
        string meeting, head, host;
        await using (var stopped = MeetingsApp.OnDatabase(database))
        {
            var admin = stopped.Admin();
            var department = await admin.CreateDepartment();
            meeting = await admin.CreatePublished(await admin.CreateSeries(), stopped.Clock.GetUtcNow().AddDays(30));
            var invitations = await admin.Invitations(meeting);
            head = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department).GetProperty("recipient").Str("email");
            host = invitations.First(i => i.Str("kind") == "host").GetProperty("recipient").Str("email");
            // a worker claimed the host's invitation and was killed before it could send or mark it
            var lease = stopped.Clock.GetUtcNow().AddMinutes(-1);
            await stopped.Db(db => db.Deliveries.Where(d => d.Kind == DeliveryKind.Invitation && d.RecipientEmail == host)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                    .SetProperty(d => d.LeaseUntil, lease).SetProperty(d => d.ClaimToken, Guid.NewGuid())));
        }

        await using var restarted = new Restarted(database);
        _ = restarted.Admin(); // starts the service

        var toHead = await HangfireMeetingsApp.Eventually(() => restarted.Smtp.To(head, meeting), 1);
        var toHost = await HangfireMeetingsApp.Eventually(() => restarted.Smtp.To(host, meeting), 1);
        Assert.Equal("Invitation", Assert.Single(toHead).Headers["X-Meetings-Kind"]);
        Assert.Equal("Invitation", Assert.Single(toHost).Headers["X-Meetings-Kind"]);
    }

    /// <summary>The service started again on the same database, with its Hangfire jobs running.</summary>
    private sealed class Restarted(TestDatabase database) : MailingMeetingsApp(database)
    {
        protected override bool JobsEnabled => true;
    }
}
