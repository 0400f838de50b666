using Meetings.Domain.Directory;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Tasks;

/// <summary>
/// Keeps the task mails of a department in line with its head: after a new head took over, the due and overdue mails of
/// its open tasks go to the new head (<see cref="MeetingTask.Readdress"/>). Runs in the same unit of work as the change.
/// </summary>
internal sealed class DepartmentTasks(MeetingsDbContext db, TimeProvider clock, IOptions<TasksOptions> options)
{
    public async Task ReaddressAsync(Department department, string headBefore, CancellationToken ct)
    {
        if (department.Head.Email == headBefore)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.Where(t => t.DepartmentId == department.Id && t.AnnouncedAt != null
                                              && (t.Status == MeetingTaskStatus.Open || t.Status == MeetingTaskStatus.InProgress)).ToListAsync(ct);
        foreach (var task in tasks)
        {
            task.Readdress(department.Head, options.Value.DueReminderOffset, now);
        }
    }
}
