using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Feedback;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>The office has a link mailed again to its holder (<see cref="FeedbackMail.ResendLink"/>): when, to whom, and as which mail.</summary>
public sealed class ResendLinkTests
{
    private static readonly DateTimeOffset Start = Now.AddDays(30);

    private static (Meeting Meeting, Invitation Invitation) Invited()
    {
        var department = Department("10");
        var meeting = Published(Series(), Start, department);
        meeting.ClearDomainEvents();
        return (meeting, meeting.Invitations.Single(i => i.Kind == InvitationKind.Department));
    }

    private static Delivery Planned(Meeting meeting) =>
        Assert.Single(meeting.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)));

    [Fact]
    public void Before_the_start_the_invitation_goes_again_to_its_holder_once_per_request()
    {
        var (meeting, invitation) = Invited();

        var kind = FeedbackMail.ResendLink(meeting, invitation.Id, Now);
        var first = Planned(meeting);
        meeting.ClearDomainEvents();
        FeedbackMail.ResendLink(meeting, invitation.Id, Now);
        var second = Planned(meeting);

        Assert.Equal(DeliveryKind.Invitation, kind);
        Assert.Equal((DeliveryKind.Invitation, invitation.Recipient.Email, Now), (first.Kind, first.RecipientEmail, first.DueAt));
        Assert.IsType<Occasion.LinkResentOccasion>(first.Occasion);
        Assert.NotEqual(first.Key, second.Key); // two requests at the same instant are two mails
    }

    [Fact]
    public void A_delegated_invitation_goes_to_the_delegate()
    {
        var (meeting, invitation) = Invited();
        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera Vertretung", "vera@augsburg.example"), null), AnswerChannel.Token, "link", Now, Recipients);
        meeting.ClearDomainEvents();

        FeedbackMail.ResendLink(meeting, invitation.Id, Now);

        Assert.Equal("vera@augsburg.example", Planned(meeting).RecipientEmail);
    }

    [Fact]
    public void After_the_completion_the_feedback_request_goes_again_to_whoever_attended_while_feedback_is_open()
    {
        var (meeting, invitation) = Invited();
        var after = Start.AddHours(4);
        meeting.Complete([invitation.Id], after);
        meeting.ClearDomainEvents();

        var kind = FeedbackMail.ResendLink(meeting, invitation.Id, after);
        var planned = Planned(meeting);

        Assert.Equal(DeliveryKind.FeedbackRequest, kind);
        Assert.Equal((DeliveryKind.FeedbackRequest, invitation.Recipient.Email), (planned.Kind, planned.RecipientEmail));
        Assert.Throws<DomainException>(() => FeedbackMail.ResendLink(meeting, invitation.Id, Start.AddDays(15))); // feedback has closed
    }

    [Fact]
    public void A_withdrawn_invitation_a_started_or_cancelled_meeting_and_an_absentee_after_it_are_refused()
    {
        var department = Department("10");
        var (started, invitation) = Invited();
        var withdrawn = Published(Series(), Start, department);
        department.Deactivate(Now);
        withdrawn.SyncDepartment(department, Now, "admin");
        var cancelled = Published(Series(), Start, Department("20"));
        cancelled.Cancel(null, Now);
        var absent = Published(Series(), Start, Department("30"));
        absent.Complete([], Start.AddHours(4));
        started.ClearDomainEvents();

        Assert.Throws<DomainException>(() => FeedbackMail.ResendLink(withdrawn, withdrawn.Invitations.Single(i => i.DepartmentId == department.Id).Id, Now));
        Assert.Throws<DomainException>(() => FeedbackMail.ResendLink(started, invitation.Id, Start.AddMinutes(1)));
        Assert.Throws<DomainException>(() => FeedbackMail.ResendLink(cancelled, cancelled.Invitations.First().Id, Now));
        Assert.Throws<DomainException>(() => FeedbackMail.ResendLink(absent, absent.Invitations.First().Id, Start.AddHours(5)));
        Assert.Throws<NotFoundException>(() => FeedbackMail.ResendLink(started, Guid.NewGuid(), Now));
        Assert.Empty(started.DomainEvents);
    }
}
