using System.IO.Compression;
using System.Text;

namespace Meetings.Domain.Documents;

/// <summary>
/// What a document is, judged by its content and never by its name or the client's <c>Content-Type</c>: the magic
/// numbers of PDF (<c>%PDF-</c>), PNG and JPEG; a ZIP is an OOXML file by its <c>[Content_Types].xml</c> and its
/// <c>word/</c>, <c>xl/</c> or <c>ppt/</c> parts, an ODF file by its first entry <c>mimetype</c> (stored, not compressed, as
/// ODF requires) and that entry's value. Anything else (a text file named <c>.pdf</c>, an executable, a plain ZIP) is none.
/// </summary>
public static class ContentKinds
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Odp = "application/vnd.oasis.opendocument.presentation";

    /// <summary>How many leading bytes <see cref="Judge"/> needs: the magic numbers and an ODF file's <c>mimetype</c> entry.</summary>
    public const int HeadLength = 128;

    /// <summary>Every type a document may have.</summary>
    public static IReadOnlyList<string> All { get; } = [Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, Png, Jpeg];

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly string[] OdfTypes = [Odt, Ods, Odp];

    /// <summary>
    /// The content type of the document whose whole content <paramref name="content"/> is (seekable: a ZIP is judged by its
    /// central directory, which is at its end, so only the directory is read, never the whole file); null when it is none
    /// of <see cref="All"/>.
    /// </summary>
    public static string? Judge(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var head = new byte[HeadLength];
        content.Position = 0;
        var length = content.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        var span = head.AsSpan(0, length);
        if (span.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (span.StartsWith(PngMagic))
        {
            return Png;
        }

        if (span.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        if (!span.StartsWith(ZipMagic))
        {
            return null;
        }

        return OdfType(span) ?? OoxmlType(content);
    }

    /// <summary>ODF: the first local entry is named <c>mimetype</c>, stored, and its data is the document's type.</summary>
    private static string? OdfType(ReadOnlySpan<byte> head)
    {
        const int NameAt = 30;
        if (head.Length < NameAt + 8)
        {
            return null;
        }

        var method = head[8] | (head[9] << 8);
        var nameLength = head[26] | (head[27] << 8);
        var extraLength = head[28] | (head[29] << 8);
        if (method != 0 || nameLength != 8 || !head.Slice(NameAt, 8).SequenceEqual("mimetype"u8))
        {
            return null;
        }

        var dataAt = NameAt + nameLength + extraLength;
        var size = head[22] | (head[23] << 8) | (head[24] << 16) | (head[25] << 24);
        if (size <= 0 || dataAt + size > head.Length)
        {
            return null;
        }

        var value = Encoding.ASCII.GetString(head.Slice(dataAt, size));
        return OdfTypes.FirstOrDefault(t => string.Equals(t, value, StringComparison.Ordinal));
    }

    /// <summary>OOXML: <c>[Content_Types].xml</c> and the main part's folder (<c>word/</c>, <c>xl/</c>, <c>ppt/</c>).</summary>
    private static string? OoxmlType(Stream content)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return null;
            }

            return names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)) ? Docx
                : names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)) ? Xlsx
                : names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)) ? Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            return null; // not a readable ZIP after all
        }
    }
}
