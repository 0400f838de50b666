using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 1 of the security review, the writer's side: every calendar part and file the service writes — the meeting
/// file, the series file, the iMIP REQUEST and CANCEL in the mails the SMTP server receives — read back by Ical.Net
/// with names full of the characters iCalendar gives a meaning: one ORGANIZER, exactly the intended ATTENDEE, every
/// name unchanged.
/// </summary>
public sealed class CalendarEscapingTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Organizer = "mailto:direktorium@host.example"; // the series' organizer
    private readonly HttpClient _admin = app.Admin();

    /// <summary>A name with a quote, the separators of parameters, values and lists, a backslash, RFC 6868's caret and umlauts.</summary>
    private static string Nasty(string who) => $"Dr. \"{who}\" Müller; Leitung: Ämter, \\Ost\\ ^n^' Straße";

    [Fact]
    public async Task Every_calendar_part_and_file_has_one_organizer_exactly_the_intended_attendee_and_the_names_unchanged()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var code = DirectoryData.Unique("C").ToUpperInvariant();
        var headEmail = $"leitung.{code.ToLowerInvariant()}@augsburg.example";
        names[headEmail] = Nasty("Leitung");
        await (await _admin.PostJson("/api/departments", new { code, name = Nasty("Amt"), head = new { name = names[headEmail], email = headEmail } }))
            .Json(HttpStatusCode.Created);
        var code2 = DirectoryData.Unique("V").ToUpperInvariant();
        var deputyEmail = $"vertretung.{code2.ToLowerInvariant()}@augsburg.example";
        names[deputyEmail] = Nasty("Vertretung");
        var delegating = (await (await _admin.PostJson("/api/departments", new
        {
            code = code2, name = "Amt 2", head = new { name = "Zweite Leitung", email = $"leitung.{code2.ToLowerInvariant()}@augsburg.example" },
            deputy = new { name = names[deputyEmail], email = deputyEmail },
        })).Json(HttpStatusCode.Created)).Id();
        var hostEmail = $"ob.{Guid.NewGuid():N}@host.example";
        names[hostEmail] = Nasty("OB");
        var series = (await (await _admin.PostJson("/api/series", new
        {
            name = Nasty("Reihe"), hostCityId = await _admin.CreateHostCity(), organizerEmail = "direktorium@host.example",
            hosts = new[] { new { name = names[hostEmail], title = "Oberbürgermeisterin", email = hostEmail } },
        })).Json(HttpStatusCode.Created)).Id();
        var title = Nasty("Titel");
        var location = $"{Nasty("Ort")}, {Nasty("Saal")}, Rathausplatz 2";
        var meeting = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(30), new
        {
            title, description = "Zeile; eins,\nZeile \\zwei\\ \"drei\"", location = new { name = Nasty("Ort"), room = Nasty("Saal"), address = "Rathausplatz 2" },
        })).Id();
        var speakerEmail = $"{Guid.NewGuid():N}@muenchen.example";
        names[speakerEmail] = Nasty("Rednerin");
        var speaker = (await (await _admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = await _admin.CreatePartnerCity(), name = names[speakerEmail], title = "IT-Direktorin", organization = "München",
            email = speakerEmail, talkTitle = Nasty("Vortrag"), requestedMinutes = 30,
        })).Json(HttpStatusCode.Created)).Id();
        await (await _admin.PostAsync($"/api/meetings/{meeting}/speakers/{speaker}/confirm", null)).Json(HttpStatusCode.OK);
        await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new
        {
            title = Nasty("Punkt"), durationMinutes = 20, kind = "discussion", presenter = new { kind = "host", name = Nasty("Moderation") },
        })).Json(HttpStatusCode.Created);
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var toDelegate = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == delegating);
        await (await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(toDelegate))}", new
        {
            status = "delegated", @delegate = new { name = names[deputyEmail], email = deputyEmail },
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var meetingFile = await _admin.GetStringAsync($"/api/meetings/{meeting}/calendar.ics");
        var seriesFile = await _admin.GetStringAsync($"/api/series/{series}/calendar.ics");
        await (await _admin.Action(meeting, "cancel", new { reason = Nasty("Grund") })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        AssertFile(meetingFile, title, location);
        AssertFile(seriesFile, title, location);
        var parts = app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting)
            .SelectMany(m => m.BodyParts.OfType<TextPart>().Where(p => p.ContentType.MimeType == "text/calendar").Select(p => (Mail: m, Part: p)))
            .ToList();
        Assert.Equal(["CANCEL", "REQUEST"], parts.Select(p => p.Part.ContentType.Parameters["method"]!).Distinct().Order().ToArray());
        Assert.Equal(names.Keys.Order(StringComparer.OrdinalIgnoreCase), parts.Select(p => p.Mail.To.Mailboxes.Single().Address).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (mail, part) in parts)
        {
            var recipient = mail.To.Mailboxes.Single().Address;
            AssertImip(part.Text, recipient, names[recipient], title, location);
        }
    }

    /// <summary>A PUBLISH file: per VEVENT one ORGANIZER and no ATTENDEE; title and location as given.</summary>
    private static void AssertFile(string text, string title, string location)
    {
        var lines = Unfolded(text);
        Assert.Equal(lines.Count(l => l == "BEGIN:VEVENT"), lines.Count(l => PropertyName(l) == "ORGANIZER"));
        Assert.DoesNotContain(lines, l => PropertyName(l) == "ATTENDEE");
        var vevent = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal(Organizer, vevent.Organizer?.Value?.OriginalString);
        Assert.Empty(vevent.Attendees);
        Assert.Equal((title, location), (vevent.Summary, vevent.Location));
        Assert.Contains(Nasty("Punkt"), vevent.Description, StringComparison.Ordinal);
        Assert.Contains(Nasty("Moderation"), vevent.Description, StringComparison.Ordinal);
        Assert.Contains("Zeile \\zwei\\ \"drei\"", vevent.Description, StringComparison.Ordinal);
    }

    /// <summary>An iMIP part: one ORGANIZER, exactly the recipient as ATTENDEE, with the name as given.</summary>
    private static void AssertImip(string text, string recipient, string name, string title, string location)
    {
        var lines = Unfolded(text);
        Assert.Single(lines, l => PropertyName(l) == "ORGANIZER");
        Assert.Single(lines, l => PropertyName(l) == "ATTENDEE");
        var vevent = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal(Organizer, vevent.Organizer?.Value?.OriginalString);
        var attendee = Assert.Single(vevent.Attendees);
        Assert.Equal($"mailto:{recipient}", attendee.Value?.OriginalString, ignoreCase: true);
        Assert.Equal(name, Rfc6868(attendee.CommonName));
        Assert.Equal((title, location), (vevent.Summary, vevent.Location));
    }

    /// <summary>Content lines with folding undone (RFC 5545, 3.1); a MIME part's text comes with LF line ends.</summary>
    private static List<string> Unfolded(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n[ \t]", string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string PropertyName(string line) => line[..line.IndexOfAny([';', ':'])];

    /// <summary>
    /// RFC 6868 decoding of a parameter value (^^ caret, ^' quote, ^n line break): Ical.Net 5.2.4 hands parameter values
    /// over as written, so the test decodes them as a reader that implements RFC 6868 (libical, say) does.
    /// </summary>
    private static string? Rfc6868(string? value) => value is null ? null
        : Regex.Replace(value, "\\^(\\^|'|n|N)", m => m.Groups[1].Value switch { "^" => "^", "'" => "\"", _ => "\n" });
}
