using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Agenda;

/// <summary>The agenda with each item's times computed from the meeting's start. Drafts are the office's own.</summary>
public sealed record GetAgenda(Guid MeetingId) : IRequest<AgendaResponse>;

/// <remarks>
/// Integrations poll this: the two queries (the office's, everyone else's without drafts) are compiled once, so a read
/// skips EF's query-cache look-up of the expression tree (docs/performance.md, "Reads").
/// </remarks>
internal sealed class GetAgendaHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetAgenda, AgendaResponse>
{
    private static readonly Func<MeetingsDbContext, Guid, CancellationToken, Task<Meeting?>> AnyMeeting = EF.CompileAsyncQuery(
        (MeetingsDbContext db, Guid id, CancellationToken ct) => db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleOrDefault(m => m.Id == id));

    private static readonly Func<MeetingsDbContext, Guid, CancellationToken, Task<Meeting?>> VisibleMeeting = EF.CompileAsyncQuery(
        (MeetingsDbContext db, Guid id, CancellationToken ct) => db.Meetings.AsNoTracking().Include(m => m.AgendaItems).Where(Meeting.VisibleBeyondOffice).SingleOrDefault(m => m.Id == id));

    public async Task<AgendaResponse> Handle(GetAgenda request, CancellationToken ct) =>
        AgendaResponse.From(await (caller.IsAdmin ? AnyMeeting : VisibleMeeting)(db, request.MeetingId, ct)
                            ?? throw new NotFoundException("Meeting", request.MeetingId));
}
