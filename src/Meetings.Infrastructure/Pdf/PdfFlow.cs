using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Meetings.Infrastructure.Pdf;

/// <summary>
/// A small flow layout on A4 with PDFsharp's XGraphics: headings, paragraphs and label/value rows, wrapped at word
/// boundaries (a word longer than the line at characters) and broken onto new pages; at the end every page gets its
/// number ("Seite 1 von 3"). Black text only (DeviceGray), no transparency, one font family (<see cref="PdfFonts"/>).
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double Margin = 56.7; // 2 cm
    private const double FooterSpace = 42;
    private const double BodySize = 10.5;
    private const double Leading = 1.35;

    private readonly PdfDocument _document;
    private readonly XFont _body = new(PdfFonts.Family, BodySize);
    private readonly XFont _bold = new(PdfFonts.Family, BodySize, XFontStyleEx.Bold);
    private readonly XFont _heading = new(PdfFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XFont _title = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
    private readonly XFont _small = new(PdfFonts.Family, 8);
    private PdfPage _page = null!;
    private XGraphics? _graphics;
    private double _y;

    public PdfFlow(PdfDocument document)
    {
        PdfFonts.Install();
        _document = document;
        NewPage();
    }

    private static XBrush Ink => XBrushes.Black;

    private double Width => _page.Width.Point - 2 * Margin;

    /// <summary>The document's title, large and bold.</summary>
    public void Title(string text) => Lines(text, _title, 0, after: 6);

    /// <summary>A line under the title (the motto, the series).</summary>
    public void Subtitle(string text) => Lines(text, _heading, 0, after: 4);

    /// <summary>A section heading, kept with at least two lines of what follows.</summary>
    public void Heading(string text)
    {
        Ensure(_heading.Height * Leading + 2 * _body.Height * Leading + 10);
        _y += 10;
        Lines(text, _heading, 0, after: 3);
    }

    public void Paragraph(string text, bool bold = false, double indent = 0) => Lines(text, bold ? _bold : _body, indent, after: 3);

    /// <summary>A bullet point: "•" and the wrapped text indented beside it.</summary>
    public void Bullet(string text)
    {
        const double indent = 14;
        Ensure(_body.Height * Leading);
        _graphics!.DrawString("•", _body, Ink, Margin + 3, _y, XStringFormats.TopLeft);
        Lines(text, _body, indent, after: 2);
    }

    /// <summary>A row of two columns: a bold label (or a time) on the left, the wrapped value on the right.</summary>
    public void Row(string label, string value, double labelWidth = 120, bool boldLabel = true)
    {
        var labelFont = boldLabel ? _bold : _body;
        var labelLines = Wrap(label, labelFont, labelWidth - 8);
        var valueLines = Wrap(value, _body, Width - labelWidth);
        var lineHeight = _body.Height * Leading;
        for (var i = 0; i < Math.Max(labelLines.Count, valueLines.Count); i++)
        {
            Ensure(lineHeight);
            if (i < labelLines.Count)
            {
                _graphics!.DrawString(labelLines[i], labelFont, Ink, Margin, _y, XStringFormats.TopLeft);
            }

            if (i < valueLines.Count)
            {
                _graphics!.DrawString(valueLines[i], _body, Ink, Margin + labelWidth, _y, XStringFormats.TopLeft);
            }

            _y += lineHeight;
        }

        _y += 3;
    }

    public void Gap(double points = 8) => _y += points;

    /// <summary>Numbers every page at its foot ("Seite 1 von 3": <paramref name="pageOf"/> with {0} and {1}) and ends the drawing.</summary>
    public void Finish(Func<int, int, string> pageOf)
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            graphics.DrawString(pageOf(i + 1, count), _small, Ink, new XRect(Margin, page.Height.Point - Margin + 12, page.Width.Point - 2 * Margin, 12), XStringFormats.TopCenter);
        }
    }

    public void Dispose() => _graphics?.Dispose();

    private void Lines(string text, XFont font, double indent, double after)
    {
        var lineHeight = font.Height * Leading;
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Ensure(lineHeight);
            _graphics!.DrawString(line, font, Ink, Margin + indent, _y, XStringFormats.TopLeft);
            _y += lineHeight;
        }

        _y += after;
    }

    private void Ensure(double height)
    {
        if (_y + height > _page.Height.Point - Margin / 2 - FooterSpace)
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
    }

    /// <summary>The text broken into lines that fit <paramref name="width"/>: at line breaks, then between words, a too long word by characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var measure = _graphics ?? throw new InvalidOperationException("No page to measure on.");
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (measure.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && measure.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && measure.MeasureString(line[..fits], font).Width > width)
                    {
                        fits--;
                    }

                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
