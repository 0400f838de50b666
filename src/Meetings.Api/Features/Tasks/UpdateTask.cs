using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Tasks;

/// <summary>
/// Changes a task. The office: anything (fields left out stay), also re-opening a done or dropped task; the owner
/// department's key: its progress only (<c>status</c>, <c>note</c>) — any other field is a 403.
/// </summary>
public sealed record UpdateTask(Guid Id, TaskUpdateBody Body, string? IfMatch) : IRequest<TaskResponse>;

internal sealed class UpdateTaskHandler(MeetingsDbContext db, Caller caller, TimeProvider clock, IOptions<TasksOptions> options)
    : IRequestHandler<UpdateTask, TaskResponse>
{
    public async Task<TaskResponse> Handle(UpdateTask request, CancellationToken ct)
    {
        var body = request.Body;
        var task = await db.LoadTask(caller, request.Id, tracked: true, ct);
        if (!caller.IsAdmin && body.ChangesWhat)
        {
            throw new ForbiddenException("A department key reports only a task's progress: status and note. Title, description, department and due date are the office's.");
        }

        if (!caller.IsAdmin && body.Status is null)
        {
            throw DomainValidationException.For("status", "is required.");
        }

        ETags.EnsureMatches(request.IfMatch, task.Version);
        var now = clock.GetUtcNow();
        var reminder = options.Value.DueReminderOffset;
        if (body.ChangesWhat)
        {
            var departments = await db.ActiveDepartments([body.DepartmentId], ct);
            var heads = await db.Heads([body.DepartmentId ?? task.DepartmentId], ct);
            task.Revise(
                new(body.Title ?? task.Title, body.DepartmentId ?? task.DepartmentId, body.DueOn ?? task.DueOn, body.Description ?? task.Description),
                departments, string.Empty, heads, reminder, now);
        }

        if (body.Status is { } status)
        {
            var heads = await db.Heads([task.DepartmentId], ct);
            task.Progress(status, body.Note, caller.IsAdmin, heads, reminder, now, caller.Actor);
        }
        else if (body.Note is not null)
        {
            throw DomainValidationException.For("status", "is required with a note (the status the note is about).");
        }

        await db.SaveChangesAsync(ct);
        return TaskResponse.From(task);
    }
}
