namespace Meetings.Domain.Meetings;

/// <summary>An invitee's answer to an invitation (pending until the first one).</summary>
public enum AnswerStatus
{
    Pending,
    Accepted,
    Declined,
    Tentative,
    Delegated,
}
