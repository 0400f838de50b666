using Meetings.Domain.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Documents;

/// <summary>
/// A document as a link holder's readers list it (the answer page, the mails, <c>GET /api/rsvp/{token}/documents</c>, the
/// PDFs): its current version's facts and its agenda item's title.
/// </summary>
/// <param name="AgendaItemTitle">Null for a document of the whole meeting (no agenda item).</param>
/// <param name="Version">The current version's number.</param>
/// <param name="BlobId">Where the current version's bytes are (<see cref="DocumentBlobs.OpenRead"/>).</param>
public sealed record ListedDocument(
    Guid MeetingId, Guid Id, string Title, string FileName, string ContentType, long Size, Guid? AgendaItemId, string? AgendaItemTitle,
    int Version, DateTimeOffset UploadedAt, Guid BlobId);

/// <summary>
/// The documents a personal link may read (audience <c>invitees</c>, not withdrawn), in one query for any number of
/// meetings: the one way every reader lists a meeting's documents for a link holder.
/// </summary>
public static class DocumentListing
{
    /// <summary>
    /// The current documents of audience <c>invitees</c> of <paramref name="meetingIds"/>, each meeting's in agenda order (by
    /// the position of their agenda item; those of the whole meeting after the agenda; oldest first within each). One query.
    /// </summary>
    public static async Task<IReadOnlyList<ListedDocument>> ForLinkHoldersAsync(MeetingsDbContext db, IReadOnlyCollection<Guid> meetingIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (meetingIds.Count == 0)
        {
            return [];
        }

        var rows = await (
                from d in db.Documents.AsNoTracking().Where(d => meetingIds.Contains(d.MeetingId)).Where(Document.ReadableBy(DocumentReader.Link))
                from v in d.Versions
                where v.Number == d.Versions.Max(x => x.Number)
                join i in db.AgendaItems.AsNoTracking() on d.AgendaItemId equals i.Id into items
                from i in items.DefaultIfEmpty()
                select new
                {
                    d.MeetingId, d.Id, d.Title, v.FileName, v.ContentType, v.Size, d.AgendaItemId, ItemTitle = i == null ? null : i.Title,
                    Position = i == null ? (int?)null : i.Position, d.CreatedAt, v.Number, v.UploadedAt, v.BlobId,
                })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.MeetingId).ThenBy(r => r.Position ?? int.MaxValue).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new ListedDocument(r.MeetingId, r.Id, r.Title, r.FileName, r.ContentType, r.Size, r.AgendaItemId, r.ItemTitle, r.Number, r.UploadedAt, r.BlobId))
            .ToList();
    }

    /// <summary>A short name of a content type for people: "PDF", "Word", "PNG".</summary>
    public static string Kind(string contentType) => contentType switch
    {
        ContentKinds.Pdf => "PDF",
        ContentKinds.Docx => "Word",
        ContentKinds.Xlsx => "Excel",
        ContentKinds.Pptx => "PowerPoint",
        ContentKinds.Odt => "ODT",
        ContentKinds.Ods => "ODS",
        ContentKinds.Odp => "ODP",
        ContentKinds.Png => "PNG",
        ContentKinds.Jpeg => "JPEG",
        _ => contentType,
    };

    /// <summary>A size for people in the culture's digits: "850 KB", "1,4 MB" (1 KB = 1024 bytes).</summary>
    public static string Size(long bytes, IFormatProvider culture) => bytes switch
    {
        < 1024 => string.Format(culture, "{0} B", bytes),
        < 1024 * 1024 => string.Format(culture, "{0:0} KB", Math.Ceiling(bytes / 1024.0)),
        _ => string.Format(culture, "{0:0.#} MB", bytes / (1024.0 * 1024.0)),
    };
}
