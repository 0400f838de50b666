using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Mail.Planning;

/// <summary>
/// The daily cadence check (a job): for every series, the last and the current year are measured and the
/// organizer is alerted when the current year is at risk or the last one was missed (the rule:
/// <see cref="Series.CheckCadence"/>). The ledger keeps one alert per series, year and level, so the check may run
/// as often as it likes.
/// </summary>
public sealed class CadenceAlerts(MeetingsDbContext db, TimeProvider clock, ILogger<CadenceAlerts> logger)
{
    public async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var series = await db.Series.ToListAsync(ct);
        // The meetings every series needs for its last and current year, in one query (a series' local year may
        // be a year ahead of or behind the UTC one around New Year).
        var year = now.UtcDateTime.Year;
        var meetings = (await CadenceQueries.Window(db.Meetings.AsNoTracking(), year - 2, year + 1)
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
    }
}
