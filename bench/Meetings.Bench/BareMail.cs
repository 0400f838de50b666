using MimeKit;

namespace Meetings.Bench;

/// <summary>
/// The baselines' mails: of a reminder's shape and size (multipart/alternative with German plain text and HTML in
/// UTF-8, the same headers, one recipient in To, ~1.6 kB), or of an invitation's, with an iMIP calendar part
/// (text/calendar; method=REQUEST) beside them.
/// </summary>
internal static class BareMail
{
    private static readonly string[] Lines =
    [
        "Wir erinnern an den folgenden Termin.", string.Empty, "Amtsleitungstreffen", "Benchmark",
        "Wann: Mittwoch, 25. November 2026, 09:55–11:55 Uhr (Europe/Berlin)", "Wo: Rathaus", string.Empty, "Tagesordnung:", "(folgt)", string.Empty,
    ];

    public static MimeMessage Message(int i, bool invitation)
    {
        var link = $"http://localhost:5080/api/rsvp/{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}{i:D10}";
        var text = $"Guten Tag Leitung {i},\n\n{string.Join("\n", Lines)}\nIhre Antwort (zusagen, absagen, Vertretung benennen): {link}";
        var html = $"<!DOCTYPE html><html lang=\"de\"><body style=\"font-family:sans-serif\"><div>Guten Tag Leitung {i},</div><br>"
            + string.Concat(Lines.Select(l => l.Length == 0 ? "<br>" : $"<div>{l}</div>")) + $"<div>{link}</div><p><a href=\"{link}\">Jetzt antworten</a></p></body></html>";
        var body = new MultipartAlternative { new TextPart("plain") { Text = text }, new TextPart("html") { Text = html } };
        if (invitation)
        {
            var calendar = new TextPart("calendar") { Text = Calendar(i) };
            calendar.ContentType.Parameters.Add("method", "REQUEST");
            calendar.ContentType.Charset = "utf-8";
            body.Add(calendar);
        }

        var message = new MimeMessage
        {
            Subject = invitation ? "Einladung: Benchmark am 25. November 2026, 09:55 Uhr" : "Erinnerung: Benchmark am 25. November 2026, 09:55 Uhr",
            Body = body,
            MessageId = $"{Guid.NewGuid():N}@meetings",
            Date = DateTimeOffset.UtcNow,
        };
        message.Headers.Add("X-Meetings-Meeting", Guid.Empty.ToString());
        message.Headers.Add("X-Meetings-Kind", invitation ? "Invitation" : "Reminder");
        message.From.Add(MailboxAddress.Parse("amtsleitung@augsburg.example"));
        message.To.Add(new MailboxAddress($"Leitung {i}", $"leitung{i}@augsburg.example"));
        return message;
    }

    private static string Calendar(int i) => string.Join("\r\n",
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Meetings//Benchmark//DE", "METHOD:REQUEST", "BEGIN:VEVENT",
        $"UID:{Guid.Empty}@meetings", "SEQUENCE:0", "DTSTAMP:20261125T080000Z", "DTSTART:20261125T085500Z", "DTEND:20261125T105500Z",
        "SUMMARY:Amtsleitungstreffen: Benchmark", "LOCATION:Rathaus", "ORGANIZER:mailto:amtsleitung@augsburg.example",
        $"ATTENDEE;CN=Leitung {i};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:leitung{i}@augsburg.example",
        "DESCRIPTION:Tagesordnung: (folgt)", "END:VEVENT", "END:VCALENDAR", string.Empty);
}
