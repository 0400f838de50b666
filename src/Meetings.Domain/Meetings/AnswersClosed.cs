namespace Meetings.Domain.Meetings;

/// <summary>Why an invitation takes no answer (now, through a channel): <see cref="Invitation.ClosedFor"/>.</summary>
public enum AnswersClosed
{
    Withdrawn,
    MeetingNotPublished,
    MeetingCancelled,
    MeetingCompleted,
    MeetingStarted,
    DeadlinePassed,
}
