using System.Net;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>Mail as invitees receive it, through a real SMTP server on loopback.</summary>
public sealed class MailDispatchTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private async Task<(string Meeting, string Head, string Invitation)> Published()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        return (meeting, invitation.GetProperty("recipient").Str("email"), invitation.Id());
    }

    private static TextPart CalendarPart(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");

    [Fact]
    public async Task Publishing_sends_each_invitee_one_invitation_with_a_calendar_request()
    {
        var (meeting, head, invitationId) = await Published();

        await app.Dispatch();
        await app.Dispatch();

        var mail = Assert.Single(app.Smtp.To(head, meeting));
        Assert.Single(mail.To.Mailboxes);
        Assert.StartsWith("Einladung: ", mail.Subject, StringComparison.Ordinal);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains("https://intranet.augsburg.example/rsvp/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tagesordnung", mail.HtmlBody, StringComparison.Ordinal);
        var part = CalendarPart(mail);
        Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
        var calendar = Calendar.Load(part.Text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal($"{meeting}@meetings", vevent.Uid);
        var attendee = Assert.Single(vevent.Attendees);
        Assert.Equal($"mailto:{head}", attendee.Value!.OriginalString);
        Assert.Equal(("REQ-PARTICIPANT", "NEEDS-ACTION", true), (attendee.Role, attendee.ParticipationStatus, attendee.Rsvp));
        Assert.Equal("mailto:direktorium@host.example", vevent.Organizer!.Value!.OriginalString); // the series' organizer
        Assert.StartsWith("Amtsleitungstreffen ", vevent.Organizer.CommonName, StringComparison.Ordinal);
        var row = await app.Db(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.InvitationId == Guid.Parse(invitationId) && d.Kind == DeliveryKind.Invitation));
        Assert.Equal(DeliveryStatus.Sent, row.Status);
    }

    [Fact]
    public async Task Reminders_go_once_per_offset_not_to_those_who_declined_and_to_the_delegate_instead_of_the_head()
    {
        var declining = await _admin.CreateDepartment();
        var delegating = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitations = await _admin.Invitations(meeting);
        var declined = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == declining);
        var delegated = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == delegating);
        await _admin.Answer(meeting, declined.Id(), new { status = "declined" });
        await _admin.Answer(meeting, delegated.Id(), new { status = "delegated", @delegate = new { name = "Vera Vertretung", email = "vera@augsburg.example" } });
        await app.Dispatch();

        app.Clock.Advance(TimeSpan.FromDays(23).Add(TimeSpan.FromMinutes(1))); // past the P7D reminder
        await app.Dispatch();
        await app.Dispatch();

        Assert.DoesNotContain(app.Smtp.To(declined.GetProperty("recipient").Str("email"), meeting), m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Smtp.To(delegated.GetProperty("recipient").Str("email"), meeting), m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
        Assert.Single(app.Smtp.To("vera@augsburg.example", meeting), m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
        var host = invitations.First(i => i.Str("kind") == "host").GetProperty("recipient").Str("email");
        Assert.Single(app.Smtp.To(host, meeting), m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rescheduling_sends_updates_with_a_higher_sequence_and_nothing_for_the_old_time()
    {
        var (meeting, head, _) = await Published();
        await app.Dispatch();
        var start = InAMonth;

        await _admin.Action(meeting, "reschedule", new { startsAt = start.AddDays(14).ToString("O"), endsAt = start.AddDays(14).AddHours(2).ToString("O") });
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromDays(24)); // past the old P7D reminder, before the new one
        await app.Dispatch();

        var update = Assert.Single(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Verschoben", StringComparison.Ordinal));
        Assert.Equal(1, Calendar.Load(CalendarPart(update).Text)!.Events.Single().Sequence);
        Assert.DoesNotContain(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Erinnerung", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_sends_calendar_cancellations_and_nothing_afterwards()
    {
        var (meeting, head, _) = await Published();
        await app.Dispatch();

        await _admin.Action(meeting, "cancel", new { reason = "Haushaltsklausur" });
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromDays(29));
        await app.Dispatch();

        var mails = app.Smtp.To(head, meeting);
        var cancellation = Assert.Single(mails, m => m.Subject!.StartsWith("Abgesagt", StringComparison.Ordinal));
        Assert.Equal("CANCEL", CalendarPart(cancellation).ContentType.Parameters["method"]);
        var vevent = Calendar.Load(CalendarPart(cancellation).Text)!.Events.Single();
        Assert.Equal(("CANCELLED", 1), (vevent.Status, vevent.Sequence));
        Assert.Equal(2, mails.Count); // the invitation and the cancellation, no reminder
    }

    [Fact]
    public async Task A_451_is_retried_with_the_attempts_recorded_and_a_550_fails_for_good()
    {
        var (meeting, head, invitationId) = await Published();
        var now = app.Clock.GetUtcNow();
        var rows = await app.Db(db => db.Deliveries.AsNoTracking().CountAsync(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now));
        app.Smtp.AnswerNext(Enumerable.Repeat(451, rows).ToArray());

        await app.Dispatch();
        var afterFirst = await Row(invitationId);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Dispatch();
        var delivered = await Row(invitationId);

        Assert.Equal((DeliveryStatus.Queued, 1), (afterFirst.Status, afterFirst.Attempts));
        Assert.Contains("451", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal((DeliveryStatus.Sent, 2), (delivered.Status, delivered.Attempts));
        Assert.Single(app.Smtp.To(head, meeting));

        var (otherMeeting, otherHead, otherInvitation) = await Published();
        var later = app.Clock.GetUtcNow();
        var count = await app.Db(db => db.Deliveries.AsNoTracking().CountAsync(d => d.Status == DeliveryStatus.Queued && d.DueAt <= later));
        app.Smtp.AnswerNext(Enumerable.Repeat(550, count).ToArray());
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Dispatch();
        var failed = await Row(otherInvitation);
        Assert.Equal((DeliveryStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.To(otherHead, otherMeeting));
        var ledger = await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?kind=invitation&status=sent")).Json(HttpStatusCode.OK);
        Assert.True(ledger.GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_row_left_sending_by_a_dead_worker_is_recovered_and_sent_once()
    {
        var (meeting, head, invitationId) = await Published();
        await app.Db(db => db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.Kind == DeliveryKind.Invitation)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.LeaseUntil, app.Clock.GetUtcNow().AddMinutes(1)).SetProperty(d => d.ClaimToken, Guid.NewGuid())));

        await app.Dispatch(); // the lease still runs: nothing is sent
        Assert.Empty(app.Smtp.To(head, meeting));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.Dispatch();
        await app.Dispatch();

        Assert.Single(app.Smtp.To(head, meeting));
        Assert.Equal(DeliveryStatus.Sent, (await Row(invitationId)).Status);
    }

    [Fact]
    public async Task The_same_due_rows_dispatched_by_two_workers_at_once_go_out_once()
    {
        var published = new List<(string Meeting, string Head)>();
        for (var n = 0; n < 3; n++)
        {
            var (meeting, head, _) = await Published();
            published.Add((meeting, head));
        }

        await Task.WhenAll(app.Dispatch(), app.Dispatch(), app.Dispatch());

        Assert.All(published, p => Assert.Single(app.Smtp.To(p.Head, p.Meeting), m => m.Subject!.StartsWith("Einladung", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_batch_that_has_used_half_its_lease_gives_its_unsent_rows_back_to_the_queue()
    {
        var (meeting, _, _) = await Published();
        var heads = (await _admin.Invitations(meeting)).Select(i => i.GetProperty("recipient").Str("email")).ToList();
        var lease = global::Meetings.Infrastructure.Mail.Dispatch.MailDispatcher.Lease;
        app.Smtp.AfterNextAccepted = () => app.Clock.Advance((lease / 2) + TimeSpan.FromSeconds(1)); // a very slow server

        var first = await app.Dispatch();
        var leased = await app.Db(db => db.Deliveries.AsNoTracking().CountAsync(d => d.Status == DeliveryStatus.Sending));
        await app.Dispatch();

        Assert.Equal(1, first.Sent);
        Assert.True(first.Claimed > 1);
        Assert.Equal(0, leased);
        Assert.All(heads, head => Assert.Single(app.Smtp.To(head, meeting)));
    }

    [Fact]
    public async Task The_rsvp_nudge_goes_only_to_invitees_who_have_not_answered()
    {
        var answering = await _admin.CreateDepartment();
        var silent = await _admin.CreateDepartment();
        var start = InAMonth;
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), start, new { rsvpDeadline = start.AddDays(-10).ToString("O") })).Id();
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var invitations = await _admin.Invitations(meeting);
        var answered = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == answering);
        var pending = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == silent);
        await _admin.Answer(meeting, answered.Id(), new { status = "accepted" });
        await app.Dispatch();

        app.Clock.Advance(TimeSpan.FromDays(18).Add(TimeSpan.FromMinutes(1))); // past deadline − P2D, before the deadline
        await app.Dispatch();

        var nudge = Assert.Single(app.Smtp.To(pending.GetProperty("recipient").Str("email"), meeting), m => m.Headers["X-Meetings-Kind"] == "RsvpNudge");
        Assert.StartsWith("Bitte antworten: ", nudge.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.To(answered.GetProperty("recipient").Str("email"), meeting), m => m.Headers["X-Meetings-Kind"] == "RsvpNudge");
    }

    [Fact]
    public async Task A_reminder_still_being_retried_when_the_meeting_starts_is_never_sent()
    {
        var (meeting, head, invitationId) = await Published();
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromDays(29).Add(TimeSpan.FromMinutes(1))); // past the P1D reminder (P7D too)
        app.Smtp.AnswerAllWith = 451; // the server defers every mail
        try
        {
            await app.Dispatch();
        }
        finally
        {
            app.Smtp.AnswerAllWith = null;
        }

        app.Clock.Advance(TimeSpan.FromDays(1)); // the meeting has started when the retry falls due
        await app.Dispatch();

        Assert.DoesNotContain(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Reminder");
        var reminders = await app.Db(db => db.Deliveries.AsNoTracking()
            .Where(d => d.InvitationId == Guid.Parse(invitationId) && d.Kind == DeliveryKind.Reminder).ToListAsync());
        Assert.All(reminders, r => Assert.Equal((DeliveryStatus.Skipped, "the meeting has started"), (r.Status, r.LastError)));
    }

    private Task<Delivery> Row(string invitationId) =>
        app.Db(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.InvitationId == Guid.Parse(invitationId) && d.Kind == DeliveryKind.Invitation));
}
