using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Series;

/// <summary>
/// The daily cadence check (a Hangfire job): for every series, the last and the current year are measured
/// and the organizer is alerted when the current year is at risk or the last one was missed. The ledger
/// keeps one alert per series, year and level, so the check may run as often as it likes.
/// </summary>
public sealed record CheckCadence : IRequest<Unit>;

internal sealed class CheckCadenceHandler(MeetingsDbContext db, TimeProvider clock, ILogger<CheckCadenceHandler> logger)
    : IRequestHandler<CheckCadence, Unit>
{
    public async Task<Unit> Handle(CheckCadence request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var series = await db.Series.ToListAsync(ct);
        // The meetings every series needs for its last and current year, in one query (a series' local year may
        // be a year ahead of or behind the UTC one around New Year).
        var year = now.UtcDateTime.Year;
        var meetings = (await CadenceData.Window(db.Meetings.AsNoTracking(), year - 2, year + 1)
                .Select(m => new { m.SeriesId, m.StartsAt, m.Status }).ToListAsync(ct))
            .ToLookup(m => m.SeriesId, m => (m.StartsAt, m.Status));
        foreach (var s in series)
        {
            var local = Zones.YearOf(now, s.TimeZone);
            s.CheckCadence(Cadence.Report(s, meetings[s.Id], local - 1, local, now), now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
        {
            // Another instance planned the same alert at the same moment: it goes out once all the same.
            logger.LogInformation("Cadence alerts were planned by another instance at the same time.");
        }

        return Unit.Value;
    }
}

/// <summary>Loads what the cadence rule needs: the start and status of a series' meetings in the years asked for.</summary>
internal static class CadenceData
{
    public static async Task<IReadOnlyList<CadenceYear>> ReportAsync(
        MeetingsDbContext db, Domain.Meetings.Series series, int from, int to, DateTimeOffset now, CancellationToken ct)
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
