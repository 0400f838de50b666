using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>Puts the items in a new order; it must name exactly the current items.</summary>
public sealed record ReorderAgenda(Guid MeetingId, AgendaOrderBody Body) : IRequest<AgendaResponse>;

internal sealed class ReorderAgendaHandler(MeetingsDbContext db) : IRequestHandler<ReorderAgenda, AgendaResponse>
{
    public async Task<AgendaResponse> Handle(ReorderAgenda request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        meeting.Agenda.Reorder(request.Body.ItemIds ?? throw DomainValidationException.For("itemIds", "is required."));
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }
}
