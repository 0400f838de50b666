using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Calendar;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>What the letters share: German dates, and the block that describes the meeting.</summary>
internal static class Letters
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static void AddMeeting(List<string> lines, MailContent content, bool withAgenda)
    {
        var meeting = content.Meeting!;
        var start = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone);
        var end = Zones.ToLocal(meeting.EndsAt, meeting.TimeZone);
        if (content.SeriesName is not null)
        {
            lines.Add(content.SeriesName);
        }

        lines.Add(meeting.Title + (meeting.Motto is null ? string.Empty : $" – {meeting.Motto}"));
        lines.Add($"Wann: {start.ToString("dddd, d. MMMM yyyy, HH:mm", German)}–{end.ToString("HH:mm", German)} Uhr ({meeting.TimeZone})");
        if (meeting.Location is { } location)
        {
            lines.Add($"Wo: {location.OneLine}" + (location.OnlineUrl is null ? string.Empty : $" · online: {location.OnlineUrl}"));
        }

        if (withAgenda)
        {
            lines.Add(string.Empty);
            lines.Add("Tagesordnung:");
            var agenda = AgendaLines.Of(meeting);
            lines.AddRange(agenda.Count == 0 ? ["(folgt)"] : agenda);
        }
    }
}
