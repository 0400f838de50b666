using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Agenda;

/// <summary>One item of the agenda with its times computed from the meeting's start. Drafts are the office's own.</summary>
public sealed record GetAgendaItem(Guid MeetingId, Guid ItemId) : IRequest<AgendaItemResponse>;

internal sealed class GetAgendaItemHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetAgendaItem, AgendaItemResponse>
{
    public async Task<AgendaItemResponse> Handle(GetAgendaItem request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking().Include(m => m.AgendaItems)).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
                      ?? throw new NotFoundException("Meeting", request.MeetingId);
        return AgendaItemResponse.Of(meeting, request.ItemId);
    }
}
