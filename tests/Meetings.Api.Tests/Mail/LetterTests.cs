using System.Net;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>Mails that say what happened: an update asks for a new answer only for a new time; the recipient's language.</summary>
public sealed class LetterTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Head, string Invitation)> PublishedTo(string? language = null)
    {
        var code = DirectoryData.Unique("L").ToUpperInvariant();
        var head = $"leitung.{code.ToLowerInvariant()}@augsburg.example";
        var department = (await (await _admin.PostJson("/api/departments", new
        {
            code, name = $"Amt {code}", head = new { name = "Julia Hoffmann", email = head, language },
        })).Json(HttpStatusCode.Created)).Id();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        await app.Dispatch();
        return (meeting, head, invitation.Id());
    }

    private static Ical.Net.DataTypes.Attendee Attendee(MimeMessage mail) =>
        Calendar.Load(mail.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text)!.Events.Single().Attendees.Single();

    [Fact]
    public async Task A_new_title_is_announced_as_such_asks_for_no_new_answer_and_keeps_the_partstat()
    {
        var (meeting, head, invitation) = await PublishedTo();
        await _admin.Answer(meeting, invitation, new { status = "accepted" });
        var current = await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);

        await (await _admin.PutJson($"/api/meetings/{meeting}", new
        {
            title = "Amtsleitungstreffen Winter", motto = current.Str("motto"),
            location = new { name = "Rathaus", address = "Rathausplatz 2", room = "Oberer Fletz" },
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var update = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Update");
        Assert.Equal("Geändert: Amtsleitungstreffen Winter – neuer Titel", update.Subject);
        Assert.Contains("Die Zeit bleibt, und Ihre Antwort gilt weiter.", update.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("erneut", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("Antwort ansehen oder ändern", update.TextBody, StringComparison.Ordinal);
        var attendee = Attendee(update);
        Assert.Equal(("ACCEPTED", false), (attendee.ParticipationStatus, attendee.Rsvp));
    }

    [Fact]
    public async Task A_new_time_is_announced_as_such_and_asks_for_a_new_answer()
    {
        var (meeting, head, invitation) = await PublishedTo();
        await _admin.Answer(meeting, invitation, new { status = "accepted" });
        var start = app.Clock.GetUtcNow().AddDays(37);

        await (await _admin.Action(meeting, "reschedule", new { startsAt = start.ToString("O"), endsAt = start.AddHours(3).ToString("O") })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var update = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Update");
        Assert.StartsWith("Verschoben: ", update.Subject, StringComparison.Ordinal);
        Assert.Contains("Bitte antworten Sie für die neue Zeit erneut", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("Jetzt antworten", update.HtmlBody, StringComparison.Ordinal);
        var attendee = Attendee(update);
        Assert.Equal(("NEEDS-ACTION", true), (attendee.ParticipationStatus, attendee.Rsvp));
    }

    [Fact]
    public async Task A_head_who_reads_english_gets_english_mails_with_the_page_in_english()
    {
        var (meeting, head, _) = await PublishedTo(language: "en");

        var invitation = Assert.Single(app.Smtp.To(head, meeting));

        Assert.StartsWith("Invitation: ", invitation.Subject, StringComparison.Ordinal);
        Assert.Equal("en", invitation.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Dear Julia Hoffmann,", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Answer now: https://intranet.augsburg.example/rsvp/", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("?lang=en", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", invitation.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_from_users_stays_text_in_both_parts()
    {
        var (meeting, head, _) = await PublishedTo();
        var current = await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);

        await (await _admin.PutJson($"/api/meetings/{meeting}", new
        {
            title = "<b>Treffen</b> & \"Austausch\"", motto = current.Str("motto"),
            location = new { name = "Rathaus <Saal>", address = "Rathausplatz 2" },
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var update = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Update");
        Assert.Equal("Geändert: <b>Treffen</b> & \"Austausch\" – neuer Titel und Ort", update.Subject);
        Assert.Contains("<b>Treffen</b> & \"Austausch\"", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Treffen&lt;/b&gt; &amp;", update.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Treffen</b>", update.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Rathaus &lt;Saal&gt;", update.HtmlBody, StringComparison.Ordinal);
    }
}
