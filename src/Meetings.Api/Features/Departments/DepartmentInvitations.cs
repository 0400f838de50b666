using Meetings.Api.Auth;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>
/// Keeps the invitations of meetings still ahead in line with a department after it was created,
/// changed, deactivated or re-activated (the rule is <see cref="Meeting.SyncDepartment"/>). Runs in
/// the same unit of work as the department change. The date polls still open follow the same way
/// (<see cref="DatePoll.SyncDepartment"/>: a new department asked, a new head's ballot with a new link and a mail, a
/// deactivated department's ballot withdrawn).
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

        await SyncOpenPollsAsync(departments, now, ct);
    }

    private async Task SyncOpenPollsAsync(IReadOnlyCollection<Department> departments, DateTimeOffset now, CancellationToken ct)
    {
        var drafts = db.Meetings.Where(m => m.Status == MeetingStatus.Draft).Select(m => m.Id);
        var polls = await db.Polls
            .Where(p => p.Status == PollStatus.Open && p.Deadline > now && drafts.Contains(p.MeetingId))
            .Include(p => p.Slots)
            .Include(p => p.Ballots)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var poll in polls)
        {
            foreach (var department in departments)
            {
                poll.SyncDepartment(department, now);
            }
        }
    }
}
