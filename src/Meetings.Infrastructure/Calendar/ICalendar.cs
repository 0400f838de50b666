using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using IcalCalendar = Ical.Net.Calendar;

namespace Meetings.Infrastructure.Calendar;

/// <summary>
/// RFC 5545 calendar files and RFC 5546 replies, through Ical.Net. One stable UID per meeting
/// (<see cref="UidOf"/>), shared by the calendar files and (later) the iMIP parts of mails.
/// </summary>
public static class ICalendar
{
    public const string ProductId = "-//Meetings//Amtsleitungstreffen//DE";
    private const string UidSuffix = "@meetings";

    public static string UidOf(Guid meetingId) => $"{meetingId}{UidSuffix}";

    public static Guid? MeetingIdOf(string uid) =>
        uid.EndsWith(UidSuffix, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(uid[..^UidSuffix.Length], out var id) ? id : null;

    /// <summary>A METHOD:PUBLISH file with one VEVENT per entry and a VTIMEZONE per zone used.</summary>
    public static string Publish(IEnumerable<CalendarEntry> entries, DateTimeOffset now)
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

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static CalendarEvent EventOf(CalendarEntry entry, DateTimeOffset now)
    {
        var m = entry.Meeting;
        return new CalendarEvent
        {
            Uid = UidOf(m.Id),
            Sequence = m.Sequence,
            Summary = m.Title,
            DtStart = Local(m.StartsAt, m.TimeZone),
            DtEnd = Local(m.EndsAt, m.TimeZone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            LastModified = new CalDateTime(m.UpdatedAt.UtcDateTime, "UTC"),
            Status = m.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            Location = m.Location?.OneLine,
            Url = m.Location?.OnlineUrl is { } url ? new Uri(url) : null,
            Description = DescriptionOf(entry),
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
        if (entry.Agenda.Count == 0)
        {
            text.AppendLine("(folgt)");
        }

        foreach (var line in entry.Agenda)
        {
            text.AppendLine(line);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Reads an iTIP REPLY with exactly one VEVENT and one ATTENDEE.</summary>
    public static CalendarReply ReadReply(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new CalendarFormatException("The body contains a NUL character, which iCalendar does not allow (RFC 5545, 3.1).");
        }

        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarFormatException("The body is not an iCalendar object (RFC 5545).");
        }

        if (calendar is null)
        {
            throw new CalendarFormatException("The body is not an iCalendar object (RFC 5545).");
        }

        if (!string.Equals(calendar.Method, "REPLY", StringComparison.OrdinalIgnoreCase))
        {
            throw new CalendarFormatException($"METHOD must be REPLY (RFC 5546), not '{calendar.Method ?? "(none)"}'.");
        }

        if (calendar.Events.Count != 1)
        {
            throw new CalendarFormatException("A reply must contain exactly one VEVENT.");
        }

        var vevent = calendar.Events.Single();
        if (string.IsNullOrWhiteSpace(vevent.Uid))
        {
            throw new CalendarFormatException("The VEVENT has no UID.");
        }

        if (vevent.Attendees.Count != 1)
        {
            throw new CalendarFormatException($"A reply must name exactly one ATTENDEE; this one names {vevent.Attendees.Count}.");
        }

        var attendee = vevent.Attendees[0];
        var email = MailtoOf(attendee.Value) ?? throw new CalendarFormatException("The ATTENDEE is not a mailto: address.");
        var partStat = attendee.ParticipationStatus?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(partStat))
        {
            throw new CalendarFormatException("The ATTENDEE has no PARTSTAT.");
        }

        var delegatedTo = attendee.DelegatedTo.Select(d => MailtoOf(TryUri(d))).FirstOrDefault(d => d is not null);
        return new CalendarReply(vevent.Uid.Trim(), vevent.Sequence, email, attendee.CommonName, partStat, delegatedTo);
    }

    private static CalDateTime Local(DateTimeOffset instant, string zone) =>
        new(Zones.ToLocal(instant, zone).DateTime, zone);

    private static Uri? TryUri(string value) => Uri.TryCreate(value.Trim('"'), UriKind.Absolute, out var uri) ? uri : null;

    private static string? MailtoOf(Uri? uri)
    {
        if (uri is null || !string.Equals(uri.Scheme, "mailto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var address = Uri.UnescapeDataString(uri.OriginalString[(uri.OriginalString.IndexOf(':', StringComparison.Ordinal) + 1)..]).Trim();
        return EmailAddress.IsValid(address) ? EmailAddress.Normalize(address) : null;
    }
}
