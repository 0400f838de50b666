using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Features.Tasks;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Minutes;

/// <summary>
/// Writes the minutes of a meeting that has started and was not cancelled, while they are a draft: keeper and every
/// entry. An entry of kind task makes its task (or, with the entry's id, updates it).
/// </summary>
public sealed record SaveMinutes(Guid MeetingId, MinutesBody Body, string? IfMatch) : IRequest<MinutesResponse>;

internal sealed class SaveMinutesHandler(MeetingsDbContext db, Caller caller, TimeProvider clock, IOptions<TasksOptions> options)
    : IRequestHandler<SaveMinutes, MinutesResponse>
{
    public async Task<MinutesResponse> Handle(SaveMinutes request, CancellationToken ct)
    {
        var (meeting, minutes) = await db.LoadMinutesForChange(request.MeetingId, request.IfMatch, ct);
        var now = clock.GetUtcNow();
        if (minutes is null)
        {
            minutes = Domain.Results.Minutes.Start(meeting, now);
            db.Minutes.Add(minutes);
        }

        var entries = request.Body.ToInput();
        var tasks = await db.Tasks.Where(t => t.MeetingId == meeting.Id).ToListAsync(ct);
        var named = entries.Select(e => e?.Task?.DepartmentId).ToList();
        var departments = await db.ActiveDepartments(named, ct);
        var heads = await db.Heads(named.OfType<Guid>().Concat(tasks.Select(t => t.DepartmentId)), ct);
        var saved = minutes.Replace(meeting, request.Body.Keeper?.ToInput(), entries, tasks, departments, heads, options.Value.DueReminderOffset, now, caller.Actor);
        db.Tasks.AddRange(saved.Created);
        db.Tasks.RemoveRange(saved.Removed);
        await db.SaveChangesAsync(ct);
        return await db.Response(meeting.Id, departmentScope: null, ct);
    }
}
