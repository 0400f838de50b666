using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

/// <summary>
/// Who, besides the invitees, hears of an event: the contact of the speaker's partner city and the
/// organizer of the series (the persistence layer looks them up for the events that need them).
/// </summary>
public sealed record MailParties(Person? CityContact, Person? Organizer)
{
    public static readonly MailParties None = new(null, null);
}

/// <summary>
/// Plan time: turns domain events into ledger rows, and tells which queued rows an event makes obsolete. Pure:
/// the persistence layer adds the rows (dropping those whose key exists already) in the same transaction. What
/// is decided when a row is about to go out is <see cref="SendDecision"/>.
/// </summary>
public static class DeliveryPlanner
{
    public static IEnumerable<Delivery> Plan(IDomainEvent e, MailParties parties) => e switch
    {
        MeetingPublished p => p.Meeting.Invitations.Where(i => i.IsOpen)
            .SelectMany(i => Invite(p.Meeting, i, p.At).Concat(Reminders(p.Meeting, i, p.At))),
        InvitationOpened o => Invite(o.Meeting, o.Invitation, o.At, o.Reissued ? Occasion.Reissue(o.At) : Occasion.Invitation)
            .Concat(Reminders(o.Meeting, o.Invitation, o.At)),
        // A new delegate always has a new link of its own, so the invitation goes out again even to someone named before.
        InvitationDelegated d => Invite(d.Meeting, d.Invitation, d.At, Occasion.Reissue(d.At)).Concat(Reminders(d.Meeting, d.Invitation, d.At)),
        InvitationLinkResent l => [Delivery.ForMeeting(l.Meeting, l.Invitation, l.Invitation.MailRecipient, l.Kind, l.Occasion, l.At, l.At)],
        MeetingRescheduled r => r.Meeting.Invitations.Where(i => i.IsOpen)
            .SelectMany(i => Update(r.Meeting, i, MeetingChange.Time, r.At).Concat(Reminders(r.Meeting, i, r.At))),
        MeetingChangedVisibly v => v.Meeting.Invitations.Where(i => i.IsOpen).SelectMany(i => Update(v.Meeting, i, v.Changes, v.At)),
        MeetingCancelled c => c.Meeting.Invitations.Where(i => i.IsOpen)
            .Select(i => Delivery.ForMeeting(c.Meeting, i, i.MailRecipient, DeliveryKind.Cancellation, Occasion.Cancellation, c.At, c.At)),
        InvitationWithdrawn w => [Delivery.ForMeeting(w.Meeting, w.Invitation, w.Invitation.MailRecipient, DeliveryKind.Cancellation, Occasion.Withdrawal, w.At, w.At)],
        RemindersChanged rc => rc.Meeting.Status == MeetingStatus.Published
            ? rc.Meeting.Invitations.Where(i => i.IsOpen).SelectMany(i => Reminders(rc.Meeting, i, rc.At))
            : [],
        SpeakerConfirmed sc => ToSpeakerAndCity(sc.Speaker, DeliveryKind.SpeakerConfirmed, parties, sc.At),
        SpeakerRejected sr => ToSpeakerAndCity(sr.Speaker, DeliveryKind.SpeakerRejected, parties, sr.At),
        SpeakerWithdrawn sw => parties.Organizer is { } organizer
            ? [Delivery.ForSpeaker(sw.Speaker, organizer, DeliveryKind.SpeakerWithdrawn, sw.At)]
            : [],
        MeetingCompleted c => Feedback.FeedbackRules.Attendees(c.Meeting)
            .Select(i => Delivery.ForMeeting(c.Meeting, i, i.MailRecipient, DeliveryKind.FeedbackRequest, Occasion.FeedbackRequest, c.At, c.At)),
        CadenceAlertDue a => [Delivery.ForSeries(a.Series, Person.FromStored(a.Series.Name, a.Series.OrganizerEmail), a.Year, a.At)],
        Results.MinutesApproved a => Results.ResultsMail.Plan(a),
        Results.TaskScheduled t => Results.ResultsMail.Plan(t),
        _ => [],
    };

    /// <summary>
    /// The queued rows an event can make obsolete (null: none): those of one meeting or of one invitation, of some
    /// kinds. Plan time reads exactly these rows, not the whole ledger of a meeting; <see cref="Supersedes"/> decides
    /// among them, and never beyond them.
    /// </summary>
    public static SupersedeReach? Reach(IDomainEvent e) => e switch
    {
        MeetingRescheduled r => SupersedeReach.OfMeeting(r.Meeting.Id, SupersedeReach.Timed),
        RemindersChanged c => SupersedeReach.OfMeeting(c.Meeting.Id, SupersedeReach.Timed),
        MeetingCancelled c => SupersedeReach.OfMeeting(c.Meeting.Id, SupersedeReach.AllButCancellation),
        InvitationWithdrawn w => SupersedeReach.OfInvitation(w.Invitation.Id, SupersedeReach.AllButCancellation),
        InvitationDelegated d => SupersedeReach.OfInvitation(d.Invitation.Id, SupersedeReach.Timed),
        Results.TaskScheduled t => SupersedeReach.OfTask(t.Task.Id),
        _ => null,
    };

    /// <summary>Why a queued row is obsolete after the event (null: it stays). Only rows in the event's <see cref="Reach"/>.</summary>
    public static string? Supersedes(IDomainEvent e, Delivery queued) => Reach(e) is { } reach && reach.Covers(queued) ? WhySuperseded(e, queued) : null;

    /// <summary>The event's own condition, for a row in its reach.</summary>
    private static string? WhySuperseded(IDomainEvent e, Delivery queued) => e switch
    {
        MeetingRescheduled r when !IsCurrent(r.Meeting, queued) => "the meeting was rescheduled",
        RemindersChanged c when !IsCurrent(c.Meeting, queued) => "the reminder plan changed",
        MeetingCancelled => "the meeting was cancelled",
        InvitationWithdrawn => "the invitation was withdrawn",
        InvitationDelegated d when queued.Recipient.Email != d.Invitation.MailRecipient.Email => "the invitee delegated",
        Results.TaskScheduled t => Results.ResultsMail.Supersedes(t, queued),
        _ => null,
    };

    /// <summary>A reminder or nudge still matches the meeting's start, deadline and reminder plan.</summary>
    public static bool IsCurrent(Meeting m, Delivery d) => d.Occasion switch
    {
        Occasion.ReminderOccasion r => r.Start == m.StartsAt && m.Reminders.Offsets.Contains(r.Offset),
        Occasion.NudgeOccasion n => m.AnswerDeadline == n.Deadline && m.Reminders.Nudge == n.Offset,
        _ => false,
    };

    private static IEnumerable<Delivery> ToSpeakerAndCity(Speaker speaker, DeliveryKind kind, MailParties parties, DateTimeOffset at)
    {
        yield return Delivery.ForSpeaker(speaker, speaker.AsPerson(), kind, at);
        if (parties.CityContact is { } contact)
        {
            yield return Delivery.ForSpeaker(speaker, contact, kind, at);
        }
    }

    private static IEnumerable<Delivery> Invite(Meeting m, Invitation i, DateTimeOffset at, Occasion? occasion = null) =>
        [Delivery.ForMeeting(m, i, i.MailRecipient, DeliveryKind.Invitation, occasion ?? Occasion.Invitation, at, at)];

    private static IEnumerable<Delivery> Update(Meeting m, Invitation i, MeetingChange changes, DateTimeOffset at) =>
        [Delivery.ForMeeting(m, i, i.MailRecipient, DeliveryKind.Update, Occasion.Update(m.Sequence, changes), at, at)];

    private static IEnumerable<Delivery> Reminders(Meeting m, Invitation i, DateTimeOffset at)
    {
        var plan = m.Reminders;
        foreach (var offset in plan.Offsets)
        {
            yield return Delivery.ForMeeting(m, i, i.MailRecipient, DeliveryKind.Reminder, Occasion.Reminder(offset, m.StartsAt), m.StartsAt - offset, at);
        }

        if (plan.Nudge is { } nudge && m.AnswerDeadline is { } deadline)
        {
            yield return Delivery.ForMeeting(m, i, i.MailRecipient, DeliveryKind.RsvpNudge, Occasion.Nudge(nudge, deadline), deadline - nudge, at);
        }
    }
}
