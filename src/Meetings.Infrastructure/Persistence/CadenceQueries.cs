using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>What the cadence rule (<see cref="Cadence.Report"/>) needs: the start and status of a series' meetings in the years asked for.</summary>
public static class CadenceQueries
{
    public static async Task<IReadOnlyList<CadenceYear>> ReportAsync(
        this MeetingsDbContext db, Series series, int from, int to, DateTimeOffset now, CancellationToken ct)
    {
        var meetings = await Window(db.Meetings.AsNoTracking().Where(m => m.SeriesId == series.Id), from, to)
            .Select(m => new { m.StartsAt, m.Status })
            .ToListAsync(ct);
        return Cadence.Report(series, meetings.Select(m => (m.StartsAt, m.Status)), from, to, now);
    }

    /// <summary>Meetings starting in the years <paramref name="from"/>–<paramref name="to"/>, with a day's margin on both
    /// ends: the year is decided in the series' zone, not in UTC.</summary>
    public static IQueryable<Meeting> Window(IQueryable<Meeting> meetings, int from, int to)
    {
        var start = new DateTimeOffset(from, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-1);
        var end = new DateTimeOffset(to + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        return meetings.Where(m => m.StartsAt >= start && m.StartsAt < end);
    }
}
