using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

/// <summary>The answering rule: one for every channel (key, personal link, answer page, calendar reply).</summary>
public sealed partial class Invitation
{
    /// <summary>
    /// Why the invitation takes no answer now through <paramref name="via"/>, or null when it does. The meeting
    /// must be published (an admin may also record an answer for a completed one), and — except for an admin
    /// recording an answer on someone's behalf — not started and before its answer deadline.
    /// </summary>
    public AnswersClosed? ClosedFor(Meeting meeting, AnswerChannel via, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return AnswersClosed.Withdrawn;
        }

        if (meeting.Status != MeetingStatus.Published && !(via == AnswerChannel.Admin && meeting.Status == MeetingStatus.Completed))
        {
            return meeting.Status switch
            {
                MeetingStatus.Cancelled => AnswersClosed.MeetingCancelled,
                MeetingStatus.Completed => AnswersClosed.MeetingCompleted,
                _ => AnswersClosed.MeetingNotPublished,
            };
        }

        if (via == AnswerChannel.Admin)
        {
            return null;
        }

        if (meeting.StartsAt <= now)
        {
            return AnswersClosed.MeetingStarted;
        }

        return meeting.AnswerDeadline is { } deadline && deadline <= now ? AnswersClosed.DeadlinePassed : null;
    }

    /// <summary><see cref="ClosedFor"/> in words (the API's 409 detail), or null when answers are open.</summary>
    public string? WhyClosed(Meeting meeting, AnswerChannel via, DateTimeOffset now) => ClosedFor(meeting, via, now) switch
    {
        null => null,
        AnswersClosed.Withdrawn => "This invitation was withdrawn; it takes no answers.",
        AnswersClosed.MeetingStarted => "The meeting has started; answers are closed.",
        AnswersClosed.DeadlinePassed =>
            $"The RSVP deadline ({meeting.AnswerDeadline:yyyy-MM-dd HH:mm} UTC) has passed; ask the organizer to record your answer.",
        _ => $"The meeting is {meeting.Status.ToString().ToLowerInvariant()}; it takes no answers.",
    };

    /// <summary>
    /// Records an answer, if <see cref="WhyClosed"/> allows it. Repeating the current answer changes nothing and
    /// adds no history entry. A new delegate raises <see cref="InvitationDelegated"/> (the invitation and the reminders go
    /// to the delegate, with a link of the delegate's own). Except for an admin recording it, a new delegate must be an
    /// address the service mails (<paramref name="recipients"/>; otherwise 422) and the delegate changes at most
    /// <see cref="MaxDelegateChangesPerDay"/> times a day (otherwise 409).
    /// </summary>
    public void Answer(Meeting meeting, IAnswer answer, AnswerChannel via, string actor, DateTimeOffset now, AllowedRecipients recipients)
    {
        if (meeting.Id != MeetingId)
        {
            throw new ArgumentException("The invitation belongs to another meeting.", nameof(meeting));
        }

        var given = answer.For(this, meeting);
        var errors = new ValidationErrors();
        var status = errors.Required("status", given.Status);
        if (given.Status == AnswerStatus.Pending)
        {
            errors.Add("status", "must be accepted, declined, tentative or delegated.");
        }

        Person? delegatePerson = null;
        if (status == AnswerStatus.Delegated)
        {
            if (given.Delegate is null)
            {
                errors.Add("delegate", "is required when delegating: name and e-mail of the person who comes instead.");
            }
            else
            {
                delegatePerson = Person.Create(errors, "delegate", given.Delegate with { Title = null });
                if (delegatePerson.Email.Length > 0 && delegatePerson.Email == Recipient.Email)
                {
                    errors.Add("delegate.email", "must be someone other than the invitee.");
                }
            }
        }
        else if (given.Delegate is not null)
        {
            errors.Add("delegate", "is only allowed with status delegated.");
        }

        var comment = errors.OptionalMultilineText("comment", given.Comment, CommentMaxLength);
        errors.ThrowIfAny();

        if (WhyClosed(meeting, via, now) is { } closed)
        {
            throw new DomainException(closed);
        }

        if (status == Status && delegatePerson == Delegate && comment == Comment)
        {
            return;
        }

        var newDelegate = status == AnswerStatus.Delegated
                          && (Status != AnswerStatus.Delegated || Delegate is null || Delegate.Email != delegatePerson!.Email);
        if (newDelegate)
        {
            CountDelegateChange(delegatePerson!, via, now, recipients);
        }

        Status = status;
        Delegate = delegatePerson;
        Comment = comment;
        AnsweredAt = now;
        if (newDelegate)
        {
            DelegateToken = NewToken();
        }
        else if (status != AnswerStatus.Delegated)
        {
            DelegateToken = null;
        }

        AddHistory(new AnswerHistoryEntry(status, now, via, actor, status == AnswerStatus.Delegated ? $"delegated to {delegatePerson!.Email}" : null));
        if (newDelegate)
        {
            Raise(new InvitationDelegated(meeting, this, now));
        }
    }

    /// <summary>
    /// Counts a new delegate. Unless an admin names it, the address must be one the service mails (422), and the
    /// delegate may change at most <see cref="MaxDelegateChangesPerDay"/> times within 24 hours (409: a rule of this
    /// invitation, whoever asks, not a limit on a client's requests).
    /// </summary>
    private void CountDelegateChange(Person newDelegate, AnswerChannel via, DateTimeOffset now, AllowedRecipients recipients)
    {
        var since = DelegateChangesSince is { } start && now - start < TimeSpan.FromDays(1) ? start : now;
        var changes = since == DelegateChangesSince ? DelegateChanges : 0;
        if (via != AnswerChannel.Admin)
        {
            recipients.EnsureAllowed("delegate.email", newDelegate.Email);
            if (changes >= MaxDelegateChangesPerDay)
            {
                throw new DomainException(
                    $"The delegate of this invitation has changed {MaxDelegateChangesPerDay} times within 24 hours; it can change again after "
                    + $"{since.AddDays(1).UtcDateTime:yyyy-MM-dd HH:mm} UTC. The office can record a delegate at any time.");
            }
        }

        DelegateChangesSince = since;
        DelegateChanges = changes + 1;
    }
}
