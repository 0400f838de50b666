using MediatR;
using Meetings.Domain.Documents;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>A document's current content through a personal link: only the link's own meeting's documents of audience <c>invitees</c> (404 otherwise).</summary>
public sealed record GetDocumentByLink(string Token, Guid DocumentId) : IRequest<DocumentDownload>;

internal sealed class GetDocumentByLinkHandler(MeetingsDbContext db, DocumentBlobs blobs) : IRequestHandler<GetDocumentByLink, DocumentDownload>
{
    public async Task<DocumentDownload> Handle(GetDocumentByLink request, CancellationToken ct)
    {
        var meetingId = await db.MeetingOfLinkAsync(request.Token, ct);
        var document = await db.LoadReadableAsync(DocumentReader.Link, meetingId, request.DocumentId, ct);
        return blobs.Download(document.Current);
    }
}
