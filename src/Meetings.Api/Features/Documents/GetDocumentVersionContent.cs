using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>Version <see cref="Number"/> of a document's content (numbered from 1), to the readers of the document; 404 when it has none such.</summary>
public sealed record GetDocumentVersionContent(Guid MeetingId, Guid DocumentId, int Number) : IRequest<DocumentDownload>;

internal sealed class GetDocumentVersionContentHandler(MeetingsDbContext db, Caller caller, DocumentBlobs blobs)
    : IRequestHandler<GetDocumentVersionContent, DocumentDownload>
{
    public async Task<DocumentDownload> Handle(GetDocumentVersionContent request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
        var document = await db.LoadReadableAsync(reader, request.MeetingId, request.DocumentId, ct);
        var version = document.VersionNumbered(request.Number) ?? throw new NotFoundException($"The document has no version {request.Number}.");
        return blobs.Download(version);
    }
}
