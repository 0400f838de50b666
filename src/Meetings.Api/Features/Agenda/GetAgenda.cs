using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Agenda;

/// <summary>The agenda with each item's times computed from the meeting's start. Drafts are the office's own.</summary>
public sealed record GetAgenda(Guid MeetingId) : IRequest<AgendaResponse>;

internal sealed class GetAgendaHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetAgenda, AgendaResponse>
{
    public async Task<AgendaResponse> Handle(GetAgenda request, CancellationToken ct) =>
        AgendaResponse.From(await caller.MaySee(db.Meetings.AsNoTracking().Include(m => m.AgendaItems)).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
                            ?? throw new NotFoundException("Meeting", request.MeetingId));
}
