using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Topics;

/// <summary>
/// A call for topics was opened (or its deadline moved): each active department's head gets a <c>topic-call</c> mail,
/// planned by <see cref="TopicMail"/>.
/// </summary>
public sealed record TopicCallOpened(TopicCall Call, Meeting Meeting, IReadOnlyList<Department> Departments, DateTimeOffset At) : IDomainEvent;

/// <summary>The office accepted a topic onto the agenda: the department's head gets <c>topic-accepted</c> (<see cref="TopicMail"/>).</summary>
public sealed record TopicAccepted(Topic Topic, Person Head, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// The office declined a topic, or withdrew an accepted one (<paramref name="WasAccepted"/>): the department's head gets
/// <c>topic-declined</c> (<see cref="TopicMail"/>).
/// </summary>
public sealed record TopicDeclined(Topic Topic, Person Head, bool WasAccepted, DateTimeOffset At) : IDomainEvent;
