namespace Meetings.Domain.Meetings;

/// <summary>
/// One change of an invitation's answer, kept for good. The history is append-only: an invitation loaded
/// for a change need not load it; new entries are added to what is stored.
/// </summary>
public sealed class AnswerHistoryEntry
{
    public const int ActorMaxLength = 300;
    public const int NoteMaxLength = 1100;

    private AnswerHistoryEntry()
    {
        Actor = string.Empty;
    }

    internal AnswerHistoryEntry(AnswerStatus status, DateTimeOffset at, AnswerChannel via, string actor, string? note)
    {
        Status = status;
        At = at;
        Via = via;
        Actor = actor.Length > ActorMaxLength ? actor[..ActorMaxLength] : actor;
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note;
    }

    /// <summary>Given by the database in the order the entries were stored: the history's order.</summary>
    public long Id { get; private set; }

    public AnswerStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public AnswerChannel Via { get; private set; }
    public string Actor { get; private set; }
    public string? Note { get; private set; }
}
