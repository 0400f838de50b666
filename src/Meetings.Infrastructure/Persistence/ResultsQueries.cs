using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>How the results of a meeting are read: the minutes as everyone sees them, and the tasks carried over into a meeting.</summary>
public static class ResultsQueries
{
    /// <summary>The minutes of a meeting with what is read from elsewhere (null: none recorded yet).</summary>
    public static async Task<MinutesView?> MinutesViewAsync(MeetingsDbContext db, Guid meetingId, CancellationToken ct)
    {
        var minutes = await db.Minutes.AsNoTracking().SingleOrDefaultAsync(m => m.MeetingId == meetingId, ct);
        if (minutes is null)
        {
            return null;
        }

        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Invitations).Include(m => m.AgendaItems).SingleAsync(m => m.Id == meetingId, ct);
        return await ViewAsync(db, minutes, meeting, ct);
    }

    /// <param name="meeting">With its invitations and agenda.</param>
    public static async Task<MinutesView> ViewAsync(MeetingsDbContext db, Minutes minutes, Meeting meeting, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.History).Where(t => t.MeetingId == meeting.Id).ToListAsync(ct);
        var carried = await CarriedOverAsync(db, meeting, null, ct);
        var departmentIds = tasks.Concat(carried).Select(t => t.DepartmentId)
            .Concat(meeting.Invitations.Select(i => i.DepartmentId).OfType<Guid>()).Distinct().ToList();
        var names = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return MinutesView.Of(minutes, meeting, tasks, carried, names);
    }

    /// <summary>
    /// The series' tasks still open or in progress at the meeting's start, from earlier meetings of the same series only
    /// (of one department when <paramref name="departmentId"/> is given), by due date.
    /// </summary>
    public static async Task<List<MeetingTask>> CarriedOverAsync(MeetingsDbContext db, Meeting meeting, Guid? departmentId, CancellationToken ct)
    {
        var start = meeting.StartsAt;
        var query = db.Tasks.AsNoTracking().Include(t => t.History)
            .Where(t => t.SeriesId == meeting.SeriesId && t.MeetingId != meeting.Id && t.MeetingStartsAt < start && t.AnnouncedAt != null && t.CreatedAt <= start)
            // closed before the start: out (a task closed since is still shown: it was open then)
            .Where(t => t.Status == MeetingTaskStatus.Open || t.Status == MeetingTaskStatus.InProgress || t.UpdatedAt > start);
        if (departmentId is { } department)
        {
            query = query.Where(t => t.DepartmentId == department);
        }

        var tasks = await query.ToListAsync(ct);
        return [.. tasks.Where(t => t.IsCarriedInto(meeting)).OrderBy(t => t.DueOn).ThenBy(t => t.Title, StringComparer.Ordinal)];
    }
}
