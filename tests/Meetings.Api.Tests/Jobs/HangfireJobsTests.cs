using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Jobs;

/// <summary>The service with its Hangfire server running (polling every second): nobody calls the dispatcher by hand.</summary>
public sealed class HangfireJobsTests(HangfireMeetingsApp app) : IClassFixture<HangfireMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Invitations_and_reminders_go_out_by_themselves_once_each()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var head = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department)
            .GetProperty("recipient").Str("email");

        var invitations = await HangfireMeetingsApp.Eventually(() => app.Smtp.To(head, meeting), 1);
        app.Clock.Advance(TimeSpan.FromDays(23).Add(TimeSpan.FromMinutes(1))); // past the P7D reminder
        var withReminder = await HangfireMeetingsApp.Eventually(() => app.Smtp.To(head, meeting), 2);

        Assert.Equal("Invitation", Assert.Single(invitations).Headers["X-Meetings-Kind"]);
        Assert.Equal(["Invitation", "Reminder"], withReminder.Select(m => m.Headers["X-Meetings-Kind"]!).ToArray());
    }

    [Fact]
    public async Task Readiness_reports_the_job_storage()
    {
        var ready = await (await app.Anonymous().GetAsync("/health/ready")).Json(HttpStatusCode.OK);

        var jobs = ready.GetProperty("checks").EnumerateArray().Single(c => c.Str("name") == "jobs");
        Assert.Equal("healthy", jobs.Str("status"));
    }

    [Fact]
    public async Task The_dashboard_asks_for_an_admin_key_and_opens_for_it_locally()
    {
        var anonymous = await app.Anonymous().GetAsync("/hangfire");
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());
        var department = await app.WithKey(departmentKey).GetAsync("/hangfire");
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{MeetingsApp.AdminKey}")));

        var page = await browser.GetAsync("/hangfire/recurring");

        await anonymous.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await department.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("mail-dispatch", html, StringComparison.Ordinal);
        Assert.Contains("cadence-alerts", html, StringComparison.Ordinal);
        Assert.Contains("idempotency-purge", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_closed_to_remote_requests_even_with_an_admin_key()
    {
        var remote = app.Admin();
        remote.DefaultRequestHeaders.Add(MeetingsApp.RemoteAddressHeader, "203.0.113.7");

        var response = await remote.GetAsync("/hangfire");

        await response.Problem(HttpStatusCode.Forbidden);
    }
}

/// <summary>The service as most tests run it: Jobs:Enabled is false, so it has no Hangfire server at all.</summary>
public sealed class JobsDisabledTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Fact]
    public async Task An_instance_with_jobs_disabled_runs_no_job_server()
    {
        var ready = await (await app.Anonymous().GetAsync("/health/ready")).Json(System.Net.HttpStatusCode.OK);

        var jobs = ready.GetProperty("checks").EnumerateArray().Single(c => c.Str("name") == "jobs");
        Assert.Contains("0 job server(s)", jobs.Str("description"), StringComparison.Ordinal);
    }
}
