using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Jobs;
using Meetings.Infrastructure.Mail.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.ScaleOut;

/// <summary>Several instances behind a load balancer on one PostgreSQL database (SPEC §4, scale-out).</summary>
public sealed class SeveralInstancesTests
{
    [Fact]
    public async Task Two_instances_on_one_database_send_each_invitation_and_each_reminder_exactly_once()
    {
        using var database = TestDatabase.CreateNew();
        await using var smtp = new SmtpSink();
        using var a = new InstanceApp(database, smtp.Port);
        using var b = new InstanceApp(database, smtp.Port);
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services)); // both migrate the new database at once
        var admin = a.Admin();
        for (var n = 0; n < 12; n++)
        {
            await admin.CreateDepartment();
        }

        var meeting = await admin.CreatePublished(await admin.CreateSeries(), a.Clock.GetUtcNow().AddDays(30));
        var invitees = (await b.Admin().Invitations(meeting)).Select(i => i.GetProperty("recipient").Str("email")).ToList();

        var invitationsSent = await DispatchTogetherUntilDone(a, b);
        var pastReminder = TimeSpan.FromDays(23).Add(TimeSpan.FromMinutes(1)); // past the P7D reminder, before P1D
        a.Clock.Advance(pastReminder);
        b.Clock.Advance(pastReminder);
        var remindersSent = await DispatchTogetherUntilDone(a, b);

        Assert.Equal(14, invitees.Count); // 12 departments, 2 hosts
        Assert.All(invitees, email =>
        {
            var mails = smtp.To(email, meeting);
            Assert.Single(mails, m => m.Subject!.StartsWith("Einladung", StringComparison.Ordinal));
            Assert.Single(mails, m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
            Assert.Equal(2, mails.Count);
        });
        Assert.Equal(invitees.Count, invitationsSent);
        Assert.Equal(invitees.Count, remindersSent);
        var sent = await (await admin.GetAsync($"/api/meetings/{meeting}/deliveries?status=sent&take=200")).Json(HttpStatusCode.OK);
        Assert.Equal(2 * invitees.Count, sent.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Two_instances_running_their_own_jobs_share_one_schedule_and_send_each_mail_once()
    {
        using var database = TestDatabase.CreateNew();
        await using var smtp = new SmtpSink();
        using var a = new InstanceApp(database, smtp.Port, jobs: true);
        using var b = new InstanceApp(database, smtp.Port, jobs: true);
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services)); // both prepare the job schema at once
        var admin = a.Admin();
        for (var n = 0; n < 12; n++)
        {
            await admin.CreateDepartment();
        }

        var series = await admin.CreateSeries();
        var meeting = await admin.CreatePublished(series, a.Clock.GetUtcNow().AddDays(30));
        var invitees = (await b.Admin().Invitations(meeting)).Select(i => i.GetProperty("recipient").Str("email")).ToList();
        await HangfireMeetingsApp.Eventually(() => smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).ToList(), invitees.Count);
        var pastReminder = TimeSpan.FromDays(23).Add(TimeSpan.FromMinutes(1)); // past the P7D reminder, before P1D
        a.Clock.Advance(pastReminder);
        b.Clock.Advance(pastReminder);
        await HangfireMeetingsApp.Eventually(() => smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).ToList(), 2 * invitees.Count);
        await Task.WhenAll(a.CheckCadence(), b.CheckCadence()); // the daily check, run by both at the same moment
        await HangfireMeetingsApp.Eventually(() => smtp.Received.Where(m => m.Headers["X-Meetings-Series"] == series).ToList(), 1);

        Assert.All(invitees, email =>
        {
            var mails = smtp.To(email, meeting);
            Assert.Single(mails, m => m.Subject!.StartsWith("Einladung", StringComparison.Ordinal));
            Assert.Single(mails, m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
            Assert.Equal(2, mails.Count);
        });
        Assert.Single(smtp.Received, m => m.Headers["X-Meetings-Series"] == series); // the cadence alert, once
        using var jobs = a.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(jobs), j => j.Id == MailJobs.DispatchJobId);
    }

    [Fact]
    public async Task Two_instances_share_a_burst_of_a_thousand_mails_and_send_each_once()
    {
        using var database = TestDatabase.CreateNew();
        await using var smtpA = new SmtpSink();
        await using var smtpB = new SmtpSink();
        await using var a = OnTimeApp.OnDatabase(database, smtpA.Port);
        await using var b = OnTimeApp.OnDatabase(database, smtpB.Port);
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));
        await a.Db(db =>
        {
            db.Departments.AddRange(Enumerable.Range(1, 998).Select(i => Department.Create(
                $"B{i}", $"Amt {i}", new PersonInput($"Leitung {i}", $"leitung{i}.burst@augsburg.example"), null, DateTimeOffset.UtcNow)));
            return db.SaveChangesAsync();
        });
        var admin = b.Admin();

        var meeting = await admin.CreatePublished(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30));
        var invitees = (await admin.Invitations(meeting)).Length;
        List<string> Sent(SmtpSink smtp) => smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).Select(m => m.To.Mailboxes.Single().Address).ToList();
        var until = DateTime.UtcNow.AddMinutes(3);
        while (Sent(smtpA).Concat(Sent(smtpB)).Distinct().Count() < invitees && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // a mail sent twice would arrive now

        Assert.Equal(1000, invitees); // 998 departments and the two hosts
        var all = Sent(smtpA).Concat(Sent(smtpB)).ToList();
        Assert.Equal(invitees, all.Distinct().Count());
        Assert.Equal(invitees, all.Count); // each once
        Assert.NotEmpty(Sent(smtpA));
        Assert.NotEmpty(Sent(smtpB)); // both instances sent part of the burst
    }

    [Fact]
    public async Task Instances_starting_together_on_a_new_database_migrate_and_seed_it_once()
    {
        using var database = TestDatabase.CreateNew();
        var instances = Enumerable.Range(0, 3).Select(_ => new InstanceApp(database, smtpPort: 25, seedDemo: true)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.Services)));

            var cities = await (await instances[2].Admin().GetAsync("/api/cities")).Json(HttpStatusCode.OK);
            var series = await (await instances[1].Admin().GetAsync("/api/series")).Json(HttpStatusCode.OK);

            Assert.Single(cities.GetProperty("items").EnumerateArray(), c => c.Str("name") == "Augsburg");
            Assert.Single(series.GetProperty("items").EnumerateArray(), s => s.Str("name") == "Amtsleitungstreffen");
        }
        finally
        {
            instances.ForEach(i => i.Dispose());
        }
    }

    /// <summary>
    /// Both instances' dispatchers, two each, at the same time, in small batches (so that they race for
    /// the same rows), round after round until nothing is due. Returns how many mails they sent in all.
    /// </summary>
    private static async Task<int> DispatchTogetherUntilDone(MeetingsApp a, MeetingsApp b)
    {
        var sent = 0;
        for (var round = 0; round < 50; round++)
        {
            var results = await Task.WhenAll(Dispatch(a), Dispatch(b), Dispatch(a), Dispatch(b));
            sent += results.Sum(r => r.Sent);
            if (results.All(r => r.Claimed == 0))
            {
                return sent;
            }
        }

        throw new InvalidOperationException("The dispatchers did not finish.");
    }

    private static async Task<DispatchResult> Dispatch(MeetingsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(maxRows: 3);
    }
}
