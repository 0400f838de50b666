using System.Net;
using Meetings.Api.Tests.Documents;
using Meetings.Api.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Meetings.Api.Tests.Pdfs;

/// <summary>
/// The Sitzungsmappe of a meeting with uploaded documents: the Einladung lists them, the Mappe merges the PDFs of
/// audience invitees in agenda order — office documents, other types and withdrawn ones stay out.
/// </summary>
public sealed class DossierWithDocumentsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string First, string Second)> PublishedWithTwoItems()
    {
        var series = await _admin.CreateSeries();
        var meeting = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(3))).Id();
        var items = new List<string>();
        foreach (var title in new[] { "Stand der E-Akte", "Digitale Roadmap" })
        {
            var item = await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new
            {
                title,
                durationMinutes = 30,
                kind = "discussion",
                presenter = new { kind = "host", name = "Dr. Maria Lindner" },
            })).Json(HttpStatusCode.Created);
            items.Add(item.Str("id"));
        }

        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        return (meeting, items[0], items[1]);
    }

    /// <summary>A real PDF: the Einladung of another meeting with <paramref name="agendaItems"/> agenda items (many make several pages).</summary>
    private async Task<byte[]> RealPdf(int agendaItems)
    {
        var series = await _admin.CreateSeries();
        var other = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(5))).Id();
        for (var i = 1; i <= agendaItems; i++)
        {
            await (await _admin.PostJson($"/api/meetings/{other}/agenda", new
            {
                title = $"Punkt {i}",
                durationMinutes = 1,
                kind = "discussion",
                presenter = new { kind = "host", name = "Dr. Maria Lindner" },
            })).Json(HttpStatusCode.Created);
        }

        return await (await _admin.GetAsync($"/api/meetings/{other}/invitation.pdf")).Pdf();
    }

    private static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    [Fact]
    public async Task The_dossier_is_the_invitation_followed_by_the_invitees_pdfs_in_agenda_order_with_a_bookmark_each()
    {
        var (meeting, first, second) = await PublishedWithTwoItems();
        var slides = await RealPdf(40);
        var status = await RealPdf(1);
        Assert.True(Pages(slides) > 1, "the slides have several pages");

        // Uploaded in the opposite order of the agenda: the Mappe follows the agenda, not the upload.
        await _admin.Uploaded(meeting, slides, new { title = "Roadmap München (Folien)", agendaItemId = second }, "Folien München.pdf");
        await _admin.Uploaded(meeting, status, new { title = "Projektstatus E-Akte", agendaItemId = first }, "Status.pdf");
        await _admin.Uploaded(meeting, DocumentData.OfType("docx"), new { title = "Beschlussvorlage (Word)", agendaItemId = first }, "Vorlage.docx");
        await _admin.Uploaded(meeting, status, new { title = "Nur für das Büro", audience = "office" }, "Intern.pdf");
        var withdrawn = await _admin.Uploaded(meeting, status, new { title = "Zurückgezogen", agendaItemId = first }, "Alt.pdf");
        (await _admin.DeleteAsync($"/api/meetings/{meeting}/documents/{withdrawn.Str("id")}")).EnsureSuccessStatusCode();

        var invitation = await (await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf")).Pdf();
        var dossier = await (await _admin.GetAsync($"/api/meetings/{meeting}/dossier.pdf")).Pdf();

        var listed = string.Join('\n', PdfReading.PageTexts(invitation));
        Assert.Contains("Projektstatus E-Akte", listed, StringComparison.Ordinal);
        Assert.Contains("Roadmap München (Folien)", listed, StringComparison.Ordinal);
        Assert.Contains("Beschlussvorlage (Word)", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Nur für das Büro", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Zurückgezogen", listed, StringComparison.Ordinal);

        using var document = PdfDocument.Open(dossier);
        var invitationPages = Pages(invitation);
        Assert.Equal(invitationPages + Pages(status) + Pages(slides), document.NumberOfPages);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Einladung", "Projektstatus E-Akte", "Roadmap München (Folien)"], bookmarks.GetNodes().Select(n => n.Title));
        var last = PdfReading.Text(document.GetPage(document.NumberOfPages));
        Assert.Contains($"Sitzungsmappe · Seite {document.NumberOfPages} von {document.NumberOfPages}", last, StringComparison.Ordinal);
        Assert.Contains("Punkt 40", last, StringComparison.Ordinal); // the slides' own last page, stamped with the Mappe's number
        PdfReading.AssertFontsEmbedded(dossier);
    }

    [Fact]
    public async Task A_link_holder_gets_the_same_dossier_and_another_meetings_document_stays_out()
    {
        var (meeting, first, _) = await PublishedWithTwoItems();
        var (other, _, _) = await PublishedWithTwoItems();
        var status = await RealPdf(1);
        await _admin.Uploaded(meeting, status, new { title = "Projektstatus E-Akte", agendaItemId = first }, "Status.pdf");
        await _admin.Uploaded(other, status, new { title = "Unterlage einer anderen Sitzung" }, "Andere.pdf");
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host"));

        var dossier = await (await app.Anonymous().GetAsync($"/rsvp/{token}/dossier.pdf")).Pdf();

        using var document = PdfDocument.Open(dossier);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Einladung", "Projektstatus E-Akte"], bookmarks.GetNodes().Select(n => n.Title));
    }
}
