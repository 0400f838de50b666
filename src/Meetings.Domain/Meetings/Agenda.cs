using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The agenda of a meeting: its items in order (1-based positions without gaps), never running past the
/// meeting's end. Times are not stored; <see cref="Schedule()"/> computes them from the meeting's start, so a
/// reschedule moves them. Changes only while the meeting is a draft or published.
/// </summary>
public sealed class Agenda
{
    private readonly Meeting _meeting;
    private readonly List<AgendaItem> _items;

    internal Agenda(Meeting meeting, List<AgendaItem> items)
    {
        _meeting = meeting;
        _items = items;
    }

    /// <summary>The items in order (as far as loaded with the meeting).</summary>
    public IReadOnlyList<AgendaItem> Items
    {
        get
        {
            InOrder();
            return _items;
        }
    }

    public int TotalMinutes => _items.Sum(i => i.DurationMinutes);

    public int RemainingMinutes => _meeting.DurationMinutes - TotalMinutes;

    /// <summary>Every item with its start and end: from the meeting's start, one after another.</summary>
    public IReadOnlyList<ScheduledItem> Schedule() => Schedule(_meeting.StartsAt, Items);

    /// <summary>
    /// The same rule for a read that loads the items without their meeting: <paramref name="itemsInOrder"/> (by position)
    /// one after another from <paramref name="start"/>.
    /// </summary>
    public static IReadOnlyList<ScheduledItem> Schedule(DateTimeOffset start, IReadOnlyList<AgendaItem> itemsInOrder)
    {
        var at = start;
        var schedule = new List<ScheduledItem>(itemsInOrder.Count);
        foreach (var item in itemsInOrder)
        {
            var end = at.AddMinutes(item.DurationMinutes);
            schedule.Add(new ScheduledItem(item, at, end));
            at = end;
        }

        return schedule;
    }

    public AgendaItem Find(Guid itemId) =>
        _items.SingleOrDefault(i => i.Id == itemId) ?? throw new NotFoundException("Agenda item", itemId);

    /// <summary>Adds an item at the 1-based <paramref name="position"/> (default: last); 409 when it would run past the end.</summary>
    public AgendaItem Add(AgendaItemInput input, Presenter? presenter, int? position)
    {
        EnsureEditable();
        var values = AgendaItem.Values.Of(input);
        var items = Items;
        var index = (position ?? (items.Count + 1)) - 1;
        if (index < 0 || index > items.Count)
        {
            throw DomainValidationException.For("position", $"must be between 1 and {items.Count + 1}.");
        }

        EnsureRoomFor(TotalMinutes + values.DurationMinutes);
        var item = AgendaItem.Create(_meeting.Id, values, presenter);
        _items.Insert(index, item);
        Renumber();
        return item;
    }

    /// <summary>Replaces an item's fields; its position stays. 409 when it would then run past the end.</summary>
    public AgendaItem Replace(Guid itemId, AgendaItemInput input, Presenter? presenter)
    {
        EnsureEditable();
        var item = Find(itemId);
        var values = AgendaItem.Values.Of(input);
        EnsureRoomFor(TotalMinutes - item.DurationMinutes + values.DurationMinutes);
        item.Apply(values, presenter);
        return item;
    }

    /// <summary>Removes an item; the ones after it move up.</summary>
    public void Remove(Guid itemId)
    {
        EnsureEditable();
        _items.Remove(Find(itemId));
        Renumber();
    }

    /// <summary>Puts the items in the given order; it must name exactly the current items, each once.</summary>
    public void Reorder(IReadOnlyList<Guid> itemIds)
    {
        EnsureEditable();
        var order = itemIds.Select((id, index) => (id, index)).DistinctBy(x => x.id).ToDictionary(x => x.id, x => x.index);
        if (order.Count != itemIds.Count || order.Count != _items.Count || !_items.All(i => order.ContainsKey(i.Id)))
        {
            throw DomainValidationException.For("itemIds", "must name exactly the current agenda items, each once.");
        }

        _items.Sort((a, b) => order[a.Id].CompareTo(order[b.Id]));
        Renumber();
    }

    /// <summary>The agenda must still fit when the meeting's duration changes (edit, reschedule).</summary>
    internal void EnsureFitsInto(int durationMinutes)
    {
        if (TotalMinutes > durationMinutes)
        {
            throw new DomainException($"The agenda takes {TotalMinutes} minutes; the meeting would last only {durationMinutes}. Shorten the agenda first.");
        }
    }

    /// <summary>A withdrawn speaker's talks leave the agenda.</summary>
    internal void RemoveTalksOf(Speaker speaker)
    {
        InOrder();
        _items.RemoveAll(i => i.Presenter?.Is(speaker) == true);
        Renumber();
    }

    /// <summary>Changes start from the items in order (positions are renumbered after each).</summary>
    private void EnsureEditable()
    {
        if (_meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Published))
        {
            throw new DomainException($"The agenda of a {_meeting.Status.ToString().ToLowerInvariant()} meeting cannot change.");
        }

        InOrder();
    }

    private void EnsureRoomFor(int totalMinutes)
    {
        var over = totalMinutes - _meeting.DurationMinutes;
        if (over > 0)
        {
            throw new DomainException($"The agenda would run {over} minutes past the meeting's end ({totalMinutes} of {_meeting.DurationMinutes} minutes).");
        }
    }

    /// <summary>EF loads the items in no particular order: they are put in order once, in place.</summary>
    private void InOrder()
    {
        for (var i = 1; i < _items.Count; i++)
        {
            if (_items[i - 1].Position > _items[i].Position)
            {
                _items.Sort((a, b) => a.Position.CompareTo(b.Position));
                return;
            }
        }
    }

    private void Renumber()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            _items[i].Position = i + 1;
        }
    }
}
