namespace Meetings.Domain.Mail;

/// <summary>What an update tells invitees: a new time asks for a new answer; a new title or place does not.</summary>
[Flags]
public enum MeetingChange
{
    Time = 1,
    Title = 2,
    Location = 4,
}
