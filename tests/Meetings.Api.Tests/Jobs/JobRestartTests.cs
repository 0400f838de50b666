using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Mail.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Jobs;

/// <summary>The reconciler: what a stopped or killed instance left behind goes out when the service starts again, and soon.</summary>
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

    [Fact]
    public async Task A_process_killed_in_the_middle_of_a_batch_leaves_nothing_stuck_and_only_the_mails_in_flight_go_twice()
    {
        using var database = TestDatabase.CreateNew();
        await using var smtp = new SmtpSink();
        string meeting;
        int invitees;
        using (var first = await ServiceProcess.StartAsync(database, smtp.Port))
        {
            var admin = first.Admin();
            for (var n = 0; n < 40; n++)
            {
                await admin.CreateDepartment();
            }

            meeting = (await admin.CreateDraft(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30))).Id();
            smtp.After(10, first.Kill); // killed while the server accepts its tenth mail: the process never hears the answer
            await (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(System.Net.HttpStatusCode.OK);
            invitees = (await admin.Invitations(meeting)).Length;
            await Until(() => smtp.Received.Count >= 10, TimeSpan.FromSeconds(30));
        }

        var accepted = smtp.Received.Count;
        var claimed = database.Count("""SELECT COUNT(*) FROM "Deliveries" WHERE "Status" = 'Sending'""");
        var marked = database.Count("""SELECT COUNT(*) FROM "Deliveries" WHERE "Status" = 'Sent'""");
        await using var restarted = OnTimeApp.OnDatabase(database, smtp.Port);
        var started = DateTimeOffset.UtcNow;
        _ = restarted.Services; // starts the service
        await Until(() => Recipients(smtp, meeting) == invitees, TimeSpan.FromSeconds(75));
        await Task.Delay(1000); // a mail sent twice would arrive now

        Assert.Equal(10, accepted);
        Assert.True(claimed > 0, "the kill left no claimed rows");
        Assert.Equal(invitees, Recipients(smtp, meeting)); // every invitation went out
        var twice = smtp.Received.Count(m => m.Headers["X-Meetings-Meeting"] == meeting) - invitees;
        Assert.True(twice <= accepted - marked, $"{twice} sent twice, {accepted - marked} were in flight at the kill");
        var recovered = smtp.Received.Max(smtp.ArrivalOf) - started;
        Assert.True(recovered < TimeSpan.FromSeconds(60), $"the last invitation went out {recovered.TotalSeconds:F1} s after the restart");
        if (database.Provider == "Sqlite")
        {
            Assert.True(recovered < MailDispatcher.Lease, $"{recovered.TotalSeconds:F1} s: one process per file, its claims are free at start, not after their lease");
        }
    }

    private static int Recipients(SmtpSink smtp, string meeting) =>
        smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).Select(m => m.To.Mailboxes.Single().Address).Distinct().Count();

    private static async Task Until(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The service started again on the same database, with its Hangfire jobs running.</summary>
    private sealed class Restarted(TestDatabase database) : MailingMeetingsApp(database)
    {
        protected override bool JobsEnabled => true;
    }
}
