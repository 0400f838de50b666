using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>One calendar year of a series, measured against its minimum number of meetings.</summary>
public sealed record CadenceYear(int Year, int Published, int Completed, int Cancelled, int Required, int Held, int Planned, CadenceStatus Status);

/// <summary>
/// The cadence rule. A meeting belongs to the calendar year of its start in the series' time zone.
/// Drafts do not count; cancelled meetings are shown but do not count.
/// <list type="bullet">
/// <item><c>published</c>: meetings of the year that were published and not cancelled (completed ones included).</item>
/// <item><c>held</c>: of those, the completed ones and the published ones whose start has passed.</item>
/// <item><c>planned</c>: published meetings of the year whose start lies ahead.</item>
/// <item>status: <c>met</c> when held ≥ required; otherwise, while the year is not over, <c>on-track</c>
/// when held + planned ≥ required, else <c>at-risk</c>; once the year is over, <c>missed</c>.</item>
/// </list>
/// </summary>
public static class Cadence
{
    public const int MaxYears = 50;

    /// <summary>The level as the API spells it: <c>met</c>, <c>on-track</c>, <c>at-risk</c>, <c>missed</c>.</summary>
    public static string LevelName(CadenceStatus level) => CadenceLevel.Name(level);

    public static IReadOnlyList<CadenceYear> Report(
        Series series, IEnumerable<(DateTimeOffset StartsAt, MeetingStatus Status)> meetings, int fromYear, int toYear, DateTimeOffset now)
    {
        var byYear = meetings
            .Where(m => m.Status != MeetingStatus.Draft)
            .GroupBy(m => Common.Zones.YearOf(m.StartsAt, series.TimeZone))
            .ToDictionary(g => g.Key, g => g.ToList());
        var currentYear = Common.Zones.YearOf(now, series.TimeZone);

        var years = new List<CadenceYear>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var list = byYear.GetValueOrDefault(year) ?? [];
            var completed = list.Count(m => m.Status == MeetingStatus.Completed);
            var cancelled = list.Count(m => m.Status == MeetingStatus.Cancelled);
            var pastPublished = list.Count(m => m.Status == MeetingStatus.Published && m.StartsAt <= now);
            var planned = list.Count(m => m.Status == MeetingStatus.Published && m.StartsAt > now);
            var held = completed + pastPublished;
            var required = series.MinMeetingsPerYear;
            var status = held >= required ? CadenceStatus.Met
                : year < currentYear ? CadenceStatus.Missed
                : held + planned >= required ? CadenceStatus.OnTrack
                : CadenceStatus.AtRisk;
            years.Add(new CadenceYear(year, completed + pastPublished + planned, completed, cancelled, required, held, planned, status));
        }

        return years;
    }
}
