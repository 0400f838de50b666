using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Tasks;

/// <summary>Loading tasks and what they refer to, the same way for every use case.</summary>
internal static class TaskStore
{
    /// <summary>The tasks this caller may see: the office all of them; a department key its own department's tasks, once announced.</summary>
    public static IQueryable<MeetingTask> MaySee(this Caller caller, IQueryable<MeetingTask> tasks) =>
        caller.IsAdmin ? tasks : tasks.Where(t => t.DepartmentId == caller.DepartmentId && t.AnnouncedAt != null);

    /// <summary>A task with its history, 404 for one outside the caller's scope (whose existence must not leak).</summary>
    public static async Task<MeetingTask> LoadTask(this MeetingsDbContext db, Caller caller, Guid id, bool tracked, CancellationToken ct)
    {
        var tasks = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        return await caller.MaySee(tasks).Include(t => t.History).SingleOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("Task", id);
    }

    /// <summary>Of the departments named, those that are active (a task may be given to them).</summary>
    public static async Task<IReadOnlySet<Guid>> ActiveDepartments(this MeetingsDbContext db, IEnumerable<Guid?> named, CancellationToken ct)
    {
        var ids = named.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? new HashSet<Guid>() : (await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Active).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The heads of the departments named (who receives a department's task mails).</summary>
    public static async Task<Func<Guid, Person?>> Heads(this MeetingsDbContext db, IEnumerable<Guid> departments, CancellationToken ct)
    {
        var ids = departments.Distinct().ToList();
        var heads = ids.Count == 0 ? [] : await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Head, ct);
        return id => heads.GetValueOrDefault(id);
    }
}
