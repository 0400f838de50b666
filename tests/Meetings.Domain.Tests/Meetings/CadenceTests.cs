using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

public sealed class CadenceTests
{
    private static readonly DateTimeOffset Today = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static CadenceYear YearOf(int year, params (string StartsAt, MeetingStatus Status)[] meetings) =>
        Cadence.Report(Series(minPerYear: 2), meetings.Select(m => (DateTimeOffset.Parse(m.StartsAt, System.Globalization.CultureInfo.InvariantCulture), m.Status)), year, year, Today).Single();

    [Fact]
    public void A_past_year_with_enough_meetings_held_is_met()
    {
        var year = YearOf(2025, ("2025-03-01T10:00:00Z", MeetingStatus.Completed), ("2025-10-01T10:00:00Z", MeetingStatus.Published));

        Assert.Equal(CadenceStatus.Met, year.Status);
        Assert.Equal((2, 1, 2), (year.Published, year.Completed, year.Held));
    }

    [Fact]
    public void A_past_year_short_of_meetings_is_missed_and_cancelled_ones_do_not_count()
    {
        var year = YearOf(2025, ("2025-03-01T10:00:00Z", MeetingStatus.Completed), ("2025-10-01T10:00:00Z", MeetingStatus.Cancelled));

        Assert.Equal(CadenceStatus.Missed, year.Status);
        Assert.Equal((1, 1), (year.Published, year.Cancelled));
    }

    [Fact]
    public void The_current_year_is_on_track_when_published_meetings_ahead_reach_the_minimum()
    {
        var year = YearOf(2026, ("2026-02-01T10:00:00Z", MeetingStatus.Completed), ("2026-11-01T10:00:00Z", MeetingStatus.Published));

        Assert.Equal(CadenceStatus.OnTrack, year.Status);
        Assert.Equal((1, 1), (year.Held, year.Planned));
    }

    [Fact]
    public void The_current_year_is_at_risk_when_not_enough_are_published_for_the_rest_of_the_year()
    {
        var year = YearOf(2026, ("2026-02-01T10:00:00Z", MeetingStatus.Completed), ("2026-11-01T10:00:00Z", MeetingStatus.Draft), ("2026-12-01T10:00:00Z", MeetingStatus.Cancelled));

        Assert.Equal(CadenceStatus.AtRisk, year.Status);
    }

    [Fact]
    public void The_current_year_is_met_once_enough_meetings_took_place()
    {
        var year = YearOf(2026, ("2026-02-01T10:00:00Z", MeetingStatus.Completed), ("2026-05-01T10:00:00Z", MeetingStatus.Published));

        Assert.Equal(CadenceStatus.Met, year.Status);
    }

    [Fact]
    public void A_future_year_is_on_track_with_enough_published_and_at_risk_without()
    {
        var planned = YearOf(2027, ("2027-03-01T10:00:00Z", MeetingStatus.Published), ("2027-10-01T10:00:00Z", MeetingStatus.Published));
        var empty = YearOf(2027);

        Assert.Equal(CadenceStatus.OnTrack, planned.Status);
        Assert.Equal(CadenceStatus.AtRisk, empty.Status);
    }

    [Fact]
    public void A_meeting_counts_for_the_year_of_its_local_start()
    {
        // 31 Dec 2025 23:30 UTC is already 1 Jan 2026 00:30 in Berlin.
        var report = Cadence.Report(Series(), [(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero), MeetingStatus.Completed)], 2025, 2026, Today);

        Assert.Equal(0, report[0].Published);
        Assert.Equal(1, report[1].Published);
    }

    [Fact]
    public void The_daily_check_alerts_an_at_risk_current_year_and_a_missed_last_year_but_not_a_year_before_the_series_existed()
    {
        var series = Series(minPerYear: 2); // created at MeetingBuilder.Now, in 2026
        var inJanuary = new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var before = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

        series.CheckCadence(Cadence.Report(series, [], 2026, 2027, inJanuary), inJanuary);
        var january = series.DomainEvents.OfType<CadenceAlertDue>().Select(e => (e.Year.Year, e.Year.Status)).ToList();
        series.ClearDomainEvents();
        series.CheckCadence(Cadence.Report(series, [], 2025, 2026, before), before);
        var june = series.DomainEvents.OfType<CadenceAlertDue>().Select(e => (e.Year.Year, e.Year.Status)).ToList();

        Assert.Equal([(2026, CadenceStatus.Missed), (2027, CadenceStatus.AtRisk)], january);
        Assert.Equal([(2026, CadenceStatus.AtRisk)], june); // 2025 was missed, but the series did not exist yet
    }

    [Fact]
    public void A_year_on_track_raises_no_alert_and_each_alert_has_one_occasion_per_year_and_level()
    {
        var series = Series(minPerYear: 1);

        series.CheckCadence(Cadence.Report(series, [(Today.AddDays(30), MeetingStatus.Published)], 2025, 2026, Today), Today);

        Assert.Empty(series.DomainEvents);
        Assert.Equal("2026-at-risk", Occasion.Cadence(2026, CadenceStatus.AtRisk).Key);
        Assert.Equal("2025-missed", Occasion.Cadence(2025, CadenceStatus.Missed).Key);
    }
}
