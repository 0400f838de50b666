using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feedback;

/// <summary>
/// The <c>feedback-request</c>: when a meeting is completed, to whoever attended under each invitation (again at the
/// office's request, <see cref="ResendLink"/>); sent while feedback is open, to the one who attended.
/// </summary>
public sealed class FeedbackMail : IMailPlan<MeetingCompleted>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.FeedbackRequest];

    public IEnumerable<Delivery> Plan(MeetingCompleted e, MailParties parties) => FeedbackRules.Attendees(e.Meeting)
        .Select(i => Delivery.ForMeeting(e.Meeting.Id, i.Id, i.MailRecipient, DeliveryKind.FeedbackRequest, Occasion.FeedbackRequest, e.At, e.At));

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now) => facts.Meeting is not { } meeting
        ? "the meeting no longer exists"
        : FeedbackRules.WhyNotToRequest(meeting, facts.Invitation, row.RecipientEmail, now);

    /// <summary>
    /// The office has an invitation's personal link mailed again to the one who holds it now (<see cref="Invitation.MailRecipient"/>:
    /// the delegate, with the delegate's own link, where there is one) — the office itself never reads a link. While answers
    /// are taken (the meeting published and not started) it goes out as the invitation once more (<see cref="Meeting.ResendLink"/>);
    /// after the completion, while feedback is open, as the feedback request once more to whoever attended under the
    /// invitation. Each call is one mail (<see cref="Occasion.LinkResent"/>). Anything else is a 409 that says why: a
    /// withdrawn invitation, a meeting that is cancelled, has started but is not completed, or whose feedback has closed,
    /// an invitation not attended.
    /// </summary>
    /// <returns>The kind of the mail planned.</returns>
    public static DeliveryKind ResendLink(Meeting meeting, Guid invitationId, DateTimeOffset now)
    {
        if (meeting.Status != MeetingStatus.Completed)
        {
            return meeting.ResendLink(invitationId, now);
        }

        var invitation = meeting.OpenInvitationToResend(invitationId);
        if (FeedbackRules.WhyClosed(meeting, now) is { } closed)
        {
            throw new DomainException(closed);
        }

        if (FeedbackRules.AttendeeToken(invitation) is null)
        {
            throw new DomainException("The invitation was not recorded as attended: after the meeting its link serves feedback only, which is given by those who attended.");
        }

        return meeting.ResendLinkAs(invitation, DeliveryKind.FeedbackRequest, now);
    }
}
