using System.Net;
using Meetings.Api.Tests.Documents;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>
/// Invitation and update mails list the meeting's documents of audience invitees with links through the recipient's own
/// link — never as attachments; a document only for the office is not listed.
/// </summary>
public sealed class DocumentMailTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_document_uploaded_before_publishing_is_listed_in_the_invitation_through_the_personal_link_and_an_office_document_is_not()
    {
        var (head, department) = await Department();
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30))).Id();
        var item = (await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = "Stand der E-Akte", durationMinutes = 30, kind = "discussion" }))
            .Json(HttpStatusCode.Created)).Id();
        var slides = (await _admin.Uploaded(meeting, DocumentData.Pdf(1500), new { title = "Folien E-Akte", agendaItemId = item })).Id();
        var list = (await _admin.Uploaded(meeting, DocumentData.OfType("docx"), new { title = "Teilnehmerliste" }, "Liste.docx")).Id();
        await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Vermerk fürs Büro", audience = "office" });

        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var invitation = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Invitation");
        var token = await app.Token((await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));
        var text = invitation.TextBody ?? string.Empty;
        Assert.Contains("Unterlagen\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"- Folien E-Akte (zu „Stand der E-Akte“, PDF, 2 KB): ", text, StringComparison.Ordinal);
        Assert.Contains($"/rsvp/{token}/documents/{slides}", text, StringComparison.Ordinal);
        Assert.Contains($"/rsvp/{token}/documents/{list}", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(slides, StringComparison.Ordinal) < text.IndexOf(list, StringComparison.Ordinal), "agenda order: the item's document first");
        Assert.Contains($"/rsvp/{token}/documents/{slides}\"", invitation.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Vermerk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Vermerk", invitation.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(invitation.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType is "application/pdf" || p.ContentType.MimeType.Contains("officedocument", StringComparison.Ordinal));
        var download = await app.Anonymous().GetAsync($"/rsvp/{token}/documents/{slides}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task An_update_lists_a_document_uploaded_after_the_invitation_in_the_recipients_language()
    {
        var (head, _) = await Department("en");
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        await app.Dispatch();
        var later = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Roadmap 2027" })).Id();
        var current = await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);

        await (await _admin.PutJson($"/api/meetings/{meeting}", new
        {
            title = "Amtsleitungstreffen Winter", motto = current.Str("motto"),
            location = new { name = "Rathaus", address = "Rathausplatz 2", room = "Oberer Fletz" },
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var invitation = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Invitation");
        var update = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Update");
        Assert.DoesNotContain(later, invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Documents", update.TextBody, StringComparison.Ordinal);
        Assert.Contains($"- Roadmap 2027 (PDF, 2 KB): ", update.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/documents/{later}\n", (update.TextBody ?? string.Empty).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_lists_the_documents_as_they_are_when_it_goes_out()
    {
        var (head, department) = await Department();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        await app.Dispatch();
        var uploaded = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Sitzungsvorlage" })).Id();
        var token = await app.Token((await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));

        app.Clock.Advance(TimeSpan.FromDays(23).Add(TimeSpan.FromMinutes(1))); // past the P7D reminder
        await app.Dispatch();

        var reminder = Assert.Single(app.Smtp.To(head, meeting), m => m.Headers["X-Meetings-Kind"] == "Reminder");
        Assert.Contains($"- Sitzungsvorlage (PDF, 2 KB): ", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/rsvp/{token}/documents/{uploaded}", reminder.TextBody, StringComparison.Ordinal);
    }

    private async Task<(string Head, string Department)> Department(string? language = null)
    {
        var code = DirectoryData.Unique("D").ToUpperInvariant();
        var head = $"leitung.{code.ToLowerInvariant()}@augsburg.example";
        var department = (await (await _admin.PostJson("/api/departments", new
        {
            code, name = $"Amt {code}", head = new { name = "Julia Hoffmann", email = head, language },
        })).Json(HttpStatusCode.Created)).Id();
        return (head, department);
    }
}
