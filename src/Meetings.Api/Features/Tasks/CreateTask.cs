using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Tasks;

/// <summary>A task made directly by the office for a meeting that has started: announced at once (its due and overdue mails planned).</summary>
public sealed record CreateTask(Guid MeetingId, TaskBody Body) : IRequest<TaskResponse>;

internal sealed class CreateTaskHandler(MeetingsDbContext db, Caller caller, TimeProvider clock, IOptions<TasksOptions> options)
    : IRequestHandler<CreateTask, TaskResponse>
{
    public async Task<TaskResponse> Handle(CreateTask request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var now = clock.GetUtcNow();
        var departments = await db.ActiveDepartments([request.Body.DepartmentId], ct);
        var task = MeetingTask.Create(meeting, request.Body.ToInput(), departments, string.Empty, now, TaskChannel.Admin, caller.Actor);
        var heads = await db.Heads([task.DepartmentId], ct);
        task.Announce(null, heads(task.DepartmentId)!, options.Value.DueReminderOffset, now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return TaskResponse.From(task);
    }
}
