using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Meetings.Infrastructure.Pdf;

/// <summary>
/// The words of a Sitzungsmappe: its facts (title, author, subject, language), the Einladung's bookmark, the page label
/// with {0} page and {1} pages, and the line of a placeholder page with {0} the title of a part that could not be read.
/// </summary>
public sealed record DossierTexts(PdfFacts Facts, string Invitation, string PageOf, string Skipped)
{
    /// <summary>The texts of a meeting's Mappe from the resources, in the Einladung's language.</summary>
    public static DossierTexts For(InvitationFacts invitation)
    {
        DossierTexts? texts = null;
        PdfTexts.In(invitation.Language, () =>
        {
            var meeting = invitation.Meeting;
            var culture = System.Globalization.CultureInfo.CurrentUICulture;
            var facts = new PdfFacts(
                $"{PdfText.Dossier}: {meeting.Title}", invitation.Author,
                string.Format(culture, PdfText.DossierSubject, meeting.Title, PdfTexts.Day(meeting.StartsAt, meeting)), invitation.Language);
            texts = new DossierTexts(facts, PdfText.Invitation, PdfText.DossierPageOf, PdfText.DossierSkipped);
        });
        return texts!;
    }
}

/// <summary>
/// The Sitzungsmappe: the Einladung followed by each PDF, pages imported as they are, one bookmark per part, and the
/// Mappe's page number over all pages stamped at the top of each ("Sitzungsmappe · Seite 4 von 12"). Knows nothing of
/// meetings: parts come as a title and a way to open them. A part that cannot be opened — broken, not a PDF,
/// encrypted, or gone — does not fail the Mappe: a placeholder page says so in its place (with its bookmark).
/// </summary>
public static class DossierBuilder
{
    private const double Margin = 56.7;

    /// <param name="invitationPdf">The Einladung (from <see cref="InvitationPdf"/>).</param>
    /// <param name="parts">The documents in the Mappe's order; each opened once, when its turn comes, and disposed after.</param>
    public static void Build(Stream invitationPdf, IEnumerable<(string Title, Func<Stream> Open)> parts, Stream output, DossierTexts texts)
    {
        PdfFonts.Install();
        using var dossier = PdfArchive.Create(texts.Facts, pdfA: false);
        dossier.PageLayout = PdfPageLayout.SinglePage;
        dossier.PageMode = PdfPageMode.UseOutlines;
        Append(dossier, texts.Invitation, Import(() => invitationPdf, leaveOpen: true) ?? throw new InvalidOperationException("The Einladung is not a readable PDF."));
        foreach (var (title, open) in parts)
        {
            if (Import(open, leaveOpen: false) is { } part)
            {
                Append(dossier, title, part);
            }
            else
            {
                Placeholder(dossier, title, texts);
            }
        }

        Number(dossier, texts);
        PdfArchive.Save(dossier, output);
    }

    /// <summary>The part opened for import (null: it cannot be read, or it is encrypted).</summary>
    private static PdfDocument? Import(Func<Stream> open, bool leaveOpen)
    {
        Stream? stream = null;
        try
        {
            stream = open();
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                if (!leaveOpen)
                {
                    stream.Dispose();
                }

                stream = copy;
                leaveOpen = false;
            }

            var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            if (document.SecuritySettings.IsEncrypted || document.PageCount == 0)
            {
                document.Dispose();
                return null;
            }

            return document;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
        finally
        {
            if (!leaveOpen)
            {
                stream?.Dispose();
            }
        }
    }

    private static void Append(PdfDocument dossier, string title, PdfDocument part)
    {
        using (part)
        {
            PdfPage? first = null;
            foreach (var page in part.Pages)
            {
                var added = dossier.AddPage(page);
                first ??= added;
            }

            dossier.Outlines.Add(title, first!, true);
        }
    }

    private static void Placeholder(PdfDocument dossier, string title, DossierTexts texts)
    {
        var first = dossier.PageCount;
        using (var flow = new PdfFlow(dossier))
        {
            flow.Subtitle(title);
            flow.Paragraph(string.Format(CultureInfo.InvariantCulture, texts.Skipped, title));
        }

        dossier.Outlines.Add(title, dossier.Pages[first], true);
    }

    private static void Number(PdfDocument dossier, DossierTexts texts)
    {
        var font = new XFont(PdfFonts.Family, 8);
        var count = dossier.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = dossier.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var label = string.Format(CultureInfo.InvariantCulture, texts.PageOf, i + 1, count);
            graphics.DrawString(label, font, XBrushes.Black, new XRect(Margin, 18, page.Width.Point - 2 * Margin, 10), XStringFormats.TopRight);
        }
    }
}
