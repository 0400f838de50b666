using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>What a calendar program's iTIP REPLY means: <see cref="CalendarReply"/>.</summary>
public sealed class CalendarReplyTests
{
    private static (Meeting Meeting, Invitation Invitation) Invited()
    {
        var meeting = Published(Series(), Now.AddDays(30), Department("10"));
        return (meeting, meeting.Invitations.Single(i => i.Kind == InvitationKind.Department));
    }

    private static CalendarReply Reply(Meeting meeting, string partStat, int sequence = 0, string? delegatedTo = null, string? cn = null) =>
        CalendarReply.Create($"{meeting.Id}@meetings", meeting.Id, sequence, "leitung10@augsburg.example", cn, partStat, delegatedTo);

    [Theory]
    [InlineData("ACCEPTED", AnswerStatus.Accepted)]
    [InlineData("declined", AnswerStatus.Declined)]
    [InlineData("Tentative", AnswerStatus.Tentative)]
    public void Partstat_becomes_the_answer(string partStat, AnswerStatus status)
    {
        var (meeting, invitation) = Invited();

        invitation.Answer(meeting, Reply(meeting, partStat).WithDeputyNamed(null), AnswerChannel.Calendar, "connector", Now, Recipients);

        Assert.Equal(status, invitation.Status);
    }

    [Theory]
    [InlineData("NEEDS-ACTION")]
    [InlineData("IN-PROCESS")]
    [InlineData("DELEGATED")]
    public void Partstats_that_are_no_answer_and_a_delegation_to_nobody_are_field_errors(string partStat)
    {
        var (meeting, _) = Invited();

        var error = Assert.Throws<DomainValidationException>(() => Reply(meeting, partStat));

        Assert.Contains("body", error.Errors.Keys);
    }

    [Fact]
    public void A_reply_to_an_older_sequence_is_stale_and_changes_nothing()
    {
        var (meeting, invitation) = Invited();
        meeting.Reschedule(Now.AddDays(31), Now.AddDays(31).AddHours(2), null, Now, "office");

        var stale = Assert.Throws<DomainException>(() => invitation.Answer(meeting, Reply(meeting, "ACCEPTED", sequence: 0).WithDeputyNamed(null), AnswerChannel.Calendar, "connector", Now, Recipients));
        invitation.Answer(meeting, Reply(meeting, "ACCEPTED", sequence: 1).WithDeputyNamed(null), AnswerChannel.Calendar, "connector", Now, Recipients);

        Assert.Contains("version 0", stale.Message, StringComparison.Ordinal);
        Assert.Equal(AnswerStatus.Accepted, invitation.Status);
    }

    [Fact]
    public void The_delegate_is_named_by_the_directory_then_by_the_cn_unless_it_is_the_invitee_s_own_then_by_the_mailbox()
    {
        var (meeting, invitation) = Invited();
        string DelegateNameFor(string? cn, string? deputy) =>
            Reply(meeting, "DELEGATED", delegatedTo: "vera.vertretung@augsburg.example", cn: cn).WithDeputyNamed(deputy).For(invitation, meeting).Delegate!.Name!;

        Assert.Equal("Vera Vertretung", DelegateNameFor(cn: "Irgendwer", deputy: "Vera Vertretung"));
        Assert.Equal("Vera V.", DelegateNameFor(cn: "Vera V.", deputy: null));
        Assert.Equal("vera.vertretung", DelegateNameFor(cn: invitation.Recipient.Name, deputy: null));
        Assert.Equal("vera.vertretung", DelegateNameFor(cn: null, deputy: null));
    }
}
