using PdfSharp.Pdf;

namespace Meetings.Infrastructure.Pdf;

/// <summary>What a PDF for the e-file says about itself: title, author (the city or organizer), subject, language.</summary>
public sealed record PdfFacts(string Title, string Author, string Subject, string Language);

/// <summary>
/// A new PDF for the e-file, as close to PDF/A-2b as PDFsharp 6.2 takes it (docs/adr/0011-pdf-with-pdfsharp.md):
/// document info, PDFsharp's PDF/A mode (XMP metadata from the info with a PDF/A identification, an sRGB output intent,
/// a tagged structure), the document's language; fonts embedded (<see cref="PdfFonts"/>), no transparency
/// (<see cref="PdfFlow"/> draws opaque black).
/// </summary>
internal static class PdfArchive
{
    /// <param name="pdfA">
    /// PDFsharp's PDF/A mode, which also makes the document tagged (PDF/UA): for what this service draws; not for a
    /// Sitzungsmappe, whose imported pages bring whatever structure (or none) they have.
    /// </param>
    public static PdfDocument Create(PdfFacts facts, bool pdfA = true)
    {
        var document = new PdfDocument();
        if (pdfA)
        {
            document.SetPdfA();
        }

        document.Info.Title = facts.Title;
        document.Info.Author = facts.Author;
        document.Info.Subject = facts.Subject;
        document.Info.Creator = "Meetings";
        document.Language = facts.Language == Domain.Common.Languages.English ? "en-GB" : "de-DE";
        document.ViewerPreferences.DisplayDocTitle = true;
        return document;
    }

    /// <summary>Saves to <paramref name="output"/> (left open); PDFsharp writes the XMP metadata from the info in its PDF/A mode.</summary>
    public static void Save(PdfDocument document, Stream output) => document.Save(output, closeStream: false);
}
