using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>The one rule set for every channel: <see cref="Invitation.Respond"/>.</summary>
public sealed class AnsweringTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static (Meeting Meeting, Invitation Invitation) Invited(DateTimeOffset? startsAt = null, DateTimeOffset? deadline = null)
    {
        var series = Series();
        var meeting = Draft(series, startsAt ?? InAMonth, deadline);
        meeting.Publish(series, [Department("10")], [], Now);
        meeting.ClearDomainEvents();
        return (meeting, meeting.Invitations.Single(i => i.Kind == InvitationKind.Department));
    }

    private static RsvpAnswer Answer(RsvpStatus status, PersonInput? delegatePerson = null, string? comment = null) => new(status, delegatePerson, comment);

    [Fact]
    public void An_answer_is_recorded_with_its_channel_and_actor_and_repeating_it_changes_nothing()
    {
        var (meeting, invitation) = Invited();

        invitation.Respond(meeting, Answer(RsvpStatus.Accepted, comment: "Ich komme später."), RsvpChannel.Token, "personal link", Now, Recipients);
        invitation.Respond(meeting, Answer(RsvpStatus.Accepted, comment: "Ich komme später."), RsvpChannel.Api, "portal", Now.AddMinutes(1), Recipients);

        Assert.Equal((RsvpStatus.Accepted, "Ich komme später.", Now), (invitation.Status, invitation.Comment, invitation.RespondedAt));
        var entry = Assert.Single(invitation.History);
        Assert.Equal((RsvpStatus.Accepted, RsvpChannel.Token, "personal link"), (entry.Status, entry.Via, entry.Actor));
    }

    [Fact]
    public void Delegating_needs_someone_else_with_a_name_and_an_address_and_tells_the_ledger()
    {
        var (meeting, invitation) = Invited();

        var missing = Assert.Throws<DomainValidationException>(() => invitation.Respond(meeting, Answer(RsvpStatus.Delegated), RsvpChannel.Api, "portal", Now, Recipients));
        var self = Assert.Throws<DomainValidationException>(() => invitation.Respond(
            meeting, Answer(RsvpStatus.Delegated, new PersonInput("Ich", invitation.Recipient.Email)), RsvpChannel.Api, "portal", Now, Recipients));
        var notDelegating = Assert.Throws<DomainValidationException>(() => invitation.Respond(
            meeting, Answer(RsvpStatus.Accepted, new PersonInput("Vera", "vera@augsburg.example")), RsvpChannel.Api, "portal", Now, Recipients));
        invitation.Respond(meeting, Answer(RsvpStatus.Delegated, new PersonInput("Vera Vertretung", "Vera@Augsburg.example")), RsvpChannel.Api, "portal", Now, Recipients);

        Assert.Contains("delegate", missing.Errors.Keys);
        Assert.Contains("delegate.email", self.Errors.Keys);
        Assert.Contains("delegate", notDelegating.Errors.Keys);
        Assert.Equal(("vera@augsburg.example", "vera@augsburg.example"), (invitation.Delegate!.Email, invitation.MailRecipient.Email));
        Assert.Equal("delegated to vera@augsburg.example", invitation.History.Single().Note);
        Assert.Equal(invitation, Assert.IsType<InvitationDelegated>(Assert.Single(meeting.DomainEvents)).Invitation);
    }

    [Fact]
    public void Pending_is_no_answer_and_every_field_error_is_reported_at_once()
    {
        var (meeting, invitation) = Invited();

        var pending = Assert.Throws<DomainValidationException>(() => invitation.Respond(meeting, Answer(RsvpStatus.Pending), RsvpChannel.Api, "portal", Now, Recipients));
        var both = Assert.Throws<DomainValidationException>(() => invitation.Respond(
            meeting, new RsvpAnswer(null, null, new string('x', Invitation.CommentMaxLength + 1)), RsvpChannel.Api, "portal", Now, Recipients));

        Assert.Contains("status", pending.Errors.Keys);
        Assert.Equal(["comment", "status"], both.Errors.Keys.Order());
        Assert.Equal(RsvpStatus.Pending, invitation.Status);
    }

    [Fact]
    public void After_the_deadline_or_the_start_only_an_admin_records_an_answer()
    {
        var (meeting, invitation) = Invited(deadline: Now.AddDays(10));
        var afterDeadline = Now.AddDays(11);

        var refused = Assert.Throws<DomainException>(() => invitation.Respond(meeting, Answer(RsvpStatus.Accepted), RsvpChannel.Token, "personal link", afterDeadline, Recipients));
        invitation.Respond(meeting, Answer(RsvpStatus.Accepted), RsvpChannel.Admin, "office", afterDeadline, Recipients);

        Assert.Contains("deadline", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RsvpStatus.Accepted, invitation.Status);
        Assert.Contains("started", invitation.WhyClosed(meeting, RsvpChannel.Calendar, InAMonth.AddMinutes(1)), StringComparison.Ordinal);
        Assert.Null(invitation.WhyClosed(meeting, RsvpChannel.Admin, InAMonth.AddMinutes(1)));
    }

    [Fact]
    public void A_cancelled_meeting_and_a_withdrawn_invitation_take_no_answers_but_a_completed_one_takes_the_office_s()
    {
        var (cancelled, invitation) = Invited();
        cancelled.Cancel("Haushaltsklausur", Now);
        var (completed, attendee) = Invited(startsAt: Now.AddHours(1));
        completed.Complete([], Now.AddHours(2));
        var series = Series();
        var department = Department("20");
        var meeting = Published(series, InAMonth, department);
        var withdrawn = meeting.Invitations.Single(i => i.DepartmentId == department.Id);
        department.Deactivate(Now);
        meeting.SyncDepartment(department, Now, "office");

        Assert.Throws<DomainException>(() => invitation.Respond(cancelled, Answer(RsvpStatus.Declined), RsvpChannel.Api, "portal", Now, Recipients));
        Assert.Throws<DomainException>(() => invitation.Respond(cancelled, Answer(RsvpStatus.Declined), RsvpChannel.Admin, "office", Now, Recipients));
        attendee.Respond(completed, Answer(RsvpStatus.Accepted), RsvpChannel.Admin, "office", Now.AddHours(3), Recipients);
        Assert.Equal(RsvpStatus.Accepted, attendee.Status);
        Assert.Contains("withdrawn", withdrawn.WhyClosed(meeting, RsvpChannel.Admin, Now), StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => withdrawn.Respond(meeting, Answer(RsvpStatus.Accepted), RsvpChannel.Admin, "office", Now, Recipients));
    }

    [Fact]
    public void A_snapshot_keeps_the_answer_as_it_was_while_the_invitation_changes_on()
    {
        var (meeting, invitation) = Invited();
        invitation.Respond(meeting, Answer(RsvpStatus.Accepted), RsvpChannel.Api, "portal", Now, Recipients);

        var snapshot = invitation.Snapshot();
        invitation.Respond(meeting, Answer(RsvpStatus.Declined), RsvpChannel.Api, "portal", Now.AddMinutes(1), Recipients);

        Assert.Equal((RsvpStatus.Accepted, 1), (snapshot.Status, snapshot.History.Count));
        Assert.Equal((RsvpStatus.Declined, 2), (invitation.Status, invitation.History.Count));
    }

    [Fact]
    public void A_snapshot_shows_the_stored_entries_read_on_their_own_before_the_answers_given_since()
    {
        var (meeting, invitation) = Invited();
        var (other, stored) = Invited();
        stored.Respond(other, Answer(RsvpStatus.Accepted), RsvpChannel.Api, "portal", Now, Recipients);
        stored.Respond(other, Answer(RsvpStatus.Declined), RsvpChannel.Token, "personal link", Now.AddMinutes(1), Recipients);
        invitation.Respond(meeting, Answer(RsvpStatus.Tentative), RsvpChannel.Api, "portal", Now.AddMinutes(2), Recipients);

        var snapshot = invitation.Snapshot(stored.History);

        Assert.Equal([RsvpStatus.Accepted, RsvpStatus.Declined, RsvpStatus.Tentative], snapshot.History.Select(h => h.Status));
        Assert.Single(invitation.History); // the invitation itself holds only what it loaded and added
    }
}
