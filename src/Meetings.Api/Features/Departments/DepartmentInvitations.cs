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
    public async Task SyncAsync(Department department, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var upcoming = await db.Meetings
            .Where(m => m.Status == MeetingStatus.Published && m.StartsAt > now)
            .Include(m => m.Invitations.Where(i => i.DepartmentId == department.Id))
            .ToListAsync(ct);
        foreach (var meeting in upcoming)
        {
            meeting.SyncDepartment(department, now, caller.Actor);
        }
    }
}
