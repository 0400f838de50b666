using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>Replaces an item's fields; its position stays. Answers the item with its computed times.</summary>
public sealed record ReplaceAgendaItem(Guid MeetingId, Guid ItemId, AgendaItemBody Body) : IRequest<AgendaItemResponse>;

internal sealed class ReplaceAgendaItemHandler(MeetingsDbContext db) : IRequestHandler<ReplaceAgendaItem, AgendaItemResponse>
{
    public async Task<AgendaItemResponse> Handle(ReplaceAgendaItem request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        var item = meeting.Agenda.Replace(request.ItemId, request.Body.ToInput(), await db.PresenterOf(meeting, request.Body.Presenter, ct));
        await db.SaveChangesAsync(ct);
        return AgendaItemResponse.Of(meeting, item.Id);
    }
}
