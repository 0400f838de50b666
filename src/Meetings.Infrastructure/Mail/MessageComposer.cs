using System.Globalization;
using System.Net;
using System.Text;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using MimeKit;
using IcalCalendar = Ical.Net.Calendar;

namespace Meetings.Infrastructure.Mail;

/// <summary>What a mail is about: the ledger row, its meeting, the invitation (for the personal link) and the agenda lines.</summary>
public sealed record MailContent(Delivery Delivery, Meeting Meeting, Invitation? Invitation, string? SeriesName, IReadOnlyList<string> Agenda);

/// <summary>
/// Builds one mail per ledger row: German plain text and HTML, a subject of its own per kind naming the
/// meeting, and for invitation, update and cancellation an iMIP part (RFC 6047) inline in
/// multipart/alternative with the same UID as the calendar files.
/// </summary>
public static class MessageComposer
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static MimeMessage Compose(MailContent content, MailOptions options, DateTimeOffset now)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting);
        var start = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone);
        var end = Zones.ToLocal(meeting.EndsAt, meeting.TimeZone);
        var when = $"{start.ToString("dddd, d. MMMM yyyy, HH:mm", German)}–{end.ToString("HH:mm", German)} Uhr";
        var withdrawn = delivery.Kind == DeliveryKind.Cancellation && delivery.Occasion == "withdrawn";
        var (subject, lead) = delivery.Kind switch
        {
            DeliveryKind.Invitation => ($"Einladung: {meeting.Title} am {start.ToString("d. MMMM yyyy", German)}", "Sie sind herzlich eingeladen."),
            DeliveryKind.Update => ($"Geändert: {meeting.Title} – jetzt am {start.ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Der Termin hat sich geändert. Bitte antworten Sie erneut."),
            DeliveryKind.Cancellation when withdrawn => ($"Einladung zurückgezogen: {meeting.Title}", "Ihre Einladung zu diesem Termin wurde zurückgezogen."),
            DeliveryKind.Cancellation => ($"Abgesagt: {meeting.Title} am {start.ToString("d. MMMM yyyy", German)}", meeting.CancellationReason is { } r ? $"Der Termin wurde abgesagt: {r}" : "Der Termin wurde abgesagt."),
            DeliveryKind.Reminder => ($"Erinnerung: {meeting.Title} am {start.ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Wir erinnern an den folgenden Termin."),
            DeliveryKind.RsvpNudge => ($"Bitte antworten: {meeting.Title} – Rückmeldung bis {Zones.ToLocal(meeting.RsvpDeadline ?? meeting.StartsAt, meeting.TimeZone).ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Wir haben noch keine Rückmeldung von Ihnen."),
            _ => ($"{meeting.Title}", string.Empty),
        };

        var link = content.Invitation is { } i && delivery.Kind != DeliveryKind.Cancellation ? options.RsvpBaseUrl + i.RsvpToken : null;
        var lines = new List<string> { $"Guten Tag {delivery.Recipient.Name},", string.Empty, lead, string.Empty };
        if (content.SeriesName is not null)
        {
            lines.Add(content.SeriesName);
        }

        lines.Add(meeting.Title + (meeting.Motto is null ? string.Empty : $" – {meeting.Motto}"));
        lines.Add($"Wann: {when} ({meeting.TimeZone})");
        if (meeting.Location is { } location)
        {
            lines.Add($"Wo: {location.OneLine}" + (location.OnlineUrl is null ? string.Empty : $" · online: {location.OnlineUrl}"));
        }

        if (delivery.Kind != DeliveryKind.Cancellation)
        {
            lines.Add(string.Empty);
            lines.Add("Tagesordnung:");
            lines.AddRange(content.Agenda.Count == 0 ? ["(folgt)"] : content.Agenda);
        }

        if (link is not null)
        {
            lines.Add(string.Empty);
            lines.Add($"Ihre Antwort (zusagen, absagen, Vertretung benennen): {link}");
        }

        var text = string.Join("\n", lines);
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = Html(lines, link) },
        };
        if (delivery.Kind is DeliveryKind.Invitation or DeliveryKind.Update or DeliveryKind.Cancellation)
        {
            var method = delivery.Kind == DeliveryKind.Cancellation ? "CANCEL" : "REQUEST";
            var calendar = new TextPart("calendar") { Text = Imip(content, options, method, now) };
            calendar.ContentType.Parameters.Add("method", method);
            calendar.ContentType.Charset = "utf-8";
            alternative.Add(calendar);
        }

        var message = new MimeMessage
        {
            Subject = subject,
            Body = alternative,
            MessageId = $"{delivery.Id:N}@meetings",
            Date = now,
        };
        message.Headers.Add("X-Meetings-Meeting", meeting.Id.ToString());
        message.Headers.Add("X-Meetings-Kind", delivery.Kind.ToString());
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(delivery.Recipient.Name, delivery.Recipient.Email));
        return message;
    }

    /// <summary>The iTIP object: METHOD, the meeting as VEVENT, ORGANIZER and exactly the recipient as ATTENDEE.</summary>
    private static string Imip(MailContent content, MailOptions options, string method, DateTimeOffset now)
    {
        var calendar = new IcalCalendar { Method = method, ProductId = ICalendar.ProductId };
        calendar.AddTimeZone(Ical.Net.CalendarComponents.VTimeZone.FromDateTimeZone(
            content.Meeting.TimeZone, content.Meeting.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        var vevent = ICalendar.EventOf(new CalendarEntry(content.Meeting, content.SeriesName, content.Agenda), now);
        if (method == "CANCEL")
        {
            vevent.Status = "CANCELLED";
        }

        vevent.Organizer = new Organizer($"mailto:{options.OrganizerAddress}");
        vevent.Attendees.Add(new Attendee($"mailto:{content.Delivery.Recipient.Email}")
        {
            CommonName = content.Delivery.Recipient.Name,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
            Rsvp = true,
        });
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static string Html(IEnumerable<string> lines, string? link)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"de\"><body style=\"font-family:sans-serif\">");
        foreach (var line in lines)
        {
            html.Append(line.Length == 0 ? "<br>" : $"<div>{WebUtility.HtmlEncode(line)}</div>");
        }

        if (link is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Jetzt antworten</a></p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
