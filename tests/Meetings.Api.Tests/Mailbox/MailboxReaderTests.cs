using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Mail.Inbox;
using Microsoft.Extensions.DependencyInjection;
using static Meetings.Api.Tests.Mailbox.MailboxSamples;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>
/// The office's mailbox read by the service from a real Dovecot: messages delivered by IMAP APPEND, the answers and the
/// ledger seen through the API, the messages found in the folders they were moved to.
/// </summary>
public sealed class MailboxReaderTests(MailboxApp app) : IClassFixture<MailboxApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    [DovecotFact]
    public async Task An_Outlook_Accept_counts_within_seconds_by_IDLE_and_is_moved_to_the_processed_folder()
    {
        var (meeting, invitation, head) = await Invited();
        var messageId = $"{Guid.NewGuid():N}@outlook.example";
        await Ready();

        var clock = Stopwatch.StartNew();
        await app.Dovecot.AppendAsync(Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: messageId));
        var answered = await StatusBecomes(meeting, invitation, "accepted");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
        var history = answered.GetProperty("history");
        Assert.Equal("calendar", history[history.GetArrayLength() - 1].Str("via"));
        var audit = await (await _admin.GetAsync($"/api/audit?resourceType=invitation&resourceId={invitation}")).Json(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.Str("operation") == "AnswerByCalendarReply"
            && e.GetProperty("actor") is var actor && actor.Str("kind") == "calendar" && actor.Str("name").StartsWith("mailbox, message ", StringComparison.Ordinal));
        await InFolder(MailboxApp.Processed, messageId);
        Assert.Contains(MailboxApp.Processed, await app.Dovecot.Folders()); // created with the server's separator, not '/'
    }

    [DovecotFact]
    public async Task A_Thunderbird_Decline_and_an_Apple_Tentative_count()
    {
        var (meeting, invitation, head) = await Invited();
        await Ready();

        await app.Dovecot.AppendAsync(Fill("thunderbird-reply.eml", meeting, head, "DECLINED"));
        await StatusBecomes(meeting, invitation, "declined");
        await app.Dovecot.AppendAsync(Fill("apple-reply.eml", meeting, head, "TENTATIVE"));
        await StatusBecomes(meeting, invitation, "tentative");
    }

    [DovecotFact]
    public async Task A_delegation_by_calendar_names_the_delegate()
    {
        var (meeting, invitation, head) = await Invited();
        await Ready();

        await app.Dovecot.AppendAsync(Fill("rfc6047-reply.eml", meeting, head, "DELEGATED;DELEGATED-TO=\"mailto:vera.vertretung@augsburg.example\""));
        var delegated = await StatusBecomes(meeting, invitation, "delegated");

        Assert.Equal("vera.vertretung@augsburg.example", delegated.GetProperty("delegate").Str("email"));
    }

    [DovecotFact]
    public async Task A_stale_SEQUENCE_changes_nothing_and_is_processed()
    {
        var (meeting, invitation, head) = await Invited();
        await _admin.Action(meeting, "reschedule", new { startsAt = InAMonth.AddDays(1).ToString("O"), endsAt = InAMonth.AddDays(1).AddHours(2).ToString("O") });
        var messageId = $"{Guid.NewGuid():N}@outlook.example";
        await Ready();

        await app.Dovecot.AppendAsync(Fill("outlook-accept.eml", meeting, head, "ACCEPTED", sequence: 0, messageId: messageId));

        await InFolder(MailboxApp.Processed, messageId);
        Assert.Equal("pending", (await Invitation(meeting, invitation)).Str("status"));
    }

    [DovecotFact]
    public async Task A_reply_from_another_sender_than_the_attendee_changes_nothing_and_goes_to_the_office()
    {
        var (meeting, invitation, head) = await Invited();
        var messageId = $"{Guid.NewGuid():N}@evil.example";
        await Ready();

        var forged = Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: messageId)
            .Replace($"From: Lea Leitung <{head}>", "From: Mallory <mallory@evil.example>", StringComparison.Ordinal);
        await app.Dovecot.AppendAsync(forged);

        await InFolder(MailboxApp.Unrecognized, messageId);
        Assert.Equal("pending", (await Invitation(meeting, invitation)).Str("status"));
    }

    [DovecotFact]
    public async Task An_out_of_office_reply_a_counter_proposal_and_a_broken_message_change_nothing()
    {
        var (meeting, invitation, head) = await Invited();
        var (away, counter, broken) = ($"{Guid.NewGuid():N}@a.example", $"{Guid.NewGuid():N}@b.example", $"{Guid.NewGuid():N}@c.example");
        await Ready();

        await app.Dovecot.AppendAsync(Fill("exchange-out-of-office.eml", meeting, head, messageId: away));
        await app.Dovecot.AppendAsync(Fill("outlook-counter.eml", meeting, head, messageId: counter));
        await app.Dovecot.AppendAsync(Fill("malformed.eml", meeting, head, messageId: broken));

        await InFolder(MailboxApp.Processed, away);
        await InFolder(MailboxApp.Unrecognized, counter);
        await InFolder(MailboxApp.Unrecognized, broken);
        Assert.Equal("pending", (await Invitation(meeting, invitation)).Str("status"));
    }

    [DovecotFact]
    public async Task A_5_1_1_bounce_marks_the_row_bounced_and_a_delay_changes_nothing()
    {
        var (meeting, _, head) = await Invited();
        await app.Dispatch();
        var row = (await Deliveries(meeting, "sent")).Single(d => d.GetProperty("recipient").Str("email") == head && d.Str("kind") == "invitation");
        var rowMessageId = MessageIds.Of(Guid.Parse(row.Str("id")), Organizer);
        var delay = $"{Guid.NewGuid():N}@mail.example";
        await Ready();

        await app.Dovecot.AppendAsync(Fill("exchange-delay-4.4.7.eml", meeting, head, messageId: delay, rowMessageId: rowMessageId));
        await InFolder(MailboxApp.Processed, delay);
        Assert.Empty(await Deliveries(meeting, "bounced"));

        await app.Dovecot.AppendAsync(Fill("postfix-bounce-5.1.1.eml", meeting, head, rowMessageId: rowMessageId));
        var bounced = await Eventually(async () => (await Deliveries(meeting, "bounced")).Select(d => (JsonElement?)d).SingleOrDefault());

        Assert.Equal(row.Str("id"), bounced.Str("id"));
        Assert.Contains("550 5.1.1", bounced.Str("lastError"), StringComparison.Ordinal);
    }

    [DovecotFact]
    public async Task Two_bounces_in_one_hour_send_one_bounce_alert_to_the_organizer_and_are_counted_on_the_metrics()
    {
        var (meeting, _, _) = await Invited();
        await app.Dispatch();
        var rows = (await Deliveries(meeting, "sent")).Where(d => d.Str("kind") == "invitation").Take(2).ToList();
        Assert.Equal(2, rows.Count);
        await Ready();

        foreach (var (row, count) in rows.Select((r, i) => (r, i + 1)))
        {
            var recipient = row.GetProperty("recipient").Str("email");
            await app.Dovecot.AppendAsync(Fill("postfix-bounce-5.1.1.eml", meeting, recipient, rowMessageId: MessageIds.Of(Guid.Parse(row.Str("id")), Organizer)));
            await Eventually(async () => (await Deliveries(meeting, "bounced")).Count == count ? true : (bool?)null);
            await app.Dispatch(); // within the hour: the alert waits for the hour's end
            Assert.DoesNotContain(await Deliveries(meeting, "sent"), d => d.Str("kind") == "bounce-alert");
        }

        app.Clock.Advance(TimeSpan.FromHours(1)); // past the end of the bounces' hour
        await app.Dispatch();
        var alerts = (await Deliveries(meeting, "sent")).Where(d => d.Str("kind") == "bounce-alert").ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal("direktorium@host.example", alert.GetProperty("recipient").Str("email"));
        var mail = Assert.Single(app.Smtp.To("direktorium@host.example", meeting), m => m.Headers["X-Meetings-Kind"] == "BounceAlert");
        Assert.StartsWith("Unzustellbare Mails zur Sitzung", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(rows[0].GetProperty("recipient").Str("email"), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(rows[1].GetProperty("recipient").Str("email"), mail.TextBody, StringComparison.Ordinal); // the later bounce of the hour too
        Assert.Contains("5.1.1", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);

        var metrics = await Eventually(async () => await app.Anonymous().GetStringAsync("/metrics") is var text
            && text.Split('\n').Any(l => l.StartsWith("meetings_mail_bounced_total{", StringComparison.Ordinal) && l.Contains("kind=\"invitation\"", StringComparison.Ordinal))
            ? true : (bool?)null);
        Assert.True(metrics);
    }

    [DovecotFact]
    public async Task A_NUL_in_a_strangers_subject_or_a_bounces_diagnostic_stops_nothing_and_a_later_Accept_counts()
    {
        var (meeting, invitation, head) = await Invited();
        await app.Dispatch();
        var row = (await Deliveries(meeting, "sent")).First(d => d.Str("kind") == "invitation" && d.GetProperty("recipient").Str("email") != head);
        var (question, dsn, accept) = ($"{Guid.NewGuid():N}@a.example", $"{Guid.NewGuid():N}@b.example", $"{Guid.NewGuid():N}@outlook.example");
        var nulSubject = Fill("question.eml", meeting, head, messageId: question).Replace("\nSubject: ", "\nSubject: =?utf-8?B?QQBC?= ", StringComparison.Ordinal);
        var nulDiagnostic = Fill("postfix-bounce-5.1.1.eml", meeting, row.GetProperty("recipient").Str("email"), messageId: dsn, rowMessageId: MessageIds.Of(Guid.Parse(row.Str("id")), Organizer))
            .Replace("Diagnostic-Code: smtp; 550 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 =?utf-8?B?QQBC?=", StringComparison.Ordinal);
        Assert.Contains('\0', Load(nulSubject).Subject!);
        Assert.Contains('\0', Assert.IsType<InboxMessageKind.Bounce>(InboxMessageClassifier.Classify(Load(nulDiagnostic))).Diagnostic);
        await Ready();

        await app.Dovecot.AppendAsync(nulSubject);
        await app.Dovecot.AppendAsync(nulDiagnostic);
        await app.Dovecot.AppendAsync(Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: accept));

        await StatusBecomes(meeting, invitation, "accepted");
        await InFolder(MailboxApp.Unrecognized, question);
        await InFolder(MailboxApp.Processed, dsn);
        await InFolder(MailboxApp.Processed, accept);
        var bounced = Assert.Single(await Deliveries(meeting, "bounced"));
        Assert.Equal(row.Str("id"), bounced.Str("id"));
        Assert.DoesNotContain('\0', bounced.Str("lastError"));
        Assert.Contains("550 5.1.1 A B", bounced.Str("lastError"), StringComparison.Ordinal);
    }

    [DovecotFact]
    public async Task A_bounce_of_no_row_of_ours_goes_to_the_office()
    {
        var messageId = $"{Guid.NewGuid():N}@mail.example";
        await Ready();

        await app.Dovecot.AppendAsync(Fill("office365-bounce-5.1.10.eml", messageId: messageId, rowMessageId: "abc@elsewhere.example"));

        await InFolder(MailboxApp.Unrecognized, messageId);
    }

    [DovecotFact]
    public async Task The_same_message_twice_acts_once()
    {
        var (meeting, invitation, head) = await Invited();
        var messageId = $"{Guid.NewGuid():N}@outlook.example";
        var accept = Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: messageId);
        await Ready();

        await app.Dovecot.AppendAsync(accept);
        await StatusBecomes(meeting, invitation, "accepted");
        (await _admin.Answer(meeting, invitation, new { status = "declined" })).EnsureSuccessStatusCode();
        await app.Dovecot.AppendAsync(accept); // a copy, with the same Message-ID

        await Eventually(async () => (await app.Dovecot.MessageIdsIn(MailboxApp.Processed)).Count(id => id == messageId) == 2 ? true : (bool?)null);
        Assert.Equal("declined", (await Invitation(meeting, invitation)).Str("status"));
    }

    [DovecotFact]
    public async Task A_reply_that_acted_but_was_not_moved_before_a_crash_is_moved_and_acts_once()
    {
        var (meeting, invitation, head) = await Invited();
        var messageId = $"{Guid.NewGuid():N}@outlook.example";
        var raw = Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: messageId);
        var message = Load(raw);
        var identity = InboxIdentity.Of(message, []);
        await Ready();

        // The process acted (the answer is stored, its history names the message) and died before it recorded or moved it.
        using (var scope = app.Services.CreateScope())
        {
            var replies = scope.ServiceProvider.GetRequiredService<IMailboxCalendarReplies>();
            var acted = await replies.RecordAsync(InboxMessageClassifier.CalendarParts(message).First(), $"mailbox, message {identity}", CancellationToken.None);
            Assert.Equal(MailboxReplyOutcome.Recorded, acted.Outcome);
        }

        (await _admin.Answer(meeting, invitation, new { status = "declined" })).EnsureSuccessStatusCode();
        await app.Dovecot.AppendAsync(raw); // still in the inbox when the reader looks again

        await InFolder(MailboxApp.Processed, messageId);
        Assert.Equal("declined", (await Invitation(meeting, invitation)).Str("status"));
    }

    private async Task<(string Meeting, string Invitation, string Head)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        return (meeting, invitation.Id(), invitation.GetProperty("recipient").Str("email"));
    }

    /// <summary>The reader has connected and made its folders (the service started with the first request).</summary>
    private async Task Ready() => await Eventually(async () => (await app.Dovecot.Folders()).Contains(MailboxApp.Unrecognized) ? true : (bool?)null);

    private async Task<JsonElement> Invitation(string meeting, string invitation) =>
        (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);

    private Task<JsonElement> StatusBecomes(string meeting, string invitation, string status) =>
        Eventually(async () => await Invitation(meeting, invitation) is var i && i.Str("status") == status ? i : (JsonElement?)null);

    private async Task<List<JsonElement>> Deliveries(string meeting, string status) =>
        (await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?status={status}&take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    private async Task InFolder(string folder, string messageId) =>
        await Eventually(async () => (await app.Dovecot.MessageIdsIn(folder)).Contains(messageId) ? true : (bool?)null);

    private async Task<T> Eventually<T>(Func<Task<T?>> probe, int seconds = 10)
        where T : struct
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, $"not within {seconds} s; the reader logged:{Environment.NewLine}{app.Log}");
            await Task.Delay(50);
        }
    }
}
