using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>A draft was published: every invitation is new.</summary>
public sealed record MeetingPublished(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>An invitation was added or opened again after publishing (late department, re-activation, new head, speaker).</summary>
public sealed record InvitationOpened(Meeting Meeting, Invitation Invitation, DateTimeOffset At) : IDomainEvent;

/// <summary>An invitation no longer applies (department deactivated, speaker withdrawn).</summary>
public sealed record InvitationWithdrawn(Meeting Meeting, Invitation Invitation, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting moved: SEQUENCE rose, answers are pending again.</summary>
public sealed record MeetingRescheduled(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting changed what invitees see (title, location): SEQUENCE rose.</summary>
public sealed record MeetingChangedVisibly(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>A published meeting was cancelled.</summary>
public sealed record MeetingCancelled(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>The reminder offsets or the nudge of a meeting changed.</summary>
public sealed record RemindersChanged(Meeting Meeting, DateTimeOffset At) : IDomainEvent;

/// <summary>An invitee named a delegate, who now receives the mails.</summary>
public sealed record InvitationDelegated(Meeting Meeting, Invitation Invitation, DateTimeOffset At) : IDomainEvent;
