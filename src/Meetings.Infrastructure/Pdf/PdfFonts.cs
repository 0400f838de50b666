using PdfSharp.Fonts;

namespace Meetings.Infrastructure.Pdf;

/// <summary>
/// The only fonts the PDFs use: DejaVu Sans regular and bold, shipped as resources of this assembly (licence in
/// Pdf/Fonts/LICENSE.txt), so a PDF looks the same on every machine and every glyph of German text is embedded.
/// Whatever family PDFsharp asks for, it gets DejaVu Sans; no font of the machine is ever read.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly PdfFonts Instance = new();
    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));
    private static readonly Lock Gate = new();
    private static bool _installed;

    private PdfFonts()
    {
    }

    /// <summary>Makes PDFsharp use these fonts (once per process: PDFsharp's setting is global; the same instance each time).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = Instance;
                _installed = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? BoldFace : RegularFace);

    public byte[] GetFont(string faceName) => faceName == BoldFace ? Bold.Value : Regular.Value;

    private static byte[] Load(string face)
    {
        var assembly = typeof(PdfFonts).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Meetings.Infrastructure.Pdf.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not a resource of {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
