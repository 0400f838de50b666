using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Calendar;

/// <summary>One meeting as a calendar shows it, with the series it belongs to (for the description) and its ORGANIZER.</summary>
public sealed record CalendarEntry(Meeting Meeting, string? SeriesName, CalendarOrganizer Organizer);

/// <summary>
/// The ORGANIZER of a meeting in every calendar file and iMIP part (RFC 5546 §3.2: PUBLISH and REQUEST/CANCEL need one):
/// <c>Mail:Organizer</c> when the operator set it, otherwise the series' organizer; the CN is the series' name.
/// </summary>
public sealed record CalendarOrganizer(string Email, string Name)
{
    public static CalendarOrganizer Of(Series series, string? configured) =>
        new(string.IsNullOrWhiteSpace(configured) ? series.OrganizerEmail : configured.Trim(), series.Name);
}

/// <summary>The body could not be read as an iTIP REPLY; the message says why (a 400 naming <see cref="Field"/>).</summary>
public sealed class CalendarFormatException(string field, string message) : Exception(message)
{
    public CalendarFormatException(string message)
        : this("body", message)
    {
    }

    /// <summary>What the 400 names: <c>body</c>, or the reply's address that breaks the rule (<c>attendee</c>, <c>delegate.email</c>).</summary>
    public string Field { get; } = field;
}
