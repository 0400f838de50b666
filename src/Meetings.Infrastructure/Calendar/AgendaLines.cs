using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Calendar;

/// <summary>The agenda as lines of text for calendars and mails, in the meeting's local time: "14:00–14:30 E-Akte (Amt 12)".</summary>
public static class AgendaLines
{
    public static IReadOnlyList<string> Of(Meeting meeting) => meeting.Agenda.Schedule()
        .Select(s => $"{Time(s.StartsAt, meeting)}–{Time(s.EndsAt, meeting)} {s.Item.Title}{(s.Item.Presenter is { } p ? $" ({p.Name})" : string.Empty)}")
        .ToList();

    private static string Time(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
