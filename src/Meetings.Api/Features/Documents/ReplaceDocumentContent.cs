using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>
/// Stores a new version of a document's content (whoever may upload for its topic or speaker; 403 for a reader who may
/// not); the earlier versions stay readable.
/// </summary>
public sealed record ReplaceDocumentContent(Guid MeetingId, Guid DocumentId, DocumentForm Form) : IRequest<DocumentResponse>;

internal sealed class ReplaceDocumentContentHandler(MeetingsDbContext db, Caller caller, DocumentBlobs blobs, TimeProvider clock)
    : IRequestHandler<ReplaceDocumentContent, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(ReplaceDocumentContent request, CancellationToken ct)
    {
        try
        {
            var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
            var document = await db.LoadReadableAsync(reader, request.MeetingId, request.DocumentId, ct);
            if (!reader.MayChange(document))
            {
                throw new Common.ForbiddenException("Only the office, or the department or partner city the document belongs to, may replace it.");
            }

            document.AddVersion(await DocumentTypes.StoredAsync(blobs, request.Form), caller.Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return DocumentResponse.From(document);
        }
        catch
        {
            await blobs.DeleteAsync(request.Form.Blob.BlobId, CancellationToken.None);
            throw;
        }
    }
}
