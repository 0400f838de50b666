using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Meetings.Infrastructure.Pdf;

/// <summary>
/// A small flow layout on A4 with PDFsharp's XGraphics: headings, paragraphs and label/value rows, wrapped at word
/// boundaries (a word longer than the line at characters) and broken onto new pages between lines; every page gets
/// its number ("Seite 1 von 3", <see cref="Write"/>). Black text only, no transparency, one font family (<see cref="PdfFonts"/>).
/// In PDFsharp's PDF/A mode the document is tagged: headings are H1/H2, everything else P, page numbers artifacts.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double Margin = 56.7; // 2 cm
    private const double FooterSpace = 42;
    private const double BodySize = 10.5;
    private const double Leading = 1.35;

    private readonly PdfDocument _document;
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _heading;
    private readonly XFont _title;
    private readonly XFont _small;
    private readonly StructureBuilder? _tags;
    private readonly Func<int, int, string>? _pageOf;
    private readonly int? _pages;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    /// <param name="pageOf">The page label ("Seite 1 von 3") from the page's number and the count (null: no labels).</param>
    /// <param name="pages">How many pages the flow will take (known from a first pass: see <see cref="Write"/>).</param>
    public PdfFlow(PdfDocument document, Func<int, int, string>? pageOf = null, int? pages = null)
    {
        PdfFonts.Install(); // before the first font
        _body = new(PdfFonts.Family, BodySize);
        _bold = new(PdfFonts.Family, BodySize, XFontStyleEx.Bold);
        _heading = new(PdfFonts.Family, 13, XFontStyleEx.Bold);
        _title = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
        _small = new(PdfFonts.Family, 8);
        _document = document;
        (_pageOf, _pages) = (pageOf, pages);
        // PDFsharp's PDF/A mode makes the document tagged (PDF/UA): every text belongs to a structure element or is an artifact.
        _tags = document.IsPdfA ? UAManager.ForDocument(document).StructureBuilder : null;
        NewPage();
    }

    private static XBrush Ink => XBrushes.Black;

    private double Width => _page.Width.Point - 2 * Margin;

    private double Bottom => _page.Height.Point - Margin / 2 - FooterSpace;

    /// <summary>The document's title, large and bold.</summary>
    public void Title(string text) => Text(PdfBlockLevelElementTag.Heading1, text, _title, 0, after: 6);

    /// <summary>A line under the title (the motto, the series).</summary>
    public void Subtitle(string text) => Text(PdfBlockLevelElementTag.Paragraph, text, _heading, 0, after: 4);

    /// <summary>A section heading, kept with at least two lines of what follows.</summary>
    public void Heading(string text)
    {
        Ensure(_heading.Height * Leading + 2 * _body.Height * Leading + 10);
        _y += 10;
        Text(PdfBlockLevelElementTag.Heading2, text, _heading, 0, after: 3);
    }

    public void Paragraph(string text, bool bold = false, double indent = 0) =>
        Text(PdfBlockLevelElementTag.Paragraph, text, bold ? _bold : _body, indent, after: 3);

    /// <summary>A bullet point: "•" and the wrapped text indented beside it.</summary>
    public void Bullet(string text)
    {
        const double indent = 14;
        var lines = Wrap(text, _body, Width - indent);
        Block(lines.Count, _body.Height * Leading, (i, y) =>
        {
            if (i == 0)
            {
                _graphics.DrawString("•", _body, Ink, Margin + 3, y, XStringFormats.TopLeft);
            }

            _graphics.DrawString(lines[i], _body, Ink, Margin + indent, y, XStringFormats.TopLeft);
        });
        _y += 2;
    }

    /// <summary>A row of two columns: a bold label (or a time) on the left, the wrapped value on the right.</summary>
    public void Row(string label, string value, double labelWidth = 120, bool boldLabel = true)
    {
        var labelFont = boldLabel ? _bold : _body;
        var labelLines = Wrap(label, labelFont, labelWidth - 8);
        var valueLines = Wrap(value, _body, Width - labelWidth);
        Block(Math.Max(labelLines.Count, valueLines.Count), _body.Height * Leading, (i, y) =>
        {
            if (i < labelLines.Count)
            {
                _graphics.DrawString(labelLines[i], labelFont, Ink, Margin, y, XStringFormats.TopLeft);
            }

            if (i < valueLines.Count)
            {
                _graphics.DrawString(valueLines[i], _body, Ink, Margin + labelWidth, y, XStringFormats.TopLeft);
            }
        });
        _y += 3;
    }

    public void Gap(double points = 8) => _y += points;

    /// <summary>
    /// Writes a document drawn by <paramref name="draw"/> with every page numbered at its foot. PDFsharp's tagging draws on
    /// the current page only, so the pages are counted by a first pass on a scratch document, then drawn with their labels.
    /// </summary>
    public static void Write(PdfFacts facts, Func<int, int, string> pageOf, Action<PdfFlow> draw, Stream output)
    {
        int pages;
        using (var scratch = new PdfDocument())
        {
            using var counting = new PdfFlow(scratch);
            draw(counting);
            pages = scratch.PageCount;
        }

        using var document = PdfArchive.Create(facts);
        using (var flow = new PdfFlow(document, pageOf, pages))
        {
            draw(flow);
        }

        PdfArchive.Save(document, output);
    }

    public void Dispose() => _graphics.Dispose();

    private void Text(PdfBlockLevelElementTag tag, string text, XFont font, double indent, double after)
    {
        var lines = Wrap(text, font, Width - indent);
        Block(lines.Count, font.Height * Leading, (i, y) => _graphics.DrawString(lines[i], font, Ink, Margin + indent, y, XStringFormats.TopLeft), tag);
        _y += after;
    }

    /// <summary>
    /// Draws <paramref name="count"/> lines as one structure element, continued as another on the next page when they do
    /// not fit: pages break only between elements (PDFsharp's tagging follows one page's drawing at a time).
    /// </summary>
    private void Block(int count, double lineHeight, Action<int, double> drawLine, PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
    {
        var i = 0;
        while (i < count)
        {
            Ensure(lineHeight);
            _tags?.BeginElement(tag);
            do
            {
                drawLine(i, _y);
                _y += lineHeight;
                i++;
            }
            while (i < count && _y + lineHeight <= Bottom);

            _tags?.End();
        }
    }

    private void Ensure(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
        if (_pageOf is not null && _pages is { } count)
        {
            _tags?.BeginArtifact();
            var label = _pageOf(_document.PageCount, Math.Max(count, _document.PageCount));
            _graphics.DrawString(label, _small, Ink, new XRect(Margin, _page.Height.Point - Margin + 12, Width, 12), XStringFormats.TopCenter);
            _tags?.End();
        }
    }

    /// <summary>The text broken into lines that fit <paramref name="width"/>: at line breaks, then between words, a too long word by characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && !Fits(line, font, width))
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && !Fits(line[..fits], font, width))
                    {
                        fits--;
                    }

                    if (fits > 1 && char.IsHighSurrogate(line[fits - 1]))
                    {
                        fits--; // never between the halves of a character outside the BMP
                    }

                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private bool Fits(string text, XFont font, double width) => _graphics.MeasureString(text, font).Width <= width;
}
