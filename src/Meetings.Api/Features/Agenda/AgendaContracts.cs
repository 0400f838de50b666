using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Agenda;

/// <summary>Who presents an item.</summary>
/// <param name="Kind"><c>host</c>, <c>department</c> or <c>speaker</c>.</param>
/// <param name="RefId">The department or the confirmed speaker.</param>
/// <param name="Name">Shown name.</param>
public sealed record PresenterResponse(PresenterKind Kind, Guid? RefId, string Name);

/// <summary>An agenda item with its computed times.</summary>
public sealed record AgendaItemResponse(
    Guid Id, int Position, string Title, string? Description, int DurationMinutes, AgendaItemKind Kind, PresenterResponse? Presenter,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StartsAtLocal, string EndsAtLocal)
{
    public static AgendaItemResponse From(ScheduledItem scheduled, string timeZone)
    {
        var item = scheduled.Item;
        return new AgendaItemResponse(
            item.Id, item.Position, item.Title, item.Description, item.DurationMinutes, item.Kind,
            item.Presenter is { } p ? new PresenterResponse(p.Kind, p.RefId, p.Name) : null,
            scheduled.StartsAt, scheduled.EndsAt, Instants.Local(scheduled.StartsAt, timeZone), Instants.Local(scheduled.EndsAt, timeZone));
    }

    /// <summary>One item of the meeting's agenda with its times; 404 when the agenda has no such item.</summary>
    public static AgendaItemResponse Of(Meeting meeting, Guid itemId) =>
        From(meeting.Agenda.Schedule().SingleOrDefault(s => s.Item.Id == itemId) ?? throw new NotFoundException("Agenda item", itemId), meeting.TimeZone);
}

/// <summary>The agenda: items in order with times computed from the meeting's start.</summary>
public sealed record AgendaResponse(
    Guid MeetingId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<AgendaItemResponse> Items, int TotalMinutes, int RemainingMinutes)
{
    public static AgendaResponse From(Meeting meeting)
    {
        var agenda = meeting.Agenda;
        var items = agenda.Schedule().Select(s => AgendaItemResponse.From(s, meeting.TimeZone)).ToList();
        return new AgendaResponse(meeting.Id, meeting.StartsAt, meeting.EndsAt, items, agenda.TotalMinutes, agenda.RemainingMinutes);
    }

    /// <summary>The same from a meeting's times and its items in order, loaded without the meeting (the polled read).</summary>
    public static AgendaResponse From(Guid meetingId, DateTimeOffset startsAt, DateTimeOffset endsAt, string timeZone, IReadOnlyList<AgendaItem> itemsInOrder)
    {
        var items = Domain.Meetings.Agenda.Schedule(startsAt, itemsInOrder).Select(s => AgendaItemResponse.From(s, timeZone)).ToList();
        var total = itemsInOrder.Sum(i => i.DurationMinutes);
        return new AgendaResponse(meetingId, startsAt, endsAt, items, total, (int)(endsAt - startsAt).TotalMinutes - total);
    }
}

/// <summary>The presenter in a request body.</summary>
public sealed record PresenterBody
{
    /// <summary><c>host</c>, <c>department</c> or <c>speaker</c>.</summary>
    /// <example>department</example>
    public PresenterKind? Kind { get; init; }

    /// <summary>The department (kind department) or the confirmed speaker of this meeting (kind speaker).</summary>
    public Guid? RefId { get; init; }

    /// <summary>Shown name; required for a host, taken from the directory otherwise when omitted.</summary>
    public string? Name { get; init; }
}

/// <summary>An agenda item in a request body.</summary>
public sealed record AgendaItemBody
{
    /// <example>Einführung der E-Akte: Stand und nächste Schritte</example>
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>1 to 480 minutes.</summary>
    /// <example>30</example>
    public int? DurationMinutes { get; init; }

    /// <summary><c>talk</c>, <c>discussion</c>, <c>break</c> or <c>other</c>.</summary>
    /// <example>talk</example>
    public AgendaItemKind? Kind { get; init; }

    public PresenterBody? Presenter { get; init; }

    /// <summary>On create: the 1-based position (default: last).</summary>
    public int? Position { get; init; }

    public AgendaItemInput ToInput() => new(Title, Description, DurationMinutes, Kind);
}

/// <summary>The new order of the agenda.</summary>
public sealed record AgendaOrderBody
{
    /// <summary>Exactly the current items, in the new order.</summary>
    public IReadOnlyList<Guid>? ItemIds { get; init; }
}
