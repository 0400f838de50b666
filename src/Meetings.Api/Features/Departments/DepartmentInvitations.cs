using Meetings.Api.Auth;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>
/// Keeps the invitations of meetings still ahead in line with a department after it was created,
/// changed, deactivated or re-activated (the rule is <see cref="Meeting.SyncDepartment"/>). Runs in
/// the same unit of work as the department change.
/// </summary>
internal sealed class DepartmentInvitations(MeetingsDbContext db, TimeProvider clock, Caller caller)
{
    public Task SyncAsync(Department department, CancellationToken ct) => SyncAsync([department], ct);

    /// <summary>Several departments (the directory import) with one read of the meetings ahead, not one a department.</summary>
    public async Task SyncAsync(IReadOnlyCollection<Department> departments, CancellationToken ct)
    {
        if (departments.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var ids = departments.Select(d => (Guid?)d.Id).ToList();
        var upcoming = await db.Meetings
            .Where(m => m.Status == MeetingStatus.Published && m.StartsAt > now)
            .Include(m => m.Invitations.Where(i => ids.Contains(i.DepartmentId)))
            .ToListAsync(ct);
        foreach (var meeting in upcoming)
        {
            foreach (var department in departments)
            {
                meeting.SyncDepartment(department, now, caller.Actor);
            }
        }
    }
}
