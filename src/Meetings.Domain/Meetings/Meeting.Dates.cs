using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

public sealed partial class Meeting
{
    /// <summary>
    /// A draft takes the date found for it (a date poll closed with a slot): its start and end move, the agenda's
    /// times follow (they are computed from the start). Only a draft; the agenda must fit, the RSVP deadline (if set)
    /// must stay before the new start.
    /// </summary>
    public void TakeDate(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Draft)
        {
            throw new DomainException($"Only a draft takes the date of a poll; this meeting is {StatusName}.");
        }

        var errors = new ValidationErrors();
        CheckTimes(errors, startsAt.ToUniversalTime(), endsAt.ToUniversalTime(), deadline: null);
        errors.ThrowIfAny();
        if (AnswerDeadline is { } deadline && deadline >= startsAt)
        {
            throw new DomainException("The meeting's RSVP deadline would fall after the chosen date; change the deadline first (PUT).");
        }

        Agenda.EnsureFitsInto((int)(endsAt - startsAt).TotalMinutes);
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        UpdatedAt = now;
    }
}
