using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

public enum AgendaItemKind
{
    Talk,
    Discussion,
    Break,
    Other,
}

public enum PresenterKind
{
    Host,
    Department,
    Speaker,
}

/// <summary>Who presents an item; <see cref="RefId"/> names the department or the confirmed speaker.</summary>
public sealed record Presenter(PresenterKind Kind, Guid? RefId, string Name);

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

    /// <summary>1-based, without gaps.</summary>
    public int Position { get; internal set; }

    public string Title { get; private set; }
    public string? Description { get; private set; }
    public int DurationMinutes { get; private set; }
    public AgendaItemKind Kind { get; private set; }
    public Presenter? Presenter { get; private set; }

    internal static AgendaItem Create(Guid meetingId, AgendaItemInput input, Presenter? presenter)
    {
        var item = new AgendaItem { Id = Ids.New(), MeetingId = meetingId };
        item.Apply(input, presenter);
        return item;
    }

    internal void Apply(AgendaItemInput input, Presenter? presenter)
    {
        var errors = new ValidationErrors();
        var title = errors.Text("title", input.Title, TitleMaxLength);
        var description = errors.OptionalText("description", input.Description, DescriptionMaxLength);
        var minutes = errors.Required("durationMinutes", input.DurationMinutes);
        if (input.DurationMinutes is < MinMinutes or > MaxMinutes)
        {
            errors.Add("durationMinutes", $"must be between {MinMinutes} and {MaxMinutes}.");
        }

        var kind = errors.Required("kind", input.Kind);
        errors.ThrowIfAny();
        Title = title;
        Description = description;
        DurationMinutes = minutes;
        Kind = kind;
        Presenter = presenter;
    }
}

/// <summary>Unvalidated agenda item data as it arrives from outside (the presenter is resolved by the caller).</summary>
public sealed record AgendaItemInput(string? Title, string? Description, int? DurationMinutes, AgendaItemKind? Kind);
