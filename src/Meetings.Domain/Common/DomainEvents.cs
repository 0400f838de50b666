namespace Meetings.Domain.Common;

/// <summary>Something that happened to an aggregate that others act on (the mail ledger, for one).</summary>
public interface IDomainEvent
{
    DateTimeOffset At { get; }
}

/// <summary>
/// An aggregate that records domain events. The persistence layer collects them when it saves and turns
/// them into rows of the same transaction (the delivery ledger), then clears them.
/// </summary>
public abstract class EventSource
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    public void ClearDomainEvents() => _events.Clear();

    protected void Raise(IDomainEvent e) => _events.Add(e);
}
