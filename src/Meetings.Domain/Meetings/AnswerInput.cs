using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

/// <summary>What an invitee says, as a channel brings it; its meaning may depend on the invitation and the meeting.</summary>
public interface IAnswer
{
    /// <summary>The answer to record for <paramref name="invitation"/> of <paramref name="meeting"/>.</summary>
    AnswerInput For(Invitation invitation, Meeting meeting);
}

/// <summary>
/// An answer as it arrives from the API, the personal link or the answer page, unvalidated (<see cref="Invitation.Answer"/>
/// checks it): it means what it says.
/// </summary>
public sealed record AnswerInput(AnswerStatus? Status, PersonInput? Delegate, string? Comment) : IAnswer
{
    public AnswerInput For(Invitation invitation, Meeting meeting) => this;
}
