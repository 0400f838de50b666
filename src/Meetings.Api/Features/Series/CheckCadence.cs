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
        foreach (var series in await db.Series.ToListAsync(ct))
        {
            var year = Zones.YearOf(now, series.TimeZone);
            series.CheckCadence(await CadenceData.ReportAsync(db, series, year - 1, year, now, ct), now);
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
        // A day's margin on both ends: the year is decided in the series' zone, not in UTC.
        var windowStart = new DateTimeOffset(from, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-1);
        var windowEnd = new DateTimeOffset(to + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.SeriesId == series.Id && m.StartsAt >= windowStart && m.StartsAt < windowEnd)
            .Select(m => new { m.StartsAt, m.Status })
            .ToListAsync(ct);
        return Cadence.Report(series, meetings.Select(m => (m.StartsAt, m.Status)), from, to, now);
    }
}
