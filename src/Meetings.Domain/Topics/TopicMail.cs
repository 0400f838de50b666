using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Topics;

/// <summary>
/// The mails of the call for topics, plan time and send time: <c>topic-call</c> to each active department's head when a call
/// opens (once per deadline and opening: a new deadline, or the call opened again, supersedes the queued ones of before), <c>topic-accepted</c> and
/// <c>topic-declined</c> to the topic's department's head, once per topic. Send time: the meeting is draft or published and
/// ahead (<see cref="Proposals.WhyMeetingIsClosed"/>, as for the speakers' decisions), the recipient is still the head, and
/// the call is still open with that deadline, resp. the decision still stands.
/// </summary>
public sealed class TopicMail : IMailPlan<TopicCallOpened>, IMailPlan<TopicAccepted>, IMailPlan<TopicDeclined>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.TopicCall, DeliveryKind.TopicAccepted, DeliveryKind.TopicDeclined];

    /// <summary>A cancellation ends the call's queued mails: the meeting takes no topics any more.</summary>
    public bool EndsWithTheMeeting => true;

    public IEnumerable<Delivery> Plan(TopicCallOpened e, MailParties parties) =>
        e.Departments.Where(d => d.Active).Select(d =>
            Delivery.ForTopics(e.Meeting.Id, d.Id, d.Head, DeliveryKind.TopicCall, Occasion.TopicCall(e.Call.Deadline, e.Call.OpenedAt), e.At));

    /// <summary>The queued call mails of the meeting.</summary>
    public SupersedeReach? Reach(TopicCallOpened e) => SupersedeReach.OfMeeting(e.Meeting.Id, [DeliveryKind.TopicCall]);

    /// <summary>A queued call mail with another deadline, or of an earlier opening of the call.</summary>
    public string? WhySuperseded(TopicCallOpened e, Delivery queued) =>
        queued.Occasion is Occasion.TopicCallOccasion o ? WhyOtherCall(o, e.Call) : null;

    public IEnumerable<Delivery> Plan(TopicAccepted e, MailParties parties) =>
        [Delivery.ForTopics(e.Topic.MeetingId, e.Topic.DepartmentId, e.Head, DeliveryKind.TopicAccepted, Occasion.Topic(e.Topic.Id), e.At)];

    public IEnumerable<Delivery> Plan(TopicDeclined e, MailParties parties) =>
        [Delivery.ForTopics(e.Topic.MeetingId, e.Topic.DepartmentId, e.Head, DeliveryKind.TopicDeclined, Occasion.Topic(e.Topic.Id), e.At)];

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (Proposals.WhyMeetingIsClosed(facts.Meeting, now) is { } closed)
        {
            return closed;
        }

        var topics = TopicFacts.Of(facts);
        if (topics.Department is not { } department || !department.Active)
        {
            return "the department is no longer active";
        }

        if (!string.Equals(department.Head.Email, row.RecipientEmail, StringComparison.OrdinalIgnoreCase))
        {
            return "the department has another head now";
        }

        switch (row.Occasion)
        {
            case Occasion.TopicCallOccasion o:
                return topics.Call is not { } call ? "the call for topics no longer exists"
                    : !call.IsOpenAt(now) ? "the call for topics is closed"
                    : WhyOtherCall(o, call);
            case Occasion.TopicOccasion:
                if (topics.Topic is not { } topic)
                {
                    return "the topic no longer exists";
                }

                var stands = row.Kind == DeliveryKind.TopicAccepted
                    ? topic.Status == TopicStatus.Accepted
                    : topic.Status is TopicStatus.Declined or TopicStatus.Withdrawn;
                return stands ? null : $"the topic is {topic.Status.ToString().ToLowerInvariant()} now";
            default:
                return "not a mail about topics";
        }
    }

    /// <summary>Why a call mail is not about the call as it stands: another deadline, or an earlier opening (null: it is).</summary>
    private static string? WhyOtherCall(Occasion.TopicCallOccasion o, TopicCall call) =>
        call.Deadline != o.Deadline ? "the call's deadline changed"
        : o.OpenedAt is { } opened && opened != call.OpenedAt ? "the call was opened again"
        : null;
}

/// <summary>
/// What a topic mail is about, loaded per dispatch batch (<see cref="DeliveryFacts.Area"/>): the meeting's call for topics,
/// the topic of a decision, the department, and the head's personal link (<see cref="LinkToken"/>: the invitation's token
/// when the meeting is published and the head holds the invitation, else the call's own link).
/// </summary>
public sealed record TopicFacts(TopicCall? Call, Topic? Topic, Department? Department, string? LinkToken)
{
    public static readonly TopicFacts None = new(null, null, null, null);

    public static TopicFacts Of(DeliveryFacts facts) => facts.AreaFacts<TopicFacts>() ?? None;
}
