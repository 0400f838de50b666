using MediatR;
using Meetings.Domain.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Documents;

/// <summary>Behind a personal link: the link's meeting's documents of audience <c>invitees</c>, in agenda order, with their download links.</summary>
public sealed record ListDocumentsByLink(string Token) : IRequest<LinkDocumentsResponse>;

internal sealed class ListDocumentsByLinkHandler(MeetingsDbContext db) : IRequestHandler<ListDocumentsByLink, LinkDocumentsResponse>
{
    public async Task<LinkDocumentsResponse> Handle(ListDocumentsByLink request, CancellationToken ct)
    {
        var meetingId = await db.MeetingOfLinkAsync(request.Token, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.MeetingId == meetingId).Where(Document.ReadableBy(DocumentReader.Link)).ToListAsync(ct);
        var ordered = await db.InAgendaOrderAsync(meetingId, documents, ct);
        return new LinkDocumentsResponse(meetingId, ordered.Select(d => LinkDocumentResponse.From(d, request.Token)).ToList());
    }
}
