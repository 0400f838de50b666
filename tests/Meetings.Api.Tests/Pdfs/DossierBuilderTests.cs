using Meetings.Infrastructure.Pdf;
using PdfSharp.Drawing;
using UglyToad.PdfPig;
using SharpDocument = PdfSharp.Pdf.PdfDocument;

namespace Meetings.Api.Tests.Pdfs;

/// <summary>The Sitzungsmappe merge on its own, with PDFs made in the test: order, bookmarks, page numbers, parts it cannot read.</summary>
public sealed class DossierBuilderTests
{
    private static readonly DossierTexts Texts = new(
        new PdfFacts("Sitzungsmappe: Prüfung", "Stadt Augsburg", "Einladung und Unterlagen", "de"),
        "Einladung", "Sitzungsmappe · Seite {0} von {1}", "„{0}“ konnte nicht aufgenommen werden.");

    /// <summary>A PDF of <paramref name="pages"/> pages, each saying "<paramref name="name"/> Seite n".</summary>
    private static byte[] MadePdf(string name, int pages, string? userPassword = null)
    {
        PdfFonts.Install();
        using var document = new SharpDocument();
        for (var i = 1; i <= pages; i++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawString($"{name} Seite {i}", new XFont(PdfFonts.Family, 14), XBrushes.Black, 80, 200);
        }

        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static byte[] Build(byte[] invitation, params (string Title, Func<Stream> Open)[] parts)
    {
        using var output = new MemoryStream();
        DossierBuilder.Build(new MemoryStream(invitation), parts, output, Texts);
        return output.ToArray();
    }

    [Fact]
    public void The_dossier_is_the_invitation_then_each_part_in_order_with_a_bookmark_each_and_numbers_over_all_pages()
    {
        var invitation = MadePdf("Einladung", 2);
        var slides = MadePdf("Folien Größenordnung", 3);
        var status = MadePdf("Projektstand Übergänge", 1);

        var dossier = Build(invitation, ("Folien: Größenordnung", () => new MemoryStream(slides)), ("Projektstand Übergänge", () => new MemoryStream(status)));

        using var document = PdfDocument.Open(dossier);
        Assert.Equal(2 + 3 + 1, document.NumberOfPages);
        var pages = document.GetPages().Select(PdfReading.Text).ToList();
        Assert.Contains("Einladung Seite 1", pages[0], StringComparison.Ordinal);
        Assert.Contains("Folien Größenordnung Seite 1", pages[2], StringComparison.Ordinal);
        Assert.Contains("Projektstand Übergänge Seite 1", pages[5], StringComparison.Ordinal);
        Assert.All(pages.Select((text, i) => (text, i)), p => Assert.Contains($"Sitzungsmappe · Seite {p.i + 1} von 6", p.text, StringComparison.Ordinal));
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var nodes = bookmarks.GetNodes().OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>().ToList();
        Assert.Equal(["Einladung", "Folien: Größenordnung", "Projektstand Übergänge"], nodes.Select(n => n.Title));
        Assert.Equal([1, 3, 6], nodes.Select(n => n.PageNumber));
        Assert.Equal("Sitzungsmappe: Prüfung", document.Information.Title);
        Assert.Equal("Stadt Augsburg", document.Information.Author);
    }

    [Fact]
    public void A_broken_an_encrypted_a_non_pdf_and_a_missing_part_each_become_a_page_that_says_so()
    {
        var invitation = MadePdf("Einladung", 1);
        var good = MadePdf("Gut", 1);
        var encrypted = MadePdf("Geheim", 2, userPassword: "geheim");
        var broken = good[..(good.Length / 2)];

        var dossier = Build(
            invitation,
            ("Verschlüsselt", () => new MemoryStream(encrypted)),
            ("Abgeschnitten", () => new MemoryStream(broken)),
            ("Text", () => new MemoryStream("kein PDF"u8.ToArray())),
            ("Verschwunden", () => throw new FileNotFoundException("gone")),
            ("Gut", () => new MemoryStream(good)));

        using var document = PdfDocument.Open(dossier);
        var pages = document.GetPages().Select(PdfReading.Text).ToList();
        Assert.Equal(1 + 4 + 1, pages.Count);
        Assert.Contains("„Verschlüsselt“ konnte nicht aufgenommen werden.", pages[1], StringComparison.Ordinal);
        Assert.Contains("„Abgeschnitten“ konnte nicht aufgenommen werden.", pages[2], StringComparison.Ordinal);
        Assert.Contains("„Text“ konnte nicht aufgenommen werden.", pages[3], StringComparison.Ordinal);
        Assert.Contains("„Verschwunden“ konnte nicht aufgenommen werden.", pages[4], StringComparison.Ordinal);
        Assert.Contains("Gut Seite 1", pages[5], StringComparison.Ordinal);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Einladung", "Verschlüsselt", "Abgeschnitten", "Text", "Verschwunden", "Gut"], bookmarks.GetNodes().Select(n => n.Title));
        PdfReading.AssertFontsEmbedded(dossier);
    }
}
