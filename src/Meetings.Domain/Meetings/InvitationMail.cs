using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The mails to invitees about a meeting: the <c>invitation</c> (again with a new link when re-opened, delegated or
/// resent), the <c>update</c>, the <c>cancellation</c>, the <c>reminder</c>s and the <c>rsvp-nudge</c>. Plan time: which
/// rows each meeting event plans and which queued rows it supersedes; send time: whether a row is still wanted.
/// </summary>
public sealed class InvitationMail :
    IMailPlan<MeetingPublished>,
    IMailPlan<InvitationOpened>,
    IMailPlan<InvitationDelegated>,
    IMailPlan<InvitationLinkResent>,
    IMailPlan<MeetingRescheduled>,
    IMailPlan<MeetingChangedVisibly>,
    IMailPlan<MeetingCancelled>,
    IMailPlan<InvitationWithdrawn>,
    IMailPlan<RemindersChanged>,
    ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } =
        [DeliveryKind.Invitation, DeliveryKind.Update, DeliveryKind.Cancellation, DeliveryKind.Reminder, DeliveryKind.RsvpNudge];

    /// <summary>A cancellation ends the queued invitations, updates, reminders and nudges of the meeting.</summary>
    public bool EndsWithTheMeeting => true;

    /// <summary>Publishing: an invitation to each open invitation, its reminders and the nudge.</summary>
    public IEnumerable<Delivery> Plan(MeetingPublished e, MailParties parties) =>
        e.Meeting.Invitations.Where(i => i.IsOpen).SelectMany(i => Invite(e.Meeting, i, e.At).Concat(Reminders(e.Meeting, i, e.At)));

    public IEnumerable<Delivery> Plan(InvitationOpened e, MailParties parties) =>
        Invite(e.Meeting, e.Invitation, e.At, e.Reissued ? Occasion.Reissue(e.At) : Occasion.Invitation).Concat(Reminders(e.Meeting, e.Invitation, e.At));

    /// <summary>A new delegate always has a new link of its own, so the invitation goes out again even to someone named before.</summary>
    public IEnumerable<Delivery> Plan(InvitationDelegated e, MailParties parties) =>
        Invite(e.Meeting, e.Invitation, e.At, Occasion.Reissue(e.At)).Concat(Reminders(e.Meeting, e.Invitation, e.At));

    public SupersedeReach? Reach(InvitationDelegated e) => SupersedeReach.OfInvitation(e.Invitation.Id, SupersedeReach.Timed);

    public string? WhySuperseded(InvitationDelegated e, Delivery queued) =>
        queued.Recipient.Email != e.Invitation.MailRecipient.Email ? "the invitee delegated" : null;

    public IEnumerable<Delivery> Plan(InvitationLinkResent e, MailParties parties) =>
        [Delivery.ForMeeting(e.Meeting.Id, e.Invitation.Id, e.Invitation.MailRecipient, e.Kind, e.Occasion, e.At, e.At)];

    public IEnumerable<Delivery> Plan(MeetingRescheduled e, MailParties parties) => e.Meeting.Invitations.Where(i => i.IsOpen)
        .SelectMany(i => Update(e.Meeting, i, MeetingChange.Time, e.At).Concat(Reminders(e.Meeting, i, e.At)));

    public SupersedeReach? Reach(MeetingRescheduled e) => SupersedeReach.OfMeeting(e.Meeting.Id, SupersedeReach.Timed);

    public string? WhySuperseded(MeetingRescheduled e, Delivery queued) => IsCurrent(e.Meeting, queued) ? null : "the meeting was rescheduled";

    public IEnumerable<Delivery> Plan(MeetingChangedVisibly e, MailParties parties) =>
        e.Meeting.Invitations.Where(i => i.IsOpen).SelectMany(i => Update(e.Meeting, i, e.Changes, e.At));

    public IEnumerable<Delivery> Plan(MeetingCancelled e, MailParties parties) => e.Meeting.Invitations.Where(i => i.IsOpen)
        .Select(i => Delivery.ForMeeting(e.Meeting.Id, i.Id, i.MailRecipient, DeliveryKind.Cancellation, Occasion.Cancellation, e.At, e.At));

    public SupersedeReach? Reach(MeetingCancelled e) => SupersedeReach.OfMeeting(e.Meeting.Id, MailPlans.EndedByCancellation);

    public string? WhySuperseded(MeetingCancelled e, Delivery queued) => "the meeting was cancelled";

    public IEnumerable<Delivery> Plan(InvitationWithdrawn e, MailParties parties) =>
        [Delivery.ForMeeting(e.Meeting.Id, e.Invitation.Id, e.Invitation.MailRecipient, DeliveryKind.Cancellation, Occasion.Withdrawal, e.At, e.At)];

    public SupersedeReach? Reach(InvitationWithdrawn e) => SupersedeReach.OfInvitation(e.Invitation.Id, MailPlans.EndedByCancellation);

    public string? WhySuperseded(InvitationWithdrawn e, Delivery queued) => "the invitation was withdrawn";

    public IEnumerable<Delivery> Plan(RemindersChanged e, MailParties parties) => e.Meeting.Status == MeetingStatus.Published
        ? e.Meeting.Invitations.Where(i => i.IsOpen).SelectMany(i => Reminders(e.Meeting, i, e.At))
        : [];

    public SupersedeReach? Reach(RemindersChanged e) => SupersedeReach.OfMeeting(e.Meeting.Id, SupersedeReach.Timed);

    public string? WhySuperseded(RemindersChanged e, Delivery queued) => IsCurrent(e.Meeting, queued) ? null : "the reminder plan changed";

    /// <summary>A reminder or nudge still matches the meeting's start, deadline and reminder plan.</summary>
    public static bool IsCurrent(Meeting m, Delivery d) => d.Occasion switch
    {
        Occasion.ReminderOccasion r => r.Start == m.StartsAt && m.Reminders.Offsets.Contains(r.Offset),
        Occasion.NudgeOccasion n => m.AnswerDeadline == n.Deadline && m.Reminders.Nudge == n.Offset,
        _ => false,
    };

    /// <summary>
    /// Send time: a cancellation goes to whoever had been sent the invitation or an update; every other mail only while the
    /// meeting is published and ahead, to the invitation's current recipient, and a reminder or nudge only while it is current.
    /// </summary>
    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (facts.Meeting is not { } meeting)
        {
            return "the meeting no longer exists";
        }

        if (row.Kind == DeliveryKind.Cancellation)
        {
            return row.InvitationId is null || facts.RecipientWasInvited ? null : "the invitation had not gone out";
        }

        if (meeting.Status != MeetingStatus.Published)
        {
            return $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (meeting.StartsAt <= now)
        {
            return "the meeting has started";
        }

        if (facts.Invitation is { } invitation)
        {
            if (!invitation.IsOpen)
            {
                return "the invitation was withdrawn";
            }

            if (invitation.MailRecipient.Email != row.RecipientEmail)
            {
                return "the invitation now goes to someone else";
            }

            if (row.Kind == DeliveryKind.Reminder && invitation.Status == AnswerStatus.Declined)
            {
                return "the invitee declined";
            }

            if (row.Kind == DeliveryKind.RsvpNudge && invitation.Status != AnswerStatus.Pending)
            {
                return "the invitee has answered";
            }
        }

        return row.IsTimed && !IsCurrent(meeting, row) ? "superseded by a newer plan" : null;
    }

    private static IEnumerable<Delivery> Invite(Meeting m, Invitation i, DateTimeOffset at, Occasion? occasion = null) =>
        [Delivery.ForMeeting(m.Id, i.Id, i.MailRecipient, DeliveryKind.Invitation, occasion ?? Occasion.Invitation, at, at)];

    private static IEnumerable<Delivery> Update(Meeting m, Invitation i, MeetingChange changes, DateTimeOffset at) =>
        [Delivery.ForMeeting(m.Id, i.Id, i.MailRecipient, DeliveryKind.Update, Occasion.Update(m.Sequence, changes), at, at)];

    private static IEnumerable<Delivery> Reminders(Meeting m, Invitation i, DateTimeOffset at)
    {
        var plan = m.Reminders;
        foreach (var offset in plan.Offsets)
        {
            yield return Delivery.ForMeeting(m.Id, i.Id, i.MailRecipient, DeliveryKind.Reminder, Occasion.Reminder(offset, m.StartsAt), m.StartsAt - offset, at);
        }

        if (plan.Nudge is { } nudge && m.AnswerDeadline is { } deadline)
        {
            yield return Delivery.ForMeeting(m.Id, i.Id, i.MailRecipient, DeliveryKind.RsvpNudge, Occasion.Nudge(nudge, deadline), deadline - nudge, at);
        }
    }
}
