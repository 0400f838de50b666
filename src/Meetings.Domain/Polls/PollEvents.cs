using Meetings.Domain.Common;

namespace Meetings.Domain.Polls;

/// <summary>A poll was opened: every participant gets a <c>date-poll</c> mail and, before the deadline, a nudge (<see cref="DatePollMail"/>).</summary>
public sealed record PollOpened(DatePoll Poll, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// The slots or the deadline of an open poll changed: those whose votes the change touched (<paramref name="Touched"/>)
/// get a <c>date-poll</c> update; a new deadline replaces the queued nudges (<see cref="DatePollMail"/>).
/// </summary>
public sealed record PollChanged(DatePoll Poll, IReadOnlyList<Guid> Touched, bool DeadlineChanged, DateTimeOffset At) : IDomainEvent;

/// <summary>A participant joined an open poll (a department created while it runs, a delegate): a <c>date-poll</c> mail of their own.</summary>
public sealed record PollBallotIssued(DatePoll Poll, PollBallot Ballot, DateTimeOffset At) : IDomainEvent;

/// <summary>The poll was closed, with the chosen slot or without: with one, every participant gets <c>date-chosen</c>.</summary>
public sealed record PollClosed(DatePoll Poll, PollSlot? Chosen, DateTimeOffset At) : IDomainEvent;
