using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Platform;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Meetings.Api.Tests.Jobs;

/// <summary>
/// Issue 19, the finding: a row whose address the calendar writer could not take stopped every mail — the dispatcher
/// let the exception through, released the batch without counting an attempt and tried again every 10 s, the bad row
/// first each time. SPEC, "One bad row stops nothing": the row fails alone, with the reason in the ledger, at /metrics and
/// in the log; every other due mail goes out on time. As deployed (Hangfire, the default poll, the real clock), in the
/// metrics collection: run alone, so that the failed counter moves for this service only.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class OneBadRowTests(OneBadRowTests.LoggingApp app) : IClassFixture<OneBadRowTests.LoggingApp>
{
    /// <summary>The address of the finding, as a row written before the rule holds it.</summary>
    private const string Stored = "attacker%evil.example@augsburg.example";

    private static readonly TimeSpan Rule = TimeSpan.FromSeconds(5);

    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_row_that_cannot_be_sent_fails_alone_with_the_reason_and_a_hundred_mails_of_another_meeting_go_out_within_seconds()
    {
        for (var n = 0; n < 100; n++)
        {
            await _admin.CreateDepartment();
        }

        var series = await _admin.CreateSeries();
        var first = await _admin.CreatePublished(series, DateTimeOffset.UtcNow.AddDays(30));
        var invitations = await _admin.Invitations(first);
        await OnTimeApp.Eventually(() => Invitations(first), invitations.Length, OnTimeApp.DefaultPoll);
        var second = (await _admin.CreateDraft(series, DateTimeOffset.UtcNow.AddDays(31))).Id();
        var victim = Guid.Parse(invitations.First(i => i.Str("kind") == "department").Id());
        var row = await app.Db(db => db.Deliveries.Where(d => d.InvitationId == victim && d.Kind == DeliveryKind.Invitation).Select(d => d.Id).SingleAsync());
        var metricsBefore = await Scrape();
        await OnTimeApp.JustAfterAPoll();

        // The finding's address, stored before the rule: the head's address of one invitation, and its invitation due again
        // before everything else — then another meeting is published, whose mails are due right after it.
        await app.Overwrite<Invitation>(victim, ("Recipient.Email", Stored));
        await app.Overwrite<Delivery>(row, ("Status", DeliveryStatus.Queued), ("SentAt", null), ("Attempts", 0), ("RecipientEmail", Stored),
            ("Recipient.Email", Stored), ("DueAt", DateTimeOffset.UtcNow.AddMinutes(-1)));
        var published = await _admin.PostAsync($"/api/meetings/{second}/publish", null);
        var answered = DateTimeOffset.UtcNow;
        var invitees = (await _admin.Invitations(second)).Length;
        var mails = await OnTimeApp.Eventually(() => Invitations(second), invitees, OnTimeApp.DefaultPoll);

        await published.Json(HttpStatusCode.OK);
        Assert.True(invitees > 100, $"{invitees} invitees");
        Assert.Equal(invitees, mails.Count);
        var last = mails.Max(app.Smtp.ArrivalOf);
        Assert.True(last - answered < Rule, $"the last invitation arrived {(last - answered).TotalSeconds:F2} s after the answer");
        Assert.True(last < OnTimeApp.NextPollAfter(answered), "the mails waited for the poll");
        var failed = await Row(first, row);
        Assert.Equal(("failed", 1), (failed.Str("status"), failed.GetProperty("attempts").GetInt32()));
        Assert.Contains("local@domain", failed.Str("lastError"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address.Contains('%', StringComparison.Ordinal)));
        var metricsAfter = await Scrape();
        Assert.Equal(1, Failed(metricsAfter) - Failed(metricsBefore));
        Assert.Contains(app.Warnings, line => line.Contains(row.ToString(), StringComparison.Ordinal) && line.Contains("local@domain", StringComparison.Ordinal));
    }

    private List<MimeMessage> Invitations(string meeting) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == "Invitation").ToList();

    private async Task<System.Text.Json.JsonElement> Row(string meeting, Guid id) =>
        (await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?kind=invitation&take=200")).Json(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().Single(r => r.Id() == id.ToString());

    private async Task<string> Scrape()
    {
        using var response = await app.Anonymous().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The invitations given up, as Prometheus reads the counter.</summary>
    private static double Failed(string exposition) => exposition.Split('\n')
        .Where(l => l.StartsWith("meetings_mail_failed_total{", StringComparison.Ordinal) && l.Contains("kind=\"invitation\"", StringComparison.Ordinal)
                    && l.Contains("final=\"true\"", StringComparison.Ordinal))
        .Sum(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture));

    /// <summary>The service as deployed (<see cref="OnTimeApp"/>), keeping what it logs at Warning and above.</summary>
    public sealed class LoggingApp : OnTimeApp
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new WarningLog(Warnings)));
        }
    }

    private sealed class WarningLog(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
