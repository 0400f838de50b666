namespace Meetings.Domain.Polls;

/// <summary>A date offered in a poll: a start and an end (UTC).</summary>
public sealed class PollSlot
{
    private PollSlot()
    {
    }

    internal PollSlot(Guid id, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        Id = id;
        StartsAt = startsAt;
        EndsAt = endsAt;
    }

    public Guid Id { get; private set; }
    public Guid PollId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    internal bool SameTimeAs(PollSlotInput input) =>
        StartsAt == input.StartsAt?.ToUniversalTime() && EndsAt == input.EndsAt?.ToUniversalTime();
}

/// <summary>A participant's answer for one slot.</summary>
public enum PollAnswer
{
    Yes,
    Maybe,
    No,
}

/// <summary>A slot as the office asks for it, unvalidated.</summary>
public sealed record PollSlotInput(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>Opening or changing a poll, unvalidated: the slots, the deadline, a note to the participants.</summary>
public sealed record PollInput(IReadOnlyList<PollSlotInput>? Slots, DateTimeOffset? Deadline, string? Note);

/// <summary>One vote as it comes in: the slot and the answer.</summary>
public sealed record PollVoteInput(Guid? SlotId, PollAnswer? Answer);
