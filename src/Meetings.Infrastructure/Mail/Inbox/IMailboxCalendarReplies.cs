namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// The one answering use case, as the mailbox reader calls it (the Api implements it with the request behind
/// <c>POST /api/calendar/replies</c>): the same rules, the audit log naming the mailbox and the message.
/// </summary>
public interface IMailboxCalendarReplies
{
    /// <param name="calendar">The REPLY's iCalendar text as it came.</param>
    /// <param name="actor">Who the answer's history and the audit log name: <c>mailbox, message {identity}</c>.</param>
    Task<MailboxReplyResult> RecordAsync(string calendar, string actor, CancellationToken ct);
}

/// <summary>What became of a reply.</summary>
/// <param name="Outcome">Recorded; changed nothing by the rules (a stale SEQUENCE, after the deadline: a 409); or refused (unknown meeting or attendee, unreadable, not allowed: 4xx).</param>
/// <param name="Note">The answer, or the rule's words.</param>
public sealed record MailboxReplyResult(MailboxReplyOutcome Outcome, string Note);

public enum MailboxReplyOutcome
{
    Recorded,
    ChangedNothing,
    Refused,
}
