using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>Replaces an item's fields; its position stays.</summary>
public sealed record ReplaceAgendaItem(Guid MeetingId, Guid ItemId, AgendaItemBody Body) : IRequest<AgendaResponse>;

internal sealed class ReplaceAgendaItemHandler(MeetingsDbContext db) : IRequestHandler<ReplaceAgendaItem, AgendaResponse>
{
    public async Task<AgendaResponse> Handle(ReplaceAgendaItem request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        meeting.Agenda.Replace(request.ItemId, request.Body.ToInput(), await db.PresenterOf(meeting, request.Body.Presenter, ct));
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }
}
