namespace Meetings.Domain.Common;

/// <summary>Something that happened to an aggregate that others act on (the mail ledger, for one).</summary>
public interface IDomainEvent
{
    DateTimeOffset At { get; }
}

/// <summary>
/// The root of an aggregate (a meeting with its invitations and agenda, a speaker, a series). It records the
/// domain events of everything inside it; the persistence layer collects them when it saves, turns them into
/// rows of the same transaction (the delivery ledger) and clears them.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    public void ClearDomainEvents() => _events.Clear();

    /// <summary>For the aggregate and the entities inside it.</summary>
    internal void Raise(IDomainEvent e) => _events.Add(e);
}
