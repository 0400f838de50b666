using MediatR;
using Meetings.Api.Features.Tasks;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Minutes;

/// <summary>
/// Approves draft minutes: read-only from now on; every invitee not withdrawn and every series host gets the minutes
/// mail of this version, each department head with new tasks one mail listing them.
/// </summary>
public sealed record ApproveMinutes(Guid MeetingId, string? IfMatch) : IRequest<MinutesResponse>;

internal sealed class ApproveMinutesHandler(MeetingsDbContext db, TimeProvider clock, IOptions<TasksOptions> options)
    : IRequestHandler<ApproveMinutes, MinutesResponse>
{
    public async Task<MinutesResponse> Handle(ApproveMinutes request, CancellationToken ct)
    {
        var (meeting, minutes) = await db.LoadMinutesForChange(request.MeetingId, request.IfMatch, ct);
        if (minutes is null)
        {
            throw new DomainException("No minutes have been written for this meeting yet (PUT …/minutes first).");
        }

        var series = await db.Series.AsNoTracking().SingleAsync(s => s.Id == meeting.SeriesId, ct);
        var tasks = await db.Tasks.Where(t => t.MeetingId == meeting.Id).ToListAsync(ct);
        var heads = await db.Heads(tasks.Select(t => t.DepartmentId), ct);
        minutes.Approve(meeting, series, tasks, heads, options.Value.DueReminderOffset, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await db.Response(meeting.Id, departmentScope: null, ct);
    }
}
