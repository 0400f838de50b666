using System.Net;
using System.Xml;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Jobs;
using Meetings.Infrastructure.Mail.Composition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Meetings.Api.Tests.Jobs;

/// <summary>
/// How soon mail goes out at the default settings (SPEC, "Mails and reminders": on time): Hangfire running, the poll
/// every 15 s, the real clock. A change made just after a poll whose mail is at the server within seconds was not sent
/// by the poll: the next one is thirteen seconds away.
/// </summary>
public sealed class MailOnTimeTests(OnTimeApp app) : IClassFixture<OnTimeApp>
{
    /// <summary>The rule: within 5 s of the change's answer, or of a reminder's due time.</summary>
    private static readonly TimeSpan Rule = TimeSpan.FromSeconds(5);

    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_publish_has_its_invitations_at_the_mail_server_within_seconds_long_before_the_next_poll()
    {
        await _admin.CreateDepartment();
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30))).Id();
        await OnTimeApp.JustAfterAPoll();

        var published = await _admin.PostAsync($"/api/meetings/{meeting}/publish", null);
        var answered = DateTimeOffset.UtcNow;
        var invitees = (await _admin.Invitations(meeting)).Length;
        var mails = await OnTimeApp.Eventually(() => Of(meeting, "Invitation"), invitees, OnTimeApp.DefaultPoll);

        await published.Json(HttpStatusCode.OK);
        Assert.Equal(invitees, mails.Count);
        var last = mails.Max(app.Smtp.ArrivalOf);
        Assert.True(last - answered < Rule, $"the last invitation arrived {(last - answered).TotalSeconds:F2} s after the answer");
        Assert.True(last < OnTimeApp.NextPollAfter(answered), $"the last invitation arrived at {last:HH:mm:ss.fff}, after the poll of {OnTimeApp.NextPollAfter(answered):HH:mm:ss}");
        using var jobs = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var poll = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(jobs), j => j.Id == MailJobs.DispatchJobId);
        Assert.Equal("*/15 * * * * *", poll.Cron); // the safety net, at its default
    }

    [Fact]
    public async Task A_reminder_goes_out_after_its_due_time_never_before_it_and_within_seconds()
    {
        await _admin.CreateDepartment();
        var start = DateTimeOffset.UtcNow.AddHours(2); // the default reminders (P7D, P1D) have passed: skipped
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), start);
        var invitees = (await _admin.Invitations(meeting)).Length;
        await OnTimeApp.Eventually(() => Of(meeting, "Invitation"), invitees, OnTimeApp.DefaultPoll);

        // three reminders per invitee, due 3.0, 3.45 and 3.9 s from now: Hangfire keeps its due times in whole seconds
        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        var offsets = new[] { 0, 450, 900 }.Select(ms => XmlConvert.ToString(start - due.AddMilliseconds(ms))).ToArray();
        await (await _admin.PutJson($"/api/meetings/{meeting}/reminders", new { offsets })).Json(HttpStatusCode.OK);
        var reminders = await OnTimeApp.Eventually(() => Of(meeting, "Reminder"), 3 * invitees, TimeSpan.FromSeconds(20));

        Assert.Equal(3 * invitees, reminders.Count);
        var dueAt = await DueTimes(reminders);
        Assert.All(reminders, m =>
        {
            var late = app.Smtp.ArrivalOf(m) - dueAt[MessageIds.RowOf(m.MessageId)!.Value];
            Assert.True(late >= TimeSpan.Zero, $"a reminder arrived {-late.TotalMilliseconds:F0} ms before its due time");
            Assert.True(late < Rule, $"a reminder arrived {late.TotalSeconds:F2} s after its due time");
        });
    }

    private List<MimeMessage> Of(string meeting, string kind) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == kind).ToList();

    /// <summary>The ledger's due time of each mail, by its Message-Id (the row's id).</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> DueTimes(IEnumerable<MimeMessage> mails)
    {
        var ids = mails.Select(m => MessageIds.RowOf(m.MessageId)!.Value).ToList();
        var rows = await app.Db(db => db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.DueAt }).ToListAsync());
        return rows.ToDictionary(r => r.Id, r => r.DueAt);
    }
}

/// <summary>A burst of changes at the default settings: each is on time, and the wake-ups are coalesced (a database of its own, many departments).</summary>
public sealed class MailOnTimeBurstTests(OnTimeApp app) : IClassFixture<OnTimeApp>
{
    private static readonly TimeSpan Rule = TimeSpan.FromSeconds(5);

    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Answers_delegating_at_once_have_their_delegates_invited_within_seconds_by_far_fewer_dispatch_jobs_than_answers()
    {
        for (var n = 0; n < 30; n++)
        {
            await _admin.CreateDepartment();
        }

        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30));
        var invitations = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").ToList();
        await OnTimeApp.Eventually(() => Of(meeting, "Invitation"), invitations.Count, OnTimeApp.DefaultPoll);
        var jobsBefore = DispatchJobs();

        var answers = await Task.WhenAll(invitations.Select((invitation, n) => _admin.Answer(meeting, invitation.Id(),
            new { status = "delegated", @delegate = new { name = $"Vertretung {n}", email = $"vertretung.{n}.{meeting[..8]}@augsburg.example" } })));
        var answered = DateTimeOffset.UtcNow;
        var delegates = await OnTimeApp.Eventually(
            () => Of(meeting, "Invitation").Where(m => m.To.Mailboxes.Single().Address.StartsWith("vertretung.", StringComparison.Ordinal)).ToList(),
            invitations.Count, OnTimeApp.DefaultPoll);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(invitations.Count, delegates.Count);
        var last = delegates.Max(app.Smtp.ArrivalOf);
        Assert.True(last - answered < Rule, $"the last delegate's invitation arrived {(last - answered).TotalSeconds:F2} s after the answers");
        var jobs = DispatchJobs() - jobsBefore;
        Assert.True(jobs <= invitations.Count / 3, $"{jobs} dispatch jobs for {invitations.Count} answers");
    }

    private List<MimeMessage> Of(string meeting, string kind) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == kind).ToList();

    /// <summary>Every job Hangfire has made: enqueued, running, done, failed or waiting for its time.</summary>
    private long DispatchJobs()
    {
        var monitor = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        return monitor.SucceededListCount() + monitor.FailedCount() + monitor.ProcessingCount() + monitor.ScheduledCount()
            + monitor.Queues().Sum(q => monitor.EnqueuedCount(q.Name)) + monitor.DeletedListCount();
    }
}
