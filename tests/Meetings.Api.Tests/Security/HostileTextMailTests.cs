using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Results;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail.Composition;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Issue 19, fuzz-style: hostile text in every field that reaches a mail — names (heads, deputies, hosts, delegates,
/// speakers, presenters, the keeper), the series' name, title, motto, description, location, agenda and talk titles,
/// the cancellation's reason, the minutes' text and task titles. Each value goes in through the API where the API takes
/// it, and straight into the database where the API refuses it (as data from before a rule would be there). Every mail
/// of the invitation, the delegation, the speaker's confirmation, the cancellation and the minutes must go out and
/// parse back: MimeKit for the message (one recipient, no header made up by the text), Ical.Net for the calendar part
/// (one VEVENT, exactly one ORGANIZER and exactly the recipient as ATTENDEE).
/// </summary>
public sealed partial class HostileTextMailTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Placeholder = "Platzhalter";
    private readonly HttpClient _admin = app.Admin();

    public static TheoryData<string, string> Hostile => new()
    {
        { "CR/LF", "Zeile\r\nBcc: evil@evil.example\r\nSubject: Gewinn\r\n\r\n<script>x</script>" },
        { "percent", "100 % sicher %0D%0A %s {0} %n" },
        { "quotes and separators", "\"Zitat\" 'einfach' ;:,\\ ^n ^' <b>fett</b> &amp;" },
        { "bidi overrides", "Rechts\u202eLinks \u2066isoliert\u2069 \u202aein\u202c" },
        { "umlauts", "Größe Übung Straße Ärger Œuvre" },
        { "emoji", "Feier \U0001F389\U0001F600 ok \U0001F1E9\U0001F1EA" },
        { "NUL", "NUL\0da\u0007\u001b[31m" },
        { "10 KB", string.Concat(Enumerable.Repeat("Ä0123456789 ", 854)) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Every_mail_with_hostile_text_in_any_field_goes_out_and_parses_back(string kind, string text)
    {
        Assert.NotNull(kind);
        var marked = $"Treffen {text}";

        // Directory and series: the heads' and deputies' names, a host's name, the series' name.
        var delegating = await Department(text);
        var attending = await Department(text);
        var city = await _admin.CreateHostCity();
        var series = await Write<Series>(text, async value =>
            await _admin.PostJson("/api/series", new
            {
                name = value("name"), hostCityId = city, organizerEmail = "direktorium@host.example", timeZone = "Europe/Berlin",
                defaultLocation = new { name = "Rathaus", room = value("defaultLocation.room") },
                hosts = new[] { new { name = value("hosts[0].name"), title = "Oberbürgermeisterin", email = $"ob.{Guid.NewGuid():N}@host.example" } },
            }));

        // The meeting: title, motto, description, location; an agenda item and its presenter; a partner's speaker.
        var meeting = await Write<Meeting>(marked, async value => await _admin.PostJson("/api/meetings", new
        {
            seriesId = series, title = value("title"), motto = value("motto"), description = value("description"),
            startsAt = app.Clock.GetUtcNow().AddDays(30).ToString("O"),
            location = new { name = value("location.name"), room = value("location.room"), address = value("location.address") },
        }));
        await Write<AgendaItem>(text, async value => await _admin.PostJson($"/api/meetings/{meeting}/agenda", new
        {
            title = value("title"), durationMinutes = 20, kind = "discussion", presenter = new { kind = "host", name = value("presenter.name") },
        }));
        // The office registers it: a draft is the office's (a partner key gets 404 for it).
        var partnerCity = await _admin.CreatePartnerCity();
        var speaker = await Write<Speaker>(text, async value => await _admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = partnerCity, name = value("name"), title = value("title"), organization = value("organization"), email = $"{Guid.NewGuid():N}@partner.example",
            talkTitle = value("talkTitle"), requestedMinutes = 20,
        }));
        // (not onto the agenda: an agenda item takes a talk title written around the rules no more than the API does)
        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { addToAgenda = false })).Json(HttpStatusCode.OK);
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);

        // A head names a delegate with the text as name (the delegate's invitation carries it, and the head's in its lead).
        var invitation = (await _admin.Invitations(meeting.ToString())).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == delegating.ToString()).Id();
        var delegateEmail = $"vertretung.{Guid.NewGuid():N}@augsburg.example";
        var delegated = await app.Anonymous().PutJson($"/api/rsvp/{await app.TokenOf(invitation)}", new
        {
            status = "delegated", @delegate = new { name = text, email = delegateEmail },
        });
        if (delegated.StatusCode == HttpStatusCode.BadRequest)
        {
            await (await app.Anonymous().PutJson($"/api/rsvp/{await app.TokenOf(invitation)}", new
            {
                status = "delegated", @delegate = new { name = Placeholder, email = delegateEmail },
            })).Json(HttpStatusCode.OK);
            await app.Overwrite<Invitation>(Guid.Parse(invitation), ("Delegate.Name", text));
            foreach (var row in await app.Db(db => db.Deliveries.Where(d => d.RecipientEmail == delegateEmail).Select(d => d.Id).ToListAsync()))
            {
                await app.Overwrite<Delivery>(row, ("Recipient.Name", text)); // the invitation and the reminders planned for the delegate
            }
        }

        await AllGoOutAndParseBack(meeting, expectedAtLeast: 6); // the heads (the delegating one's skipped), the delegate, the host, the speaker (invited and confirmed), its city

        // The cancellation, with the text as reason.
        await Write<Meeting>(text, async value => await _admin.Action(meeting.ToString(), "cancel", new { reason = value("reason") }), meeting, ("reason", "CancellationReason"));
        await AllGoOutAndParseBack(meeting, expectedAtLeast: 4);

        // The minutes of another meeting: the keeper's name, the entries' text, a task's title.
        var held = Guid.Parse(await _admin.CreatePublished(series.ToString(), app.Clock.GetUtcNow().AddHours(2)));
        await AllGoOutAndParseBack(held, expectedAtLeast: 3);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var minutes = await _admin.PutJson($"/api/meetings/{held}/minutes", MinutesBody(text, attending));
        if (minutes.StatusCode == HttpStatusCode.BadRequest)
        {
            var saved = await (await _admin.PutJson($"/api/meetings/{held}/minutes", MinutesBody(Placeholder, attending))).Json(HttpStatusCode.OK);
            var id = await app.Db(db => db.Set<Minutes>().Where(m => m.MeetingId == held).Select(m => m.Id).SingleAsync());
            await app.Overwrite<Minutes>(id, ("Keeper.Name", text), ("Entries[0].Text", text), ("Entries[1].Text", text));
            var task = saved.GetProperty("entries").EnumerateArray()
                .Select(e => e.TryGetProperty("taskId", out var t) ? t.GetString() : null).Single(t => t is not null)!;
            await app.Overwrite<MeetingTask>(Guid.Parse(task), ("Title", text));
        }
        else
        {
            await minutes.Json(HttpStatusCode.OK);
        }

        await ResultsData.Approve(_admin, held.ToString());
        await AllGoOutAndParseBack(held, expectedAtLeast: 2, calendar: false); // the minutes to every head, the task to the attending department
    }

    /// <summary>A department whose name and people's names are <paramref name="text"/> (through the API, or stored where it refuses it).</summary>
    private Task<Guid> Department(string text)
    {
        var code = DirectoryData.Unique("H").ToUpperInvariant();
        return Write<Department>(text, async value => await _admin.PostJson("/api/departments", new
        {
            code, name = value("name"),
            head = new { name = value("head.name"), email = $"leitung.{code.ToLowerInvariant()}@augsburg.example", title = value("head.title") },
            deputy = new { name = value("deputy.name"), email = $"vertretung.{code.ToLowerInvariant()}@augsburg.example" },
        }));
    }

    private static object MinutesBody(string text, Guid department) => new
    {
        keeper = new { name = text, email = "protokoll@augsburg.example" },
        entries = new object[]
        {
            new { kind = "decision", text = $"{text}\nZweite Zeile" },
            new { kind = "task", text, task = new { title = text, departmentId = department, dueOn = "2027-01-15" } },
        },
    };

    /// <summary>
    /// Sends a body with <paramref name="text"/> in every field; the fields the API refuses (400, named) are sent again with
    /// a placeholder and then written into the stored <typeparamref name="T"/> (a created one, or <paramref name="existing"/>)
    /// around the rules. <paramref name="columns"/> names the stored property of a field where it is not the field's own name.
    /// </summary>
    private async Task<Guid> Write<T>(string text, Func<Func<string, string>, Task<HttpResponseMessage>> send, Guid? existing = null, params (string Field, string Path)[] columns)
        where T : class
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var response = await send(_ => text);
        while (response.StatusCode == HttpStatusCode.BadRequest && refused.Count < 20)
        {
            // some rules are checked only once others pass: send again until nothing more is refused
            refused.UnionWith((await response.ValidationErrors()).EnumerateObject().Select(e => e.Name));
            response = await send(field => refused.Contains(field) ? Placeholder : text);
        }

        var body = await response.Json(response.StatusCode);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var id = existing ?? Guid.Parse(body.Id());
        if (refused.Count > 0)
        {
            var names = columns.ToDictionary(c => c.Field, c => c.Path, StringComparer.Ordinal);
            await app.Overwrite<T>(id, [.. refused.Select(field => (names.GetValueOrDefault(field) ?? PathOf(field), (object?)text))]);
        }

        return id;
    }

    /// <summary><c>hosts[0].name</c> → <c>Hosts[0].Name</c>, <c>talkTitle</c> → <c>TalkTitle</c>.</summary>
    private static string PathOf(string field) => string.Join('.', field.Split('.').Select(s => char.ToUpperInvariant(s[0]) + s[1..]));

    /// <summary>
    /// Sends every due mail (one batch, as the job does): none may fail, and each received mail must parse back —
    /// one recipient, that of its ledger row, no header made up by a text, and a calendar part with one ORGANIZER and
    /// exactly the recipient as ATTENDEE.
    /// </summary>
    private async Task AllGoOutAndParseBack(Guid meeting, int expectedAtLeast, bool calendar = true)
    {
        var before = app.Smtp.Received.Count;

        var result = await app.Dispatch();

        var failures = await app.Db(db => db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Failed).Select(d => d.LastError).ToListAsync());
        Assert.True(result.Failed == 0 && result.Retried == 0, $"{result}: {string.Join(" | ", failures)}");
        Assert.True(result.Sent >= expectedAtLeast, $"{result}");
        var mails = app.Smtp.Received.Skip(before).ToList();
        Assert.Equal(result.Sent, mails.Count);
        var rows = await app.Db(db => db.Deliveries.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.RecipientEmail));
        foreach (var mail in mails)
        {
            var recipient = Assert.Single(mail.To.Mailboxes).Address;
            Assert.Equal(rows[MessageIds.RowOf(mail.MessageId)!.Value], recipient, ignoreCase: true);
            Assert.Empty(mail.Cc);
            Assert.Empty(mail.Bcc);
            Assert.Single(mail.Headers, h => h.Id == HeaderId.Subject);
            Assert.Single(mail.Headers, h => h.Id == HeaderId.To);
            Assert.False(string.IsNullOrEmpty(mail.TextBody), "no text part");
            Assert.False(string.IsNullOrEmpty(mail.HtmlBody), "no HTML part");
            if (mail.BodyParts.OfType<TextPart>().SingleOrDefault(p => p.ContentType.MimeType == "text/calendar") is { } part)
            {
                AssertImip(part.Text, recipient);
            }
        }

        if (calendar)
        {
            Assert.Contains(mails, m => m.Headers["X-Meetings-Meeting"] == meeting.ToString() && m.BodyParts.Any(p => p.ContentType.MimeType == "text/calendar"));
        }
    }

    private static void AssertImip(string text, string recipient)
    {
        var lines = Regex.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n[ \t]", string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("ORGANIZER", StringComparison.Ordinal) && l[9] is ';' or ':');
        Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal) && l[8] is ';' or ':');
        Assert.DoesNotContain(lines, l => l.Contains('\0', StringComparison.Ordinal));
        var vevent = Assert.Single(Calendar.Load(text)!.Events);
        Assert.NotNull(vevent.Organizer);
        var attendee = Assert.Single(vevent.Attendees);
        Assert.Equal($"mailto:{recipient}", Uri.UnescapeDataString(attendee.Value!.OriginalString), ignoreCase: true);
        Assert.StartsWith("Treffen ", vevent.Summary, StringComparison.Ordinal);
    }
}
