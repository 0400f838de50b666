using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>The one rule set for every channel: <see cref="Invitation.Answer"/>.</summary>
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

    private static AnswerInput Answer(AnswerStatus status, PersonInput? delegatePerson = null, string? comment = null) => new(status, delegatePerson, comment);

    [Fact]
    public void An_answer_is_recorded_with_its_channel_and_actor_and_repeating_it_changes_nothing()
    {
        var (meeting, invitation) = Invited();

        invitation.Answer(meeting, Answer(AnswerStatus.Accepted, comment: "Ich komme später."), AnswerChannel.Token, "personal link", Now, Recipients);
        invitation.Answer(meeting, Answer(AnswerStatus.Accepted, comment: "Ich komme später."), AnswerChannel.Api, "portal", Now.AddMinutes(1), Recipients);

        Assert.Equal((AnswerStatus.Accepted, "Ich komme später.", Now), (invitation.Status, invitation.Comment, invitation.AnsweredAt));
        var entry = Assert.Single(invitation.History);
        Assert.Equal((AnswerStatus.Accepted, AnswerChannel.Token, "personal link"), (entry.Status, entry.Via, entry.Actor));
    }

    [Fact]
    public void Delegating_needs_someone_else_with_a_name_and_an_address_and_tells_the_ledger()
    {
        var (meeting, invitation) = Invited();

        var missing = Assert.Throws<DomainValidationException>(() => invitation.Answer(meeting, Answer(AnswerStatus.Delegated), AnswerChannel.Api, "portal", Now, Recipients));
        var self = Assert.Throws<DomainValidationException>(() => invitation.Answer(
            meeting, Answer(AnswerStatus.Delegated, new PersonInput("Ich", invitation.Recipient.Email)), AnswerChannel.Api, "portal", Now, Recipients));
        var notDelegating = Assert.Throws<DomainValidationException>(() => invitation.Answer(
            meeting, Answer(AnswerStatus.Accepted, new PersonInput("Vera", "vera@augsburg.example")), AnswerChannel.Api, "portal", Now, Recipients));
        invitation.Answer(meeting, Answer(AnswerStatus.Delegated, new PersonInput("Vera Vertretung", "Vera@Augsburg.example")), AnswerChannel.Api, "portal", Now, Recipients);

        Assert.Contains("delegate", missing.Errors.Keys);
        Assert.Contains("delegate.email", self.Errors.Keys);
        Assert.Contains("delegate", notDelegating.Errors.Keys);
        Assert.Equal(("vera@augsburg.example", "vera@augsburg.example"), (invitation.Delegate!.Email, invitation.MailRecipient.Email));
        Assert.Equal("delegated to vera@augsburg.example", invitation.History.Single().Note);
        Assert.Equal(invitation, Assert.IsType<InvitationDelegated>(Assert.Single(invitation.DomainEvents)).Invitation);
    }

    [Fact]
    public void Pending_is_no_answer_and_every_field_error_is_reported_at_once()
    {
        var (meeting, invitation) = Invited();

        var pending = Assert.Throws<DomainValidationException>(() => invitation.Answer(meeting, Answer(AnswerStatus.Pending), AnswerChannel.Api, "portal", Now, Recipients));
        var both = Assert.Throws<DomainValidationException>(() => invitation.Answer(
            meeting, new AnswerInput(null, null, new string('x', Invitation.CommentMaxLength + 1)), AnswerChannel.Api, "portal", Now, Recipients));

        Assert.Contains("status", pending.Errors.Keys);
        Assert.Equal(["comment", "status"], both.Errors.Keys.Order());
        Assert.Equal(AnswerStatus.Pending, invitation.Status);
    }

    [Fact]
    public void After_the_deadline_or_the_start_only_an_admin_records_an_answer()
    {
        var (meeting, invitation) = Invited(deadline: Now.AddDays(10));
        var afterDeadline = Now.AddDays(11);

        var refused = Assert.Throws<DomainException>(() => invitation.Answer(meeting, Answer(AnswerStatus.Accepted), AnswerChannel.Token, "personal link", afterDeadline, Recipients));
        invitation.Answer(meeting, Answer(AnswerStatus.Accepted), AnswerChannel.Admin, "office", afterDeadline, Recipients);

        Assert.Contains("deadline", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AnswerStatus.Accepted, invitation.Status);
        Assert.Contains("started", invitation.WhyClosed(meeting, AnswerChannel.Calendar, InAMonth.AddMinutes(1)), StringComparison.Ordinal);
        Assert.Null(invitation.WhyClosed(meeting, AnswerChannel.Admin, InAMonth.AddMinutes(1)));
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

        Assert.Throws<DomainException>(() => invitation.Answer(cancelled, Answer(AnswerStatus.Declined), AnswerChannel.Api, "portal", Now, Recipients));
        Assert.Throws<DomainException>(() => invitation.Answer(cancelled, Answer(AnswerStatus.Declined), AnswerChannel.Admin, "office", Now, Recipients));
        attendee.Answer(completed, Answer(AnswerStatus.Accepted), AnswerChannel.Admin, "office", Now.AddHours(3), Recipients);
        Assert.Equal(AnswerStatus.Accepted, attendee.Status);
        Assert.Contains("withdrawn", withdrawn.WhyClosed(meeting, AnswerChannel.Admin, Now), StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => withdrawn.Answer(meeting, Answer(AnswerStatus.Accepted), AnswerChannel.Admin, "office", Now, Recipients));
    }

    [Fact]
    public void A_snapshot_keeps_the_answer_as_it_was_while_the_invitation_changes_on()
    {
        var (meeting, invitation) = Invited();
        invitation.Answer(meeting, Answer(AnswerStatus.Accepted), AnswerChannel.Api, "portal", Now, Recipients);

        var snapshot = invitation.Snapshot();
        invitation.Answer(meeting, Answer(AnswerStatus.Declined), AnswerChannel.Api, "portal", Now.AddMinutes(1), Recipients);

        Assert.Equal((AnswerStatus.Accepted, 1), (snapshot.Status, snapshot.History.Count));
        Assert.Equal((AnswerStatus.Declined, 2), (invitation.Status, invitation.History.Count));
    }

    [Fact]
    public void A_snapshot_shows_the_stored_entries_read_on_their_own_before_the_answers_given_since()
    {
        var (meeting, invitation) = Invited();
        var (other, stored) = Invited();
        stored.Answer(other, Answer(AnswerStatus.Accepted), AnswerChannel.Api, "portal", Now, Recipients);
        stored.Answer(other, Answer(AnswerStatus.Declined), AnswerChannel.Token, "personal link", Now.AddMinutes(1), Recipients);
        invitation.Answer(meeting, Answer(AnswerStatus.Tentative), AnswerChannel.Api, "portal", Now.AddMinutes(2), Recipients);

        var snapshot = invitation.Snapshot(stored.History);

        Assert.Equal([AnswerStatus.Accepted, AnswerStatus.Declined, AnswerStatus.Tentative], snapshot.History.Select(h => h.Status));
        Assert.Single(invitation.History); // the invitation itself holds only what it loaded and added
    }
}
