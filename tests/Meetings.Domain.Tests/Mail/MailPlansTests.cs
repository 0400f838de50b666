using Meetings.Domain.Common;
using Meetings.Domain.Feedback;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Meetings.Domain.Topics;

namespace Meetings.Domain.Tests.Mail;

/// <summary>
/// The plans are found by the event's type and the send rule by the row's kind (<see cref="MailPlans"/>): no kind is
/// without its rule, and no event that plans mail is without its plan.
/// </summary>
public sealed class MailPlansTests
{
    public static TheoryData<DeliveryKind> Kinds() => [.. Enum.GetValues<DeliveryKind>()];

    public static TheoryData<Type, string> EventsWithMail() => new()
    {
        { typeof(MeetingPublished), nameof(InvitationMail) },
        { typeof(InvitationOpened), nameof(InvitationMail) },
        { typeof(InvitationDelegated), nameof(InvitationMail) },
        { typeof(InvitationLinkResent), nameof(InvitationMail) },
        { typeof(MeetingRescheduled), nameof(InvitationMail) },
        { typeof(MeetingChangedVisibly), nameof(InvitationMail) },
        { typeof(MeetingCancelled), nameof(InvitationMail) },
        { typeof(InvitationWithdrawn), nameof(InvitationMail) },
        { typeof(RemindersChanged), nameof(InvitationMail) },
        { typeof(SpeakerConfirmed), nameof(SpeakerMail) },
        { typeof(SpeakerRejected), nameof(SpeakerMail) },
        { typeof(SpeakerWithdrawn), nameof(SpeakerMail) },
        { typeof(CadenceAlertDue), nameof(CadenceMail) },
        { typeof(MinutesApproved), nameof(ResultsMail) },
        { typeof(TaskScheduled), nameof(ResultsMail) },
        { typeof(MeetingCompleted), nameof(FeedbackMail) },
        { typeof(Domain.Polls.PollOpened), nameof(Domain.Polls.DatePollMail) },
        { typeof(Domain.Polls.PollChanged), nameof(Domain.Polls.DatePollMail) },
        { typeof(Domain.Polls.PollBallotIssued), nameof(Domain.Polls.DatePollMail) },
        { typeof(Domain.Polls.PollClosed), nameof(Domain.Polls.DatePollMail) },
        { typeof(TopicCallOpened), nameof(TopicMail) },
        { typeof(TopicAccepted), nameof(TopicMail) },
        { typeof(TopicDeclined), nameof(TopicMail) },
        { typeof(DeliveryBounced), nameof(BounceAlertMail) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_mail_kind_has_exactly_one_send_rule_in_a_plan_file(DeliveryKind kind)
    {
        var rule = MailPlans.SendRuleOf(kind);

        Assert.Contains(kind, rule.Kinds);
        Assert.EndsWith("Mail", rule.GetType().Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EventsWithMail))]
    public void An_event_with_mail_has_its_plan_found_by_its_type(Type eventType, string plan)
    {
        Assert.Equal([plan], MailPlans.PlansOf(eventType));
    }

    [Fact]
    public void Every_plan_of_an_event_is_found_by_the_event_type_and_plans_nothing_for_an_event_without_mail()
    {
        var planned = typeof(IMailPlan).Assembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Where(t => MailPlans.PlansOf(t).Count > 0)
            .ToHashSet();

        Assert.Equal(EventsWithMail().Select(row => (Type)row[0]).ToHashSet(), planned);
    }
}
