using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// Deals with one message of the office's mailbox, once: a message whose identity is stored already is only moved (to
/// where it went before). Otherwise it is sorted (<see cref="InboxMessageClassifier"/>) and acts:
/// a bounce marks its ledger row <c>bounced</c> in the same transaction as the message's record; a calendar reply goes
/// through the answering use case with an actor that names the message (the answer's history entry, written in the
/// answer's own transaction, is then the record: a reply whose entry is there is not applied again); everything else
/// only gets its record. Returns the folder the message goes to.
/// </summary>
public sealed class InboxMessageHandler(
    MeetingsDbContext db, IMailboxCalendarReplies replies, IOptions<MailOptions> options, MailMetrics metrics, TimeProvider clock, ILogger<InboxMessageHandler> logger)
{
    private DeliveryKind? _bounced;

    public async Task<InboxDestination> HandleAsync(MimeMessage message, string identity, CancellationToken ct)
    {
        if (await db.Set<ProcessedMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Identity == identity, ct) is { } seen)
        {
            logger.LogInformation("Mailbox: message {MessageId} ({Identity}) was dealt with before ({Outcome}); it is only moved.", message.MessageId, identity, seen.Outcome);
            return seen.Destination;
        }

        var kind = InboxMessageClassifier.Classify(message);
        var (destination, outcome, note) = kind switch
        {
            InboxMessageKind.Bounce bounce => await BounceAsync(bounce, ct),
            InboxMessageKind.DeliveryNotice notice => Noted(notice),
            InboxMessageKind.CalendarReply reply => await ReplyAsync(message, reply, identity, ct),
            InboxMessageKind.AutoReply auto => (InboxDestination.Processed, "auto-reply", auto.Why),
            InboxMessageKind.Other other => (InboxDestination.Unrecognized, "other", other.Why),
            _ => (InboxDestination.Unrecognized, "other", "unknown"),
        };
        logger.LogInformation("Mailbox: message {MessageId} from {From}: {Outcome} → {Destination} ({Note})",
            message.MessageId, message.From.Mailboxes.FirstOrDefault()?.Address, outcome, destination, note);
        db.Add(new ProcessedMessage(identity, destination, outcome, note, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct); // with a bounce: the row's new state and this record in one transaction
        }
        catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
        {
            // another reader recorded the same message (a copy) at the same moment: it acted, this one did not
            db.ChangeTracker.Clear();
            return (await db.Set<ProcessedMessage>().AsNoTracking().SingleAsync(m => m.Identity == identity, ct)).Destination;
        }

        if (_bounced is { } bouncedKind)
        {
            metrics.Bounced(bouncedKind);
        }

        return destination;
    }

    private async Task<(InboxDestination, string, string)> BounceAsync(InboxMessageKind.Bounce bounce, CancellationToken ct)
    {
        var row = bounce.Row is { } id ? await db.Deliveries.FirstOrDefaultAsync(d => d.Id == id, ct) : null;
        if (row is null)
        {
            return (InboxDestination.Unrecognized, "bounce", $"a bounce ({bounce.Status}, {bounce.Recipient}) that names no mail of the ledger");
        }

        switch (row.Bounce(bounce.Diagnostic, clock.GetUtcNow()))
        {
            case BounceOutcome.NotSent:
                return (InboxDestination.Processed, "bounce", $"{row.Kind} row {row.Id} is {row.Status}, not sent: unchanged ({bounce.Diagnostic})");
            case BounceOutcome.BouncedBefore:
                return (InboxDestination.Processed, "bounce", $"{row.Kind} row {row.Id} had bounced before");
        }

        _bounced = row.Kind;
        return (InboxDestination.Processed, "bounced", $"{row.Kind} row {row.Id} to {row.RecipientEmail}: {bounce.Diagnostic}");
    }

    private (InboxDestination, string, string) Noted(InboxMessageKind.DeliveryNotice notice)
    {
        logger.LogWarning("Mailbox: a delivery notice {Status} for ledger row {Row}: noted, nothing changes.", notice.Status, notice.Row);
        return (InboxDestination.Processed, "delay", $"status {notice.Status} for row {notice.Row?.ToString() ?? "(none of ours)"}");
    }

    private async Task<(InboxDestination, string, string)> ReplyAsync(MimeMessage message, InboxMessageKind.CalendarReply reply, string identity, CancellationToken ct)
    {
        Domain.Meetings.CalendarReply read;
        try
        {
            read = CalendarReplyReader.Read(reply.Calendar);
        }
        catch (Exception e) when (e is CalendarFormatException or DomainValidationException or DomainException)
        {
            return (InboxDestination.Unrecognized, "reply", $"a calendar reply that cannot be read: {e.Message}");
        }

        if (!string.Equals(EmailAddress.Normalize(reply.From), EmailAddress.Normalize(read.AttendeeEmail), StringComparison.Ordinal))
        {
            return (InboxDestination.Unrecognized, "reply", $"From {reply.From} is not the ATTENDEE {read.AttendeeEmail}: nothing changes");
        }

        if (AuthenticationResultsCheck.WhyNot(message, options.Value.Inbox.TrustedAuthServId) is { } why)
        {
            return (InboxDestination.Unrecognized, "reply", $"{why}: nothing changes");
        }

        var actor = $"mailbox, message {identity}";
        var invitations = db.Invitations.Where(i => i.MeetingId == read.MeetingId).Select(i => i.Id); // the (InvitationId, Id) index: the meeting's history only
        if (read.MeetingId is not null && await db.Set<AnswerHistoryEntry>().AsNoTracking()
                .AnyAsync(h => invitations.Contains(EF.Property<Guid>(h, "InvitationId")) && h.Via == AnswerChannel.Calendar && h.Actor.StartsWith(actor), ct))
        {
            return (InboxDestination.Processed, "reply", "recorded before (the answer's history names this message)");
        }

        var result = await replies.RecordAsync(reply.Calendar, actor, ct);
        return result.Outcome switch
        {
            MailboxReplyOutcome.Recorded => (InboxDestination.Processed, "reply", result.Note),
            MailboxReplyOutcome.ChangedNothing => (InboxDestination.Processed, "reply", $"changed nothing: {result.Note}"),
            _ => (InboxDestination.Unrecognized, "reply", $"refused: {result.Note}"),
        };
    }
}
