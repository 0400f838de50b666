using Meetings.Api.Auth;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Documents;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Documents;

/// <summary>Loading documents for a caller (a key, or a personal link) as <see cref="DocumentReader"/> allows.</summary>
internal static class DocumentStore
{
    /// <summary>
    /// The caller as a reader of meeting <paramref name="meetingId"/>'s documents: a department key counts as invited when its
    /// department has an open invitation to the meeting, a partner key when one of its city's speakers has one.
    /// </summary>
    public static async Task<DocumentReader> ReaderAsync(this MeetingsDbContext db, Caller caller, Guid meetingId, CancellationToken ct)
    {
        await db.EnsureMeetingVisibleAsync(caller, meetingId, ct);
        if (caller.IsAdmin)
        {
            return DocumentReader.Office;
        }

        var open = db.Invitations.Where(i => i.MeetingId == meetingId && i.WithdrawnAt == null);
        return caller.Role switch
        {
            ApiKeyRole.Department when caller.DepartmentId is { } department =>
                DocumentReader.Department(department, await open.AnyAsync(i => i.DepartmentId == department, ct)),
            ApiKeyRole.Partner when caller.CityId is { } city =>
                DocumentReader.Partner(city, await open.AnyAsync(i => i.SpeakerId != null && db.Speakers.Any(s => s.Id == i.SpeakerId && s.CityId == city), ct)),
            _ => throw new Common.ForbiddenException("This key may not read documents."),
        };
    }

    /// <summary>404 unless the caller may see the meeting (a draft is the office's alone), checked before an upload is read.</summary>
    public static async Task EnsureMeetingVisibleAsync(this MeetingsDbContext db, Caller caller, Guid meetingId, CancellationToken ct)
    {
        if (!await caller.MaySee(db.Meetings).AnyAsync(m => m.Id == meetingId, ct))
        {
            throw new NotFoundException(nameof(Meeting), meetingId);
        }
    }

    /// <summary>The meeting (with its agenda), or 404.</summary>
    public static async Task<Meeting> LoadMeetingForDocumentsAsync(this MeetingsDbContext db, Guid meetingId, CancellationToken ct) =>
        await db.Meetings.Include(m => m.AgendaItems).SingleOrDefaultAsync(m => m.Id == meetingId, ct)
        ?? throw new NotFoundException(nameof(Meeting), meetingId);

    /// <summary>The document of this meeting that the reader may read, or 404 (also a withdrawn one, and one of another meeting).</summary>
    public static async Task<Document> LoadReadableAsync(this MeetingsDbContext db, DocumentReader reader, Guid meetingId, Guid documentId, CancellationToken ct)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId && d.MeetingId == meetingId, ct);
        return document is not null && reader.MayRead(document) ? document : throw new NotFoundException(nameof(Document), documentId);
    }

    /// <summary>The meeting behind a personal link (the invitee's or the delegate's own) of an open invitation, or 404.</summary>
    public static async Task<Guid> MeetingOfLinkAsync(this MeetingsDbContext db, string token, CancellationToken ct)
    {
        var checkedToken = LinkTokens.Checked(token);
        var meetings = await db.Invitations.AsNoTracking()
            .Where(i => (i.Token == checkedToken || i.DelegateToken == checkedToken) && i.WithdrawnAt == null)
            .Select(i => i.MeetingId).Take(1).ToListAsync(ct);
        return meetings.Count == 1 ? meetings[0] : throw NotFoundException.Invitation();
    }

    /// <summary>A version's bytes to send.</summary>
    public static DocumentDownload Download(this DocumentBlobs blobs, DocumentVersion version) =>
        new(blobs.OpenRead(version.BlobId, version.Size), version.ContentType, version.FileName, version.Sha256, version.UploadedAt);

    /// <summary>The meeting's agenda positions, to order documents by (those without an item after the agenda).</summary>
    public static async Task<IReadOnlyList<Document>> InAgendaOrderAsync(this MeetingsDbContext db, Guid meetingId, IEnumerable<Document> documents, CancellationToken ct)
    {
        var positions = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToDictionaryAsync(i => i.Id, i => i.Position, ct);
        return documents
            .OrderBy(d => d.AgendaItemId is { } item && positions.TryGetValue(item, out var position) ? position : int.MaxValue)
            .ThenBy(d => d.CreatedAt).ThenBy(d => d.Id).ToList();
    }
}
