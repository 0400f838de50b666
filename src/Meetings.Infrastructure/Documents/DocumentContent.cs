using Meetings.Infrastructure.Persistence;

namespace Meetings.Infrastructure.Documents;

/// <summary>One document's current file, to be read once (<see cref="OpenRead"/>; dispose the stream).</summary>
public sealed record DocumentFile(Guid DocumentId, string Title, string FileName, string ContentType, long Size, Guid? AgendaItemId, Func<Stream> OpenRead);

/// <summary>What the PDFs read of a meeting's documents: the Einladung lists them, the Sitzungsmappe (dossier.pdf) merges the PDFs among them.</summary>
public interface IDocumentContent
{
    /// <summary>
    /// The current documents of audience <c>invitees</c> of meeting <paramref name="meetingId"/> that are not withdrawn,
    /// in agenda order (by the position of their agenda item; those without an item after the agenda, oldest first), each
    /// with its title and a read stream over its current version's bytes. The streams read chunk by chunk from the
    /// database through the scope's context: open and read them one after the other, within the request, never at once.
    /// </summary>
    Task<IReadOnlyList<DocumentFile>> CurrentInviteeDocumentsAsync(Guid meetingId, CancellationToken ct);
}

internal sealed class DocumentContent(MeetingsDbContext db, DocumentBlobs blobs) : IDocumentContent
{
    public async Task<IReadOnlyList<DocumentFile>> CurrentInviteeDocumentsAsync(Guid meetingId, CancellationToken ct) =>
        (await DocumentListing.ForLinkHoldersAsync(db, [meetingId], ct))
            .Select(d => new DocumentFile(d.Id, d.Title, d.FileName, d.ContentType, d.Size, d.AgendaItemId, () => blobs.OpenRead(d.BlobId, d.Size)))
            .ToList();
}
