using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>Unvalidated meeting data as it arrives from outside.</summary>
public sealed record MeetingInput(
    string? Title,
    string? Motto,
    string? Description,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? TimeZone,
    LocationInput? Location,
    DateTimeOffset? AnswerDeadline);

/// <summary>The validated editable details of a meeting.</summary>
internal sealed record MeetingDetails(string Title, string? Motto, string? Description, Location? Location, DateTimeOffset? AnswerDeadline)
{
    public static MeetingDetails Validate(ValidationErrors errors, MeetingInput input, Location? fallbackLocation) => new(
        errors.Text("title", input.Title, Meeting.TitleMaxLength),
        errors.OptionalText("motto", input.Motto, Meeting.MottoMaxLength),
        errors.OptionalMultilineText("description", input.Description, Meeting.DescriptionMaxLength),
        // A copy of the fallback (the series' default): two aggregates never share one value instance.
        input.Location is { } l ? Location.Create(errors, "location", l.Name, l.Address, l.Room, l.OnlineUrl) : fallbackLocation is { } f ? f with { } : null,
        input.AnswerDeadline?.ToUniversalTime());
}
