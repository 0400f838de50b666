using System.Globalization;
using System.Security;
using System.Text;
using PdfSharp.Pdf;

namespace Meetings.Infrastructure.Pdf;

/// <summary>What a PDF for the e-file says about itself: title, author (the city or organizer), subject, language.</summary>
public sealed record PdfFacts(string Title, string Author, string Subject, string Language);

/// <summary>
/// A new PDF for the e-file, as close to PDF/A-2b as PDFsharp 6.2 takes it (docs/adr/0011-pdf-with-pdfsharp.md):
/// document info and the same facts as XMP metadata with the PDF/A identification, PDFsharp's PDF/A mode, the
/// document's language; fonts embedded (<see cref="PdfFonts"/>), no transparency (<see cref="PdfFlow"/> draws opaque black).
/// </summary>
internal static class PdfArchive
{
    public static PdfDocument Create(PdfFacts facts)
    {
        var document = new PdfDocument();
        document.SetPdfA();
        document.Info.Title = facts.Title;
        document.Info.Author = facts.Author;
        document.Info.Subject = facts.Subject;
        document.Info.Creator = "Meetings";
        document.Language = facts.Language == Domain.Common.Languages.English ? "en-GB" : "de-DE";
        document.ViewerPreferences.DisplayDocTitle = true;
        return document;
    }

    /// <summary>Writes the XMP metadata (the info's facts and <c>pdfaid:part 2, conformance B</c>) and saves to <paramref name="output"/>.</summary>
    public static void Save(PdfDocument document, Stream output)
    {
        Metadata(document);
        document.Save(output, closeStream: false);
    }

    private static void Metadata(PdfDocument document)
    {
        var info = document.Info;
        var created = info.CreationDate == default ? DateTime.UtcNow : info.CreationDate.ToUniversalTime();
        var at = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string X(string? text) => SecurityElement.Escape(text ?? string.Empty);
        var xmp = $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
               <pdfaid:part>2</pdfaid:part>
               <pdfaid:conformance>B</pdfaid:conformance>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
               <dc:format>application/pdf</dc:format>
               <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Title)}</rdf:li></rdf:Alt></dc:title>
               <dc:creator><rdf:Seq><rdf:li>{X(info.Author)}</rdf:li></rdf:Seq></dc:creator>
               <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Subject)}</rdf:li></rdf:Alt></dc:description>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
               <xmp:CreatorTool>{X(info.Creator)}</xmp:CreatorTool>
               <xmp:CreateDate>{at}</xmp:CreateDate>
               <xmp:ModifyDate>{at}</xmp:ModifyDate>
               <xmp:MetadataDate>{at}</xmp:MetadataDate>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
               <pdf:Producer>{X(info.Producer)}</pdf:Producer>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
        var stream = new PdfDictionary(document);
        stream.Elements.SetName("/Type", "/Metadata");
        stream.Elements.SetName("/Subtype", "/XML");
        stream.CreateStream(new UTF8Encoding(false).GetBytes(xmp));
        document.Internals.AddObject(stream);
        document.Internals.Catalog.Elements.SetReference("/Metadata", stream);
    }
}
