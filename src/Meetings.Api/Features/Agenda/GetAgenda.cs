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
/// Integrations poll this (docs/performance.md, "Reads"). The meeting's times and status and its items in order come from
/// <see cref="MeetingReadCache"/> — what every reader of the meeting reads alike, dropped when the meeting or its agenda is
/// saved here, at most <see cref="MeetingReadCache.Lifetime"/> old when saved by another instance — loaded by two small
/// queries compiled once; the times are computed by the agenda's own rule
/// (<see cref="Domain.Meetings.Agenda.Schedule(DateTimeOffset, IReadOnlyList{AgendaItem})"/>). A draft is the office's own:
/// for any other key it does not exist.
/// </remarks>
internal sealed class GetAgendaHandler(MeetingsDbContext db, MeetingReadCache shared, Caller caller) : IRequestHandler<GetAgenda, AgendaResponse>
{
    private static readonly Func<MeetingsDbContext, Guid, CancellationToken, Task<MeetingTimes?>> Times = EF.CompileAsyncQuery(
        (MeetingsDbContext db, Guid id, CancellationToken ct) => db.Meetings
            .Where(m => m.Id == id)
            .Select(m => new MeetingTimes(m.StartsAt, m.EndsAt, m.TimeZone, m.Status))
            .SingleOrDefault());

    private static readonly Func<MeetingsDbContext, Guid, IAsyncEnumerable<AgendaItem>> Items = EF.CompileAsyncQuery<MeetingsDbContext, Guid, AgendaItem>(
        (db, id) => db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == id).OrderBy(i => i.Position));

    public async Task<AgendaResponse> Handle(GetAgenda request, CancellationToken ct)
    {
        var agenda = await shared.GetAsync(request.MeetingId, "agenda", c => LoadAsync(request.MeetingId, c), ct);
        if (agenda.Meeting is not { } meeting || (meeting.Status == MeetingStatus.Draft && !caller.IsAdmin))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        return AgendaResponse.From(request.MeetingId, meeting.StartsAt, meeting.EndsAt, meeting.TimeZone, agenda.Items);
    }

    private async Task<KeptAgenda> LoadAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await Times(db, meetingId, ct);
        var items = new List<AgendaItem>();
        if (meeting is not null)
        {
            await foreach (var item in Items(db, meetingId).WithCancellation(ct))
            {
                items.Add(item);
            }
        }

        return new KeptAgenda(meeting, items);
    }

    private sealed record MeetingTimes(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, MeetingStatus Status);

    /// <summary>The meeting's times and status (null: no such meeting) and its items in order, shared read-only between requests.</summary>
    private sealed record KeptAgenda(MeetingTimes? Meeting, IReadOnlyList<AgendaItem> Items);
}
