using Meetings.Domain.Directory;

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
