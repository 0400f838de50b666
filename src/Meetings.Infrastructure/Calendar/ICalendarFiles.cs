using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Calendar;

/// <summary>What a calendar file shows of one meeting, prepared by the caller.</summary>
/// <param name="Agenda">Lines of the agenda, already formatted ("14:00–14:30 E-Akte (Amt 12)").</param>
public sealed record CalendarEntry(Meeting Meeting, string? SeriesName, IReadOnlyList<string> Agenda);

/// <summary>A parsed iTIP REPLY (RFC 5546) with its single attendee.</summary>
public sealed record CalendarReply(
    string Uid, int Sequence, string AttendeeEmail, string? AttendeeName, string PartStat, string? DelegatedToEmail);

/// <summary>The reply could not be read as an iTIP REPLY; the message says why (a 400).</summary>
public sealed class CalendarFormatException(string message) : Exception(message);
