using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>A document's content: the current version, or version <see cref="Number"/> (404 when it has none such).</summary>
public sealed record GetDocumentContent(Guid MeetingId, Guid DocumentId, int? Number) : IRequest<DocumentDownload>;

internal sealed class GetDocumentContentHandler(MeetingsDbContext db, Caller caller, DocumentBlobs blobs) : IRequestHandler<GetDocumentContent, DocumentDownload>
{
    public async Task<DocumentDownload> Handle(GetDocumentContent request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
        var document = await db.LoadReadableAsync(reader, request.MeetingId, request.DocumentId, ct);
        var version = request.Number is { } n
            ? document.VersionNumbered(n) ?? throw new NotFoundException($"The document has no version {n}.")
            : document.Current;
        return blobs.Download(version);
    }
}
