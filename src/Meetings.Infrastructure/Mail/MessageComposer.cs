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

/// <summary>
/// What a mail is about: the ledger row and, as far as the kind needs them, its meeting (with agenda lines),
/// the invitation (for the personal link), the speaker, the series' and the partner city's names, and for a
/// cadence alert the year as it stands when the mail goes out.
/// </summary>
public sealed record MailContent(
    Delivery Delivery,
    Meeting? Meeting,
    Invitation? Invitation,
    string? SeriesName,
    IReadOnlyList<string> Agenda,
    Speaker? Speaker = null,
    string? CityName = null,
    CadenceYear? Cadence = null);

/// <summary>
/// Builds one mail per ledger row: German plain text and HTML, a subject of its own per kind naming the
/// meeting (or the series), and for invitation, update and cancellation an iMIP part (RFC 6047) inline in
/// multipart/alternative with the same UID as the calendar files.
/// </summary>
public static class MessageComposer
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static MimeMessage Compose(MailContent content, MailOptions options, DateTimeOffset now)
    {
        var delivery = content.Delivery;
        var letter = delivery.Kind switch
        {
            DeliveryKind.SpeakerConfirmed or DeliveryKind.SpeakerRejected or DeliveryKind.SpeakerWithdrawn => SpeakerLetter(content),
            DeliveryKind.CadenceAlert => CadenceLetter(content),
            _ => InviteeLetter(content, options),
        };

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = string.Join("\n", letter.Lines) },
            new TextPart("html") { Text = Html(letter.Lines, letter.Link) },
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
            Subject = letter.Subject,
            Body = alternative,
            MessageId = $"{delivery.Id:N}@meetings", // the same row always has the same Message-Id
            Date = now,
        };
        if (content.Meeting is { } meeting)
        {
            message.Headers.Add("X-Meetings-Meeting", meeting.Id.ToString());
        }

        if (delivery.SeriesId is { } seriesId)
        {
            message.Headers.Add("X-Meetings-Series", seriesId.ToString());
        }

        message.Headers.Add("X-Meetings-Kind", delivery.Kind.ToString());
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(delivery.Recipient.Name, delivery.Recipient.Email));
        return message;
    }

    /// <summary>Subject and lines of a mail; <see cref="Link"/> is the personal RSVP link, if any.</summary>
    private sealed record Letter(string Subject, List<string> Lines, string? Link = null);

    private static Letter InviteeLetter(MailContent content, MailOptions options)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting!);
        var start = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone);
        var withdrawn = delivery.Kind == DeliveryKind.Cancellation && delivery.Occasion == "withdrawn";
        var (subject, lead) = delivery.Kind switch
        {
            DeliveryKind.Invitation => ($"Einladung: {meeting.Title} am {start.ToString("d. MMMM yyyy", German)}", "Sie sind herzlich eingeladen."),
            DeliveryKind.Update => ($"Geändert: {meeting.Title} – jetzt am {start.ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Der Termin hat sich geändert. Bitte antworten Sie erneut."),
            DeliveryKind.Cancellation when withdrawn => ($"Einladung zurückgezogen: {meeting.Title}", "Ihre Einladung zu diesem Termin wurde zurückgezogen."),
            DeliveryKind.Cancellation => ($"Abgesagt: {meeting.Title} am {start.ToString("d. MMMM yyyy", German)}", meeting.CancellationReason is { } r ? $"Der Termin wurde abgesagt: {r}" : "Der Termin wurde abgesagt."),
            DeliveryKind.Reminder => ($"Erinnerung: {meeting.Title} am {start.ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Wir erinnern an den folgenden Termin."),
            DeliveryKind.RsvpNudge => ($"Bitte antworten: {meeting.Title} – Rückmeldung bis {Zones.ToLocal(meeting.RsvpDeadline ?? meeting.StartsAt, meeting.TimeZone).ToString("d. MMMM yyyy, HH:mm", German)} Uhr", "Wir haben noch keine Rückmeldung von Ihnen."),
            _ => throw new ArgumentOutOfRangeException(nameof(content), delivery.Kind, "not a mail to an invitee"),
        };

        var link = content.Invitation is { } i && delivery.Kind != DeliveryKind.Cancellation ? options.RsvpBaseUrl + i.RsvpToken : null;
        var lines = new List<string> { $"Guten Tag {delivery.Recipient.Name},", string.Empty, lead, string.Empty };
        AddMeeting(lines, content, withAgenda: delivery.Kind != DeliveryKind.Cancellation);
        if (link is not null)
        {
            lines.Add(string.Empty);
            lines.Add($"Ihre Antwort (zusagen, absagen, Vertretung benennen): {link}");
        }

        return new Letter(subject, lines, link);
    }

    /// <summary>To the speaker and the partner city's contact (confirmed, rejected), or to the organizer (withdrawn).</summary>
    private static Letter SpeakerLetter(MailContent content)
    {
        var (delivery, meeting, speaker) = (content.Delivery, content.Meeting!, content.Speaker!);
        var date = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone).ToString("d. MMMM yyyy", German);
        var toSpeaker = speaker.Email == delivery.RecipientEmail;
        var city = content.CityName ?? "Die Partnerstadt";
        var talk = $"„{speaker.TalkTitle}“ ({speaker.RequestedMinutes} Minuten)";
        var lines = new List<string> { toSpeaker ? $"Guten Tag {speaker.Name}," : "Guten Tag,", string.Empty };
        string subject;
        switch (delivery.Kind)
        {
            case DeliveryKind.SpeakerConfirmed:
                subject = toSpeaker
                    ? $"Ihr Vortrag ist bestätigt: {meeting.Title} am {date}"
                    : $"Vortrag bestätigt: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add(toSpeaker
                    ? $"wir freuen uns, Ihnen mitzuteilen: Ihr Vortrag {talk} ist bestätigt."
                    : $"der Vortrag von {speaker.Name} ({speaker.Organization}) {talk} ist bestätigt.");
                lines.Add(meeting.Status == MeetingStatus.Published
                    ? "Die Einladung mit dem Kalendereintrag kommt mit einer eigenen Mail."
                    : "Die Einladung mit dem Kalendereintrag folgt, sobald der Termin veröffentlicht ist.");
                break;
            case DeliveryKind.SpeakerRejected:
                subject = toSpeaker
                    ? $"Ihr Vortragsvorschlag wurde nicht angenommen: {meeting.Title} am {date}"
                    : $"Vortragsvorschlag nicht angenommen: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add(toSpeaker
                    ? $"leider können wir Ihren Vortrag {talk} diesmal nicht in die Tagesordnung aufnehmen."
                    : $"der Vortragsvorschlag von {speaker.Name} ({speaker.Organization}) {talk} wurde nicht angenommen.");
                lines.Add($"Begründung: {speaker.DecisionReason}");
                break;
            default:
                subject = $"Vortrag zurückgezogen: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add($"{city} hat den bestätigten Vortrag von {speaker.Name} ({speaker.Organization}) {talk} zurückgezogen.");
                lines.Add("Der Vortrag ist aus der Tagesordnung entfernt, die Einladung des Referenten zurückgezogen.");
                break;
        }

        lines.Add(string.Empty);
        AddMeeting(lines, content, withAgenda: delivery.Kind != DeliveryKind.SpeakerRejected);
        return new Letter(subject, lines);
    }

    /// <summary>To the series' organizer: a year is at risk (not enough meetings published for the rest of it) or was missed.</summary>
    private static Letter CadenceLetter(MailContent content)
    {
        var (series, year) = (content.SeriesName ?? "Terminreihe", content.Cadence!);
        var missed = year.Status == CadenceStatus.Missed;
        var subject = missed
            ? $"Turnus verfehlt: {series} {year.Year} – {year.Held} von {year.Required} Treffen"
            : $"Turnus gefährdet: {series} {year.Year} – {year.Held + year.Planned} von {year.Required} Treffen";
        var lines = new List<string>
        {
            "Guten Tag,",
            string.Empty,
            missed
                ? $"die Terminreihe „{series}“ hat im Jahr {year.Year} weniger Treffen abgehalten als vorgesehen."
                : $"für die Terminreihe „{series}“ sind im Jahr {year.Year} nicht genug Treffen veröffentlicht, um das Minimum zu erreichen.",
            string.Empty,
            $"Erforderlich: {year.Required}",
            $"Abgehalten: {year.Held}",
            $"Veröffentlicht und noch geplant: {year.Planned}",
            $"Abgesagt (zählen nicht): {year.Cancelled}",
        };
        if (!missed)
        {
            lines.Add(string.Empty);
            var missing = year.Required - year.Held - year.Planned;
            lines.Add($"Bitte planen und veröffentlichen Sie {(missing == 1 ? "ein weiteres Treffen" : $"{missing} weitere Treffen")} in diesem Jahr.");
        }

        return new Letter(subject, lines);
    }

    private static void AddMeeting(List<string> lines, MailContent content, bool withAgenda)
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
            lines.AddRange(content.Agenda.Count == 0 ? ["(folgt)"] : content.Agenda);
        }
    }

    /// <summary>The iTIP object: METHOD, the meeting as VEVENT, ORGANIZER and exactly the recipient as ATTENDEE.</summary>
    private static string Imip(MailContent content, MailOptions options, string method, DateTimeOffset now)
    {
        var meeting = content.Meeting!;
        var calendar = new IcalCalendar { Method = method, ProductId = ICalendar.ProductId };
        calendar.AddTimeZone(Ical.Net.CalendarComponents.VTimeZone.FromDateTimeZone(
            meeting.TimeZone, meeting.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        var vevent = ICalendar.EventOf(new CalendarEntry(meeting, content.SeriesName, content.Agenda), now);
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
