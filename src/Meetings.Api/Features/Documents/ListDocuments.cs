using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Documents;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Documents;

/// <summary>The meeting's documents the caller may read, in agenda order (those without an agenda item last).</summary>
public sealed record ListDocuments(Guid MeetingId, PageRequest Page) : IRequest<Page<DocumentResponse>>;

internal sealed class ListDocumentsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListDocuments, Page<DocumentResponse>>
{
    public async Task<Page<DocumentResponse>> Handle(ListDocuments request, CancellationToken ct)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == request.MeetingId, ct))
        {
            throw new NotFoundException(nameof(Meeting), request.MeetingId);
        }

        var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.MeetingId == request.MeetingId).Where(Document.ReadableBy(reader)).ToListAsync(ct);
        var ordered = await db.InAgendaOrderAsync(request.MeetingId, documents, ct);
        return new Page<DocumentResponse>(
            ordered.Skip(request.Page.Skip).Take(request.Page.Take).Select(DocumentResponse.From).ToList(), ordered.Count);
    }
}
