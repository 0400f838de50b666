using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

public enum AgendaItemKind
{
    Talk,
    Discussion,
    Break,
    Other,
}

/// <summary>One item of a meeting's agenda. Its times are not stored: they follow from the meeting's start and the items before it.</summary>
public sealed class AgendaItem
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 480;
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private AgendaItem()
    {
        Title = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }

    /// <summary>1-based, without gaps (kept so by <see cref="Agenda"/>).</summary>
    public int Position { get; internal set; }

    public string Title { get; private set; }
    public string? Description { get; private set; }
    public int DurationMinutes { get; private set; }
    public AgendaItemKind Kind { get; private set; }
    public Presenter? Presenter { get; private set; }

    internal static AgendaItem Create(Guid meetingId, Values values, Presenter? presenter)
    {
        var item = new AgendaItem { Id = Ids.New(), MeetingId = meetingId };
        item.Apply(values, presenter);
        return item;
    }

    internal void Apply(Values values, Presenter? presenter)
    {
        Title = values.Title;
        Description = values.Description;
        DurationMinutes = values.DurationMinutes;
        Kind = values.Kind;
        Presenter = presenter;
    }

    /// <summary>The checked fields of an item, before any item is created or changed.</summary>
    internal sealed record Values(string Title, string? Description, int DurationMinutes, AgendaItemKind Kind)
    {
        public static Values Of(AgendaItemInput input)
        {
            var errors = new ValidationErrors();
            var title = errors.Text("title", input.Title, TitleMaxLength);
            var description = errors.OptionalMultilineText("description", input.Description, DescriptionMaxLength);
            var minutes = errors.Required("durationMinutes", input.DurationMinutes);
            if (input.DurationMinutes is < MinMinutes or > MaxMinutes)
            {
                errors.Add("durationMinutes", $"must be between {MinMinutes} and {MaxMinutes}.");
            }

            var kind = errors.Required("kind", input.Kind);
            errors.ThrowIfAny();
            return new Values(title, description, minutes, kind);
        }
    }
}

/// <summary>Unvalidated agenda item data as it arrives from outside (the presenter is resolved by the caller).</summary>
public sealed record AgendaItemInput(string? Title, string? Description, int? DurationMinutes, AgendaItemKind? Kind);

/// <summary>An item with its place in time: from the meeting's start, the items before it end to end.</summary>
public sealed record ScheduledItem(AgendaItem Item, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
