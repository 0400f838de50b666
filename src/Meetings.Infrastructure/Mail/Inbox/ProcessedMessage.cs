using Meetings.Domain.Common;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// A message of the office's mailbox that the reader has dealt with, by its identity (<see cref="InboxIdentity"/>):
/// written in the same transaction as what the message did (a bounce), or right after the answer whose history entry
/// names the same identity (a calendar reply, <see cref="InboxMessageHandler"/>). A message seen again — the crash
/// between acting and moving, a second copy with the same Message-ID — is only moved, to the folder stored here.
/// </summary>
public sealed class ProcessedMessage
{
    public const int IdentityMaxLength = 80;
    public const int NoteMaxLength = 1000;

    private ProcessedMessage()
    {
        Identity = Outcome = string.Empty;
    }

    public ProcessedMessage(string identity, InboxDestination destination, string outcome, string? note, DateTimeOffset at)
    {
        Identity = identity;
        Destination = destination;
        Outcome = outcome;
        note = note is null ? null : TextRules.ToOneLine(note); // it may quote a stranger's text (a NUL cannot be stored on PostgreSQL)
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note;
        ProcessedAt = at;
    }

    public string Identity { get; private set; }
    public InboxDestination Destination { get; private set; }

    /// <summary>What the message was (<c>reply</c>, <c>bounce</c>, <c>delay</c>, <c>auto-reply</c>, <c>other</c>).</summary>
    public string Outcome { get; private set; }

    public string? Note { get; private set; }
    public DateTimeOffset ProcessedAt { get; private set; }
}

/// <summary>Where a message is moved.</summary>
public enum InboxDestination
{
    Processed,
    Unrecognized,
}
