using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Calendar;

/// <summary>One meeting as a calendar shows it, with the series it belongs to (for the description).</summary>
public sealed record CalendarEntry(Meeting Meeting, string? SeriesName);

/// <summary>The body could not be read as an iTIP REPLY; the message says why (a 400).</summary>
public sealed class CalendarFormatException(string message) : Exception(message);
