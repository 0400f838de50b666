using System.Net;
using Meetings.Api.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Meetings.Api.Tests.Pdfs;

/// <summary>Einladung, Ergebnisprotokoll and Sitzungsmappe as PDF: what they say, read back, and who may read them.</summary>
public sealed class MeetingPdfTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private const string Umlauts = "Übergabe der Ämter: Öffentlichkeit, Größe, Straße – äöüß ÄÖÜ";

    private readonly HttpClient _admin = app.Admin();

    /// <summary>A published meeting two days ahead (09:00–12:00 in Berlin, 08:00 UTC) with an umlaut title and two agenda items.</summary>
    private async Task<(string Meeting, string Series)> Published(int items = 2)
    {
        var series = await _admin.CreateSeries();
        var title = $"{Umlauts} {DirectoryData.Unique("T")}";
        var meeting = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(2), new { title })).Id();
        for (var i = 1; i <= items; i++)
        {
            await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new
            {
                title = i == 1 ? "Einführung der E-Akte in allen Ämtern" : $"Punkt {i}: Größere Überlegungen",
                durationMinutes = items > 2 ? 5 : 30,
                kind = "discussion",
                presenter = new { kind = "host", name = "Dr. Maria Lindner" },
            })).Json(HttpStatusCode.Created);
        }

        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        return (meeting, series);
    }

    [Fact]
    public async Task The_invitation_pdf_shows_title_motto_local_times_agenda_and_umlauts_exactly()
    {
        var (meeting, _) = await Published();

        var response = await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf");

        var pdf = await response.Pdf();
        var text = string.Join('\n', PdfReading.PageTexts(pdf));
        Assert.Contains("Einladung", text, StringComparison.Ordinal);
        Assert.Contains(Umlauts, text, StringComparison.Ordinal);
        Assert.Contains("Digitalisierung", text, StringComparison.Ordinal);
        Assert.Contains("Mittwoch, 4. März 2026, 09:00–12:00 Uhr", text, StringComparison.Ordinal); // 08:00 UTC is 09:00 in Berlin
        Assert.Contains("09:00–09:30 TOP 1: Einführung der E-Akte in allen Ämtern", text, StringComparison.Ordinal);
        Assert.Contains("09:30–10:00 TOP 2: Punkt 2: Größere Überlegungen", text, StringComparison.Ordinal);
        Assert.Contains("Vortrag: Dr. Maria Lindner", text, StringComparison.Ordinal);
        Assert.Contains("Rathaus", text, StringComparison.Ordinal);
        Assert.Contains("Raum Oberer Fletz", text, StringComparison.Ordinal);
        Assert.Contains("Unterlagen", text, StringComparison.Ordinal);
        Assert.Contains("Seite 1 von 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("08:00", text, StringComparison.Ordinal);
        PdfReading.AssertFontsEmbedded(pdf);
    }

    [Fact]
    public async Task The_pdf_describes_itself_and_is_saved_under_an_rfc_6266_file_name()
    {
        var (meeting, _) = await Published();

        var response = await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf");

        var pdf = await response.Pdf();
        using var document = PdfDocument.Open(pdf);
        Assert.StartsWith($"Einladung: {Umlauts}", document.Information.Title, StringComparison.Ordinal);
        Assert.StartsWith("Gastgeberstadt ", document.Information.Author, StringComparison.Ordinal); // the series' host city
        Assert.StartsWith($"Einladung zur Sitzung „{Umlauts}", document.Information.Subject, StringComparison.Ordinal);
        Assert.True(document.TryGetXmpMetadata(out var xmp));
        var xml = System.Text.Encoding.UTF8.GetString(xmp.GetXmlBytes());
        Assert.Contains("<pdfaid:part>", xml, StringComparison.Ordinal); // PDFsharp's PDF/A identification (docs/adr/0011)
        Assert.Contains($"<rdf:li xml:lang=\"x-default\">Einladung: {Umlauts}", xml, StringComparison.Ordinal);
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Contains("/OutputIntents", raw, StringComparison.Ordinal); // sRGB, for the colours
        Assert.Contains("/StructTreeRoot", raw, StringComparison.Ordinal); // tagged
        Assert.DoesNotContain("/SMask", raw, StringComparison.Ordinal); // no transparency
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("Einladung 2026-03-04 Übergabe der Ämter- Öffentlichkeit", disposition.FileNameStar, StringComparison.Ordinal); // ":" cannot be in a file name
        Assert.EndsWith(".pdf", disposition.FileNameStar, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''Einladung%202026-03-04%20%C3%9Cbergabe%20der%20%C3%84mter-%20", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_the_font_lacks_and_words_longer_than_a_line_still_make_a_pdf()
    {
        var series = await _admin.CreateSeries();
        var title = "Treffen 🎉 会議 " + new string('W', 150) + "🎉🎉🎉";
        var meeting = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(3), new { title, description = "Zeile eins\n\n" + new string('ß', 900) })).Id();

        var response = await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf");

        var text = string.Join('\n', PdfReading.PageTexts(await response.Pdf()));
        Assert.Contains("WWWWWWWWWW", text, StringComparison.Ordinal);
        Assert.Contains("ßßßßßßßßßß", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_agenda_runs_over_pages_each_numbered()
    {
        var (meeting, _) = await Published(items: 36);

        var pdf = await (await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf")).Pdf();

        var pages = PdfReading.PageTexts(pdf);
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.Select((text, i) => (text, i)), p => Assert.Contains($"Seite {p.i + 1} von {pages.Count}", p.text, StringComparison.Ordinal));
        Assert.Contains("TOP 36: Punkt 36", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Department_and_partner_keys_read_the_invitation_of_a_published_meeting_but_not_of_a_draft()
    {
        var (meeting, series) = await Published();
        var draft = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(5))).Id();
        var (_, departmentKey) = await _admin.CreateKey("department", await _admin.CreateDepartment());
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());
        var department = app.WithKey(departmentKey);
        var partner = app.WithKey(partnerKey);

        var published = await department.GetAsync($"/api/meetings/{meeting}/invitation.pdf");
        var byPartner = await partner.GetAsync($"/api/meetings/{meeting}/dossier.pdf");
        var hidden = await department.GetAsync($"/api/meetings/{draft}/invitation.pdf");
        var office = await _admin.GetAsync($"/api/meetings/{draft}/invitation.pdf");
        var unknown = await _admin.GetAsync($"/api/meetings/{Guid.NewGuid()}/dossier.pdf");
        var anonymous = await app.Anonymous().GetAsync($"/api/meetings/{meeting}/invitation.pdf");

        await published.Pdf();
        await byPartner.Pdf();
        await hidden.Problem(HttpStatusCode.NotFound);
        Assert.Contains("Entwurf", PdfReading.PageTexts(await office.Pdf())[0], StringComparison.Ordinal);
        await unknown.Problem(HttpStatusCode.NotFound);
        await anonymous.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_documents_the_dossier_is_the_invitation_with_its_bookmark_and_the_dossiers_page_numbers()
    {
        var (meeting, _) = await Published();

        var invitation = await (await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf")).Pdf();
        var dossier = await (await _admin.GetAsync($"/api/meetings/{meeting}/dossier.pdf")).Pdf();

        using var document = PdfDocument.Open(dossier);
        Assert.Equal(PdfReading.PageTexts(invitation).Count, document.NumberOfPages);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Einladung"], bookmarks.GetNodes().Select(n => n.Title));
        var first = PdfReading.Text(document.GetPage(1));
        Assert.Contains($"Sitzungsmappe · Seite 1 von {document.NumberOfPages}", first, StringComparison.Ordinal);
        Assert.Contains(Umlauts, first, StringComparison.Ordinal);
        Assert.StartsWith($"Sitzungsmappe: {Umlauts}", document.Information.Title, StringComparison.Ordinal);
        PdfReading.AssertFontsEmbedded(dossier);
    }

    [Fact]
    public async Task A_link_holder_gets_the_invitation_and_the_dossier_and_an_unknown_link_a_404()
    {
        var (meeting, _) = await Published();
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host"));
        var link = app.Anonymous();

        var invitation = await link.GetAsync($"/rsvp/{token}/invitation.pdf");
        var dossier = await link.GetAsync($"/rsvp/{token}/dossier.pdf");
        var unknown = await link.GetAsync($"/rsvp/{token}x/invitation.pdf");

        Assert.Contains(Umlauts, PdfReading.PageTexts(await invitation.Pdf())[0], StringComparison.Ordinal);
        Assert.True(invitation.Headers.CacheControl?.NoStore, "no-store");
        await dossier.Pdf();
        await unknown.Problem(HttpStatusCode.NotFound);
    }
}
