using Meetings.Domain.Common;
using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// A draft was published: every invitation is new. Planned (when the change is saved, ADR 0009) by
/// <see cref="InvitationMail"/>: an <c>invitation</c> to each open invitation, its <c>reminder</c>s and the
/// <c>rsvp-nudge</c> (docs/design/mail.md lists every kind with its plan).
/// </summary>
public sealed record MeetingPublished(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// An invitation was added or opened again after publishing (late department, re-activation, new head, speaker).
/// <paramref name="Reissued"/>: an invitation that existed before now has a new personal link (re-activation, new head),
/// so its recipient is sent it again whatever they were sent before.
/// </summary>
public sealed record InvitationOpened(Meeting Meeting, Invitation Invitation, DateTimeOffset At, bool Reissued = false) : IDomainEvent;

/// <summary>An invitation no longer applies (department deactivated, speaker withdrawn).</summary>
public sealed record InvitationWithdrawn(Meeting Meeting, Invitation Invitation, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting moved: SEQUENCE rose, answers are pending again.</summary>
public sealed record MeetingRescheduled(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting changed what invitees see (title, location) but not its time: SEQUENCE rose.</summary>
public sealed record MeetingChangedVisibly(Meeting Meeting, MeetingChange Changes, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting was cancelled.</summary>
public sealed record MeetingCancelled(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>A meeting was completed and its attendance recorded: those who attended are asked for feedback.</summary>
public sealed record MeetingCompleted(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>The reminder offsets or the nudge of a meeting changed.</summary>
public sealed record RemindersChanged(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// The office had the personal link mailed again to its current holder: one mail of <paramref name="Kind"/> (the
/// invitation, or the feedback request after the completion) under an occasion of its own.
/// </summary>
public sealed record InvitationLinkResent(Meeting Meeting, Invitation Invitation, DeliveryKind Kind, Occasion Occasion, DateTimeOffset At) : IDomainEvent;

/// <summary>An invitee named a delegate, who now receives the mails.</summary>
public sealed record InvitationDelegated(Meeting Meeting, Invitation Invitation, DateTimeOffset At) : IDomainEvent;

/// <summary>A decision on a guest speaker that the speaker's side or the organizer hears of.</summary>
public interface ISpeakerEvent : IDomainEvent
{
    Speaker Speaker { get; }
}

/// <summary>The mayor's office confirmed a speaker: the speaker and the partner city's contact are told.</summary>
public sealed record SpeakerConfirmed(Speaker Speaker, DateTimeOffset At) : ISpeakerEvent;

/// <summary>The mayor's office rejected a speaker: the speaker and the partner city's contact are told, with the reason.</summary>
public sealed record SpeakerRejected(Speaker Speaker, DateTimeOffset At) : ISpeakerEvent;

/// <summary>The partner city withdrew a confirmed speaker: the series' organizer is told.</summary>
public sealed record SpeakerWithdrawn(Speaker Speaker, DateTimeOffset At) : ISpeakerEvent;

/// <summary>A year of a series is at risk or missed its minimum number of meetings: the organizer is alerted.</summary>
public sealed record CadenceAlertDue(Series Series, CadenceYear Year, DateTimeOffset At) : IDomainEvent;
