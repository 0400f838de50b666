using System.Globalization;
using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// <c>GET /metrics</c> as an operator's Prometheus scrapes it. OpenTelemetry listens to every meter of its name in the
/// process, so these run alone (after the parallel tests): the counters are this service's only.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_sent_mail_moves_the_mail_counters_and_the_due_rows_gauge()
    {
        var before = await Scrape();
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitations = (await _admin.Invitations(meeting)).Length;
        app.Clock.Advance(MailMetricsCache);
        var due = await Scrape();

        app.Clock.Advance(TimeSpan.FromSeconds(3)); // 8 s after the invitations fell due
        var result = await app.Dispatch();
        app.Clock.Advance(MailMetricsCache);
        var after = await Scrape();

        Assert.Equal(invitations, result.Sent);
        Assert.True(Value(due, "meetings_mail_due") >= invitations, $"{invitations} invitations; {string.Join(" | ", due.Split((char)10).Where(l => l.StartsWith("meetings_mail", StringComparison.Ordinal)))}");
        Assert.Equal(0, Value(after, "meetings_mail_due"));
        Assert.Equal(invitations, Value(after, "meetings_mail_sent_total", "kind=\"invitation\"") - Value(before, "meetings_mail_sent_total", "kind=\"invitation\""));
        Assert.Equal(invitations, Value(after, "meetings_mail_send_delay_seconds_count", "kind=\"invitation\"") - Value(before, "meetings_mail_send_delay_seconds_count", "kind=\"invitation\""));
        double Late(string exposition, string le) => Value(exposition, "meetings_mail_send_delay_seconds_bucket", "kind=\"invitation\"", $"le=\"{le}\"");
        Assert.Equal(0, Late(after, "5") - Late(before, "5")); // each went out 8 s after it fell due
        Assert.Equal(invitations, Late(after, "10") - Late(before, "10"));
        Assert.True(Value(after, "meetings_mail_dispatch_runs_total") > Value(before, "meetings_mail_dispatch_runs_total"));
    }

    [Fact]
    public async Task The_metrics_show_the_http_server_requests_by_route_never_by_path()
    {
        await app.Anonymous().GetAsync("/api/rsvp/not-a-token-but-a-secret-looking-path");

        var text = await Scrape();

        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/rsvp/{token}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token-but-a-secret-looking-path", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_answer_local_requests_and_admin_keys_only()
    {
        var department = await _admin.CreateDepartment();
        var (_, departmentKey) = await _admin.CreateKey("department", department);

        using var local = await app.Anonymous().GetAsync("/metrics");
        using var remoteWithout = await Remote(null).GetAsync("/metrics");
        using var remoteDepartment = await Remote(departmentKey).GetAsync("/metrics");
        using var remoteAdmin = await Remote(MeetingsApp.AdminKey).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("text/plain", local.Content.Headers.ContentType?.MediaType);
        await remoteWithout.Problem(HttpStatusCode.Unauthorized);
        await remoteDepartment.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, remoteAdmin.StatusCode);
        Assert.Contains("meetings_mail_due", await remoteAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The due rows are counted at most every 5 s (of the service's clock).</summary>
    private static readonly TimeSpan MailMetricsCache = global::Meetings.Infrastructure.Mail.Dispatch.MailMetrics.DueCacheFor;

    private HttpClient Remote(string? key)
    {
        var client = key is null ? app.Anonymous() : app.WithKey(key);
        client.DefaultRequestHeaders.Add(MeetingsApp.RemoteAddressHeader, "192.0.2.10");
        return client;
    }

    private async Task<string> Scrape()
    {
        using var response = await app.Anonymous().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels contain all of <paramref name="labels"/>.</summary>
    private static double Value(string exposition, string metric, params string[] labels) => exposition
        .Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}

/// <summary>Runs its tests after all others, one at a time: no other service's mail in the same process moves the counters.</summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;
