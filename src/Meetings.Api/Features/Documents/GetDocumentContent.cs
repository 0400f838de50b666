using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>A document's current content, to the readers <see cref="Domain.Documents.DocumentReader"/> allows (404 for others).</summary>
public sealed record GetDocumentContent(Guid MeetingId, Guid DocumentId) : IRequest<DocumentDownload>;

internal sealed class GetDocumentContentHandler(MeetingsDbContext db, Caller caller, DocumentBlobs blobs) : IRequestHandler<GetDocumentContent, DocumentDownload>
{
    public async Task<DocumentDownload> Handle(GetDocumentContent request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
        var document = await db.LoadReadableAsync(reader, request.MeetingId, request.DocumentId, ct);
        return blobs.Download(document.Current);
    }
}
