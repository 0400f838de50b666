using MediatR;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>Behind a personal link: the link's meeting's documents of audience <c>invitees</c>, in agenda order, with their download links.</summary>
public sealed record ListDocumentsByLink(string Token) : IRequest<LinkDocumentsResponse>;

internal sealed class ListDocumentsByLinkHandler(MeetingsDbContext db) : IRequestHandler<ListDocumentsByLink, LinkDocumentsResponse>
{
    public async Task<LinkDocumentsResponse> Handle(ListDocumentsByLink request, CancellationToken ct)
    {
        var meetingId = await db.MeetingOfLinkAsync(request.Token, ct);
        var documents = await DocumentListing.ForLinkHoldersAsync(db, [meetingId], ct);
        return new LinkDocumentsResponse(meetingId, documents.Select(d => LinkDocumentResponse.From(d, request.Token)).ToList());
    }
}
