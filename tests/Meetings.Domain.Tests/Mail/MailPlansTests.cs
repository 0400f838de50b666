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

    /// <summary>
    /// The kinds whose queued rows a cancellation (or a withdrawal) leaves to their send rule, each for a reason: a new kind
    /// is either ended by its plan (<see cref="ISendRule.EndsWithTheMeeting"/>) or named here — the test fails until one of both.
    /// </summary>
    private static readonly Dictionary<DeliveryKind, string> NotEndedByCancellation = new()
    {
        [DeliveryKind.Cancellation] = "the cancellation itself",
        [DeliveryKind.CadenceAlert] = "a series' mail, of no meeting",
        [DeliveryKind.Minutes] = "planned after the meeting was held, which a cancelled one never is",
        [DeliveryKind.TaskAssigned] = "planned after the meeting was held",
        [DeliveryKind.TaskDue] = "planned after the meeting was held",
        [DeliveryKind.TaskOverdue] = "planned after the meeting was held",
        [DeliveryKind.FeedbackRequest] = "planned at the completion, which a cancelled meeting never has",
        [DeliveryKind.BounceAlert] = "the organizer still hears of the mails that came back",
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_is_either_ended_by_a_cancellation_or_named_as_left_to_its_send_rule(DeliveryKind kind)
    {
        var ended = MailPlans.EndedByCancellation.Contains(kind);
        var named = NotEndedByCancellation.ContainsKey(kind);

        Assert.True(ended != named, $"{kind}: ended by a cancellation {ended}, named as not ended {named} — exactly one of both");
    }
}
