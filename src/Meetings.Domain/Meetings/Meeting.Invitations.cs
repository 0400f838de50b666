using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>Who is invited to a meeting once it is published: the directory's changes and the confirmed speakers.</summary>
public sealed partial class Meeting
{
    /// <summary>
    /// Brings the department's invitation in line with the department, for a meeting still ahead:
    /// a new or re-activated department is invited, a deactivated one's invitation is withdrawn, a new
    /// head takes over the open invitation. A re-opened invitation and one that goes to a new head have a new
    /// personal link, and are sent again (<see cref="Occasion.Reissue"/>).
    /// </summary>
    public void SyncDepartment(Department department, DateTimeOffset now, string actor)
    {
        if (!IsUpcoming(now))
        {
            return;
        }

        var invitation = _invitations.SingleOrDefault(i => i.Kind == InvitationKind.Department && i.DepartmentId == department.Id);
        if (!department.Active)
        {
            if (invitation is { IsOpen: true })
            {
                Withdraw(invitation, now);
            }
        }
        else if (invitation is null)
        {
            Open(Invitation.Create(Id, InvitationKind.Department, department.Head, department.Id, null, now), now);
        }
        else if (!invitation.IsOpen)
        {
            invitation.Reopen(department.Head, now, actor);
            Raise(new InvitationOpened(this, invitation, now, Reissued: true));
        }
        else if (invitation.Recipient != department.Head)
        {
            var newPerson = invitation.Recipient.Email != department.Head.Email;
            invitation.Retarget(department.Head, now, actor);
            if (newPerson)
            {
                Raise(new InvitationOpened(this, invitation, now, Reissued: true));
            }
        }
    }

    /// <summary>
    /// The office has an invitation's personal link mailed again to the one who holds it now, while answers are taken (the
    /// meeting published and not started): as the invitation once more, one mail per call (<see cref="Occasion.LinkResent"/>).
    /// After the completion the link serves feedback: <c>Feedback.FeedbackMail.ResendLink</c> is the one entry for both.
    /// Anything else is a 409 that says why: a withdrawn invitation, a meeting that is cancelled, a draft, or has started.
    /// </summary>
    /// <returns>The kind of the mail planned.</returns>
    public DeliveryKind ResendLink(Guid invitationId, DateTimeOffset now)
    {
        var invitation = OpenInvitationToResend(invitationId);
        return Status switch
        {
            MeetingStatus.Published when StartsAt > now => ResendLinkAs(invitation, DeliveryKind.Invitation, now),
            MeetingStatus.Published => throw new DomainException(
                "The meeting has started: the link takes no answer any more, and feedback opens with the completion. Send it again after completing the meeting."),
            _ => throw new DomainException($"The meeting is {StatusName}: there is no link to send."),
        };
    }

    /// <summary>The open invitation whose link is to be sent again (404 if there is none, 409 if it was withdrawn).</summary>
    internal Invitation OpenInvitationToResend(Guid invitationId)
    {
        var invitation = _invitations.SingleOrDefault(i => i.Id == invitationId) ?? throw new NotFoundException("Invitation", invitationId);
        return invitation.IsOpen ? invitation
            : throw new DomainException("The invitation was withdrawn: its link takes nothing any more, so it is not sent again.");
    }

    /// <summary>Plans the link's mail once more as a mail of <paramref name="kind"/>, under an occasion of its own.</summary>
    internal DeliveryKind ResendLinkAs(Invitation invitation, DeliveryKind kind, DateTimeOffset now)
    {
        Raise(new InvitationLinkResent(this, invitation, kind, Occasion.LinkResent(Ids.New()), now));
        return kind;
    }

    /// <summary>A confirmed speaker: a published meeting invites the speaker at once (a draft does on publish).</summary>
    internal void InviteSpeaker(Speaker speaker, DateTimeOffset now)
    {
        if (Status == MeetingStatus.Published && !_invitations.Any(i => i.SpeakerId == speaker.Id && i.IsOpen))
        {
            Open(Invitation.Create(Id, InvitationKind.Speaker, speaker.AsPerson(), null, speaker.Id, now), now);
        }
    }

    /// <summary>A confirmed speaker was withdrawn: the speaker's talks leave the agenda and the invitation is withdrawn.</summary>
    internal void DropSpeaker(Speaker speaker, DateTimeOffset now)
    {
        foreach (var invitation in _invitations.Where(i => i.SpeakerId == speaker.Id && i.IsOpen))
        {
            Withdraw(invitation, now);
        }

        Agenda.RemoveTalksOf(speaker);
    }

    private void Open(Invitation invitation, DateTimeOffset now)
    {
        _invitations.Add(invitation);
        Raise(new InvitationOpened(this, invitation, now));
    }

    private void Withdraw(Invitation invitation, DateTimeOffset now)
    {
        invitation.Withdraw(now);
        Raise(new InvitationWithdrawn(this, invitation, now));
    }
}
