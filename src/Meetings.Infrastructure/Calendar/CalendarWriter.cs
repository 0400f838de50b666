using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using IcalCalendar = Ical.Net.Calendar;

namespace Meetings.Infrastructure.Calendar;

/// <summary>
/// Writes RFC 5545 calendars through Ical.Net: the files (METHOD:PUBLISH) and the VEVENT that the iMIP parts of
/// mails carry too — one stable UID per meeting (<see cref="CalendarUid"/>), SEQUENCE, local times with TZID and
/// VTIMEZONE, STATUS, the ORGANIZER (<see cref="CalendarOrganizer"/>; RFC 5546 wants exactly one, also in PUBLISH), the
/// agenda in DESCRIPTION. Text values are escaped by Ical.Net (RFC 5545, 3.3.11); parameter values go through
/// <see cref="CalendarText"/> (RFC 6868), and so do addresses and texts as stored, whatever they hold: no stored data
/// makes a calendar file or part fail.
/// </summary>
public static class CalendarWriter
{
    public const string ProductId = "-//Meetings//Amtsleitungstreffen//DE";

    /// <summary>How often a subscribed calendar is fetched again: one hour (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL).</summary>
    public const string FeedRefresh = "PT1H";

    /// <summary>A METHOD:PUBLISH file with one VEVENT per entry and a VTIMEZONE per zone used.</summary>
    public static string Publish(IEnumerable<CalendarEntry> entries, DateTimeOffset now) =>
        new CalendarSerializer().SerializeToString(Published(entries, now)) ?? string.Empty;

    /// <summary>
    /// A subscription (webcal feed): <see cref="Publish"/>'s file with the calendar's name (RFC 7986 NAME, and Outlook's and
    /// Google's X-WR-CALNAME) and how often to fetch it again (RFC 7986 REFRESH-INTERVAL, and X-PUBLISHED-TTL), one hour.
    /// No ATTENDEE: a published calendar is not a request to anyone (RFC 5546 §3.2.1), and a feed must not list who else comes.
    /// </summary>
    public static string Feed(IEnumerable<CalendarEntry> entries, string name, DateTimeOffset now)
    {
        var calendar = Published(entries, now);
        var title = CalendarText.Value(name) ?? string.Empty;
        calendar.AddProperty(new CalendarProperty("NAME", title));
        calendar.AddProperty(new CalendarProperty("X-WR-CALNAME", title));
        var refresh = new CalendarProperty("REFRESH-INTERVAL", FeedRefresh);
        refresh.AddParameter("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty(new CalendarProperty("X-PUBLISHED-TTL", FeedRefresh));
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>
    /// An iTIP object (RFC 5546) for one attendee: METHOD:REQUEST (or CANCEL), the meeting as VEVENT with a VTIMEZONE,
    /// the ORGANIZER and exactly <paramref name="attendee"/> as ATTENDEE with the participation the service knows
    /// (<c>NEEDS-ACTION</c> and <c>RSVP=TRUE</c> while no answer counts).
    /// </summary>
    public static string Request(CalendarEntry entry, Person attendee, AnswerStatus? participation, DateTimeOffset now, bool cancel = false)
    {
        var meeting = entry.Meeting;
        var method = cancel ? "CANCEL" : "REQUEST";
        var calendar = new IcalCalendar { Method = method, ProductId = ProductId };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(meeting.TimeZone, meeting.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        var vevent = EventOf(entry, now);
        if (cancel)
        {
            vevent.Status = "CANCELLED";
        }

        var partStat = PartStatOf(participation);
        vevent.Attendees.Add(new Attendee
        {
            Value = CalendarText.Mailto(attendee.Email), // whatever a stored address holds (CalendarText)
            CommonName = CalendarText.ParameterValue(attendee.Name), // RFC 6868: Ical.Net writes parameter values as given
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = partStat,
            Rsvp = partStat == "NEEDS-ACTION",
        });
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The answer as iCalendar's PARTSTAT; no answer (or none that counts for the attendee) is NEEDS-ACTION.</summary>
    public static string PartStatOf(AnswerStatus? status) => status switch
    {
        AnswerStatus.Accepted => "ACCEPTED",
        AnswerStatus.Declined => "DECLINED",
        AnswerStatus.Tentative => "TENTATIVE",
        AnswerStatus.Delegated => "DELEGATED",
        _ => "NEEDS-ACTION",
    };

    public static CalendarEvent EventOf(CalendarEntry entry, DateTimeOffset now)
    {
        var m = entry.Meeting;
        return new CalendarEvent
        {
            Uid = CalendarUid.Of(m.Id),
            Sequence = m.Sequence,
            Summary = CalendarText.Value(m.Title),
            DtStart = Local(m.StartsAt, m.TimeZone),
            DtEnd = Local(m.EndsAt, m.TimeZone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            LastModified = new CalDateTime(m.UpdatedAt.UtcDateTime, "UTC"),
            Status = m.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            Location = CalendarText.Value(m.Location?.OneLine),
            Url = m.Location?.WebAddress is { } url ? new Uri(url) : null,
            Description = CalendarText.Value(DescriptionOf(entry)),
            // The organizer's address as a mailto: URI whatever it holds; its name is a parameter value (RFC 6868, see CalendarText).
            Organizer = new Organizer { Value = CalendarText.Mailto(entry.Organizer.Email), CommonName = CalendarText.ParameterValue(entry.Organizer.Name) },
        };
    }

    /// <summary>Title line, motto, description and the agenda, as calendar clients show it.</summary>
    public static string DescriptionOf(CalendarEntry entry)
    {
        var m = entry.Meeting;
        var text = new StringBuilder();
        if (entry.SeriesName is not null)
        {
            text.AppendLine(entry.SeriesName);
        }

        if (m.Motto is not null)
        {
            text.AppendLine($"Motto: {m.Motto}");
        }

        if (m.Description is not null)
        {
            text.AppendLine().AppendLine(m.Description);
        }

        if (m.Status == MeetingStatus.Cancelled)
        {
            text.AppendLine().AppendLine(m.CancellationReason is null ? "Abgesagt." : $"Abgesagt: {m.CancellationReason}");
        }

        text.AppendLine().AppendLine("Tagesordnung:");
        var agenda = AgendaLines.Of(m);
        if (agenda.Count == 0)
        {
            text.AppendLine("(folgt)");
        }

        foreach (var line in agenda)
        {
            text.AppendLine(line);
        }

        return text.ToString().TrimEnd();
    }

    private static IcalCalendar Published(IEnumerable<CalendarEntry> entries, DateTimeOffset now)
    {
        var calendar = new IcalCalendar { Method = "PUBLISH", ProductId = ProductId };
        var list = entries.ToList();
        foreach (var zone in list.Select(e => e.Meeting.TimeZone).Distinct(StringComparer.Ordinal))
        {
            var earliest = list.Where(e => e.Meeting.TimeZone == zone).Min(e => e.Meeting.StartsAt);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        }

        foreach (var entry in list)
        {
            calendar.Events.Add(EventOf(entry, now));
        }

        return calendar;
    }

    private static CalDateTime Local(DateTimeOffset instant, string zone) =>
        new(Zones.ToLocal(instant, zone).DateTime, zone);
}
