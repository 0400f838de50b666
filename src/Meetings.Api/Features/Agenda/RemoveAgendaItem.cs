using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>Removes an item; the ones after it move up.</summary>
public sealed record RemoveAgendaItem(Guid MeetingId, Guid ItemId) : IRequest<AgendaResponse>;

internal sealed class RemoveAgendaItemHandler(MeetingsDbContext db) : IRequestHandler<RemoveAgendaItem, AgendaResponse>
{
    public async Task<AgendaResponse> Handle(RemoveAgendaItem request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        meeting.Agenda.Remove(request.ItemId);
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }
}
