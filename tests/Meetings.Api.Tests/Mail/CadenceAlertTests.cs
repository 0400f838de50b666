using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>The daily cadence check and the alert mails to a series' organizer.</summary>
public sealed class CadenceAlertTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Organizer = "direktorium@host.example";
    private readonly HttpClient _admin = app.Admin();

    private IReadOnlyList<MimeMessage> Alerts(string series) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Series"] == series
                                     && m.To.Mailboxes.Any(a => a.Address == Organizer)).ToList();

    private async Task<JsonElement[]> Ledger(string series) =>
        (await (await _admin.GetAsync($"/api/series/{series}/deliveries")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    private async Task CheckAndSend()
    {
        await app.CheckCadence();
        await app.Dispatch();
    }

    [Fact]
    public async Task An_at_risk_year_alerts_the_organizer_once_and_the_missed_year_once_after_it_is_over()
    {
        var series = await _admin.CreateSeries(minMeetingsPerYear: 2);
        var year = app.Clock.GetUtcNow().Year;

        await CheckAndSend();
        await CheckAndSend();
        var atRisk = Alerts(series);
        app.Clock.SetUtcNow(new DateTimeOffset(year + 1, 1, 2, 6, 0, 0, TimeSpan.Zero));
        await CheckAndSend();
        await CheckAndSend();

        var first = Assert.Single(atRisk);
        Assert.StartsWith("Turnus gefährdet: Amtsleitungstreffen ", first.Subject, StringComparison.Ordinal);
        Assert.Contains($" {year} – 0 von 2 Treffen", first.Subject, StringComparison.Ordinal);
        Assert.Contains("Erforderlich: 2", first.TextBody, StringComparison.Ordinal);
        var all = Alerts(series).Select(m => m.Subject!).ToList();
        Assert.Equal(3, all.Count);
        Assert.Single(all, s => s.StartsWith("Turnus verfehlt: ", StringComparison.Ordinal) && s.Contains($" {year} – 0 von 2", StringComparison.Ordinal));
        Assert.Single(all, s => s.StartsWith("Turnus gefährdet: ", StringComparison.Ordinal) && s.Contains($" {year + 1} – ", StringComparison.Ordinal));
        var ledger = await Ledger(series);
        Assert.Equal([$"{year}-at-risk", $"{year}-missed", $"{year + 1}-at-risk"], ledger.Select(r => r.Str("occasion")).Order().ToArray());
        Assert.All(ledger, r => Assert.Equal(("cadence-alert", "sent"), (r.Str("kind"), r.Str("status"))));
    }

    [Fact]
    public async Task A_series_with_enough_meetings_published_for_the_year_gets_no_alert()
    {
        var series = await _admin.CreateSeries(minMeetingsPerYear: 2);
        var now = app.Clock.GetUtcNow();
        await _admin.CreatePublished(series, now.AddDays(10));
        await _admin.CreatePublished(series, now.AddDays(20));

        await CheckAndSend();

        Assert.Empty(Alerts(series));
        Assert.Empty(await Ledger(series));
    }

    [Fact]
    public async Task An_alert_that_is_no_longer_true_when_it_goes_out_is_skipped()
    {
        var series = await _admin.CreateSeries(minMeetingsPerYear: 1);
        await app.CheckCadence();

        await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(10));
        await app.Dispatch();

        Assert.Empty(Alerts(series));
        var row = Assert.Single(await Ledger(series));
        Assert.Equal("skipped", row.Str("status"));
        Assert.Equal("the year is on-track now", row.Str("lastError"));
    }

    [Fact]
    public async Task The_alerts_of_an_unknown_series_are_a_404()
    {
        await (await _admin.GetAsync($"/api/series/{Guid.NewGuid()}/deliveries")).Problem(HttpStatusCode.NotFound);
    }
}
