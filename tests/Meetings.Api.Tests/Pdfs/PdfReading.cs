using System.Net;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Meetings.Api.Tests.Pdfs;

/// <summary>Reads the service's PDFs back as a reader would, with PdfPig (Apache-2.0).</summary>
public static class PdfReading
{
    /// <summary>The body of a 200 with <c>application/pdf</c>.</summary>
    public static async Task<byte[]> Pdf(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Each page's text, words joined by single spaces (lines as PdfPig finds them).</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(Text)];
    }

    public static string Text(Page page) => string.Join(' ', page.GetWords().Select(w => w.Text));

    /// <summary>Every font used on every page has its glyph program in the file (PdfPig reads the outlines from it) and is DejaVu Sans.</summary>
    public static void AssertFontsEmbedded(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).DistinctBy(l => l.FontName))
            {
                Assert.Contains("DejaVu Sans", letter.FontName ?? string.Empty, StringComparison.Ordinal);
                var font = letter.GetFont();
                Assert.NotNull(font);
            }
        }

        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        var descriptors = System.Text.RegularExpressions.Regex.Matches(raw, "/Type\\s*/FontDescriptor").Count;
        Assert.True(descriptors > 0, "no font descriptor");
        Assert.Equal(descriptors, System.Text.RegularExpressions.Regex.Matches(raw, "/FontFile2").Count);
    }
}
