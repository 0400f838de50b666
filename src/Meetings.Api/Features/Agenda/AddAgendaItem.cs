using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Agenda;

/// <summary>
/// Adds an item at a 1-based position (default last); 409 when the agenda would run past the meeting's end.
/// Answers the new item with its computed times.
/// </summary>
public sealed record AddAgendaItem(Guid MeetingId, AgendaItemBody Body) : IRequest<AgendaItemResponse>;

internal sealed class AddAgendaItemHandler(MeetingsDbContext db) : IRequestHandler<AddAgendaItem, AgendaItemResponse>
{
    public async Task<AgendaItemResponse> Handle(AddAgendaItem request, CancellationToken ct)
    {
        var meeting = await db.LoadWithAgenda(request.MeetingId, ct);
        var item = meeting.Agenda.Add(request.Body.ToInput(), await db.PresenterOf(meeting, request.Body.Presenter, ct), request.Body.Position);
        await db.SaveChangesAsync(ct);
        return AgendaItemResponse.Of(meeting, item.Id);
    }
}
