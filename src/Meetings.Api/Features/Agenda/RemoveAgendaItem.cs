using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>Removes an item; the ones after it move up.</summary>
public sealed record RemoveAgendaItem(Guid MeetingId, Guid ItemId) : IRequest<Unit>;

internal sealed class RemoveAgendaItemHandler(MeetingsDbContext db) : IRequestHandler<RemoveAgendaItem, Unit>
{
    public async Task<Unit> Handle(RemoveAgendaItem request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        meeting.Agenda.Remove(request.ItemId);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
