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
/// Integrations poll this (docs/performance.md, "Reads"): two small queries compiled once — the meeting's times (for a
/// key other than the office's, not of a draft) and its items in order — instead of the meeting entity with its items
/// included; the times are computed by the agenda's own rule (<see cref="Domain.Meetings.Agenda.Schedule(DateTimeOffset, IReadOnlyList{AgendaItem})"/>).
/// </remarks>
internal sealed class GetAgendaHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetAgenda, AgendaResponse>
{
    private static readonly Func<MeetingsDbContext, Guid, bool, CancellationToken, Task<MeetingTimes?>> Times = EF.CompileAsyncQuery(
        (MeetingsDbContext db, Guid id, bool drafts, CancellationToken ct) => db.Meetings
            .Where(m => m.Id == id && (drafts || m.Status != MeetingStatus.Draft))
            .Select(m => new MeetingTimes(m.StartsAt, m.EndsAt, m.TimeZone))
            .SingleOrDefault());

    private static readonly Func<MeetingsDbContext, Guid, IAsyncEnumerable<AgendaItem>> Items = EF.CompileAsyncQuery<MeetingsDbContext, Guid, AgendaItem>(
        (db, id) => db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == id).OrderBy(i => i.Position));

    public async Task<AgendaResponse> Handle(GetAgenda request, CancellationToken ct)
    {
        var meeting = await Times(db, request.MeetingId, caller.IsAdmin, ct) ?? throw new NotFoundException("Meeting", request.MeetingId);
        var items = new List<AgendaItem>();
        await foreach (var item in Items(db, request.MeetingId).WithCancellation(ct))
        {
            items.Add(item);
        }

        return AgendaResponse.From(request.MeetingId, meeting.StartsAt, meeting.EndsAt, meeting.TimeZone, items);
    }

    private sealed record MeetingTimes(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone);
}
