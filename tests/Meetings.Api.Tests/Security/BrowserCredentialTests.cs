using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 3 of the security review: credentials a browser sends by itself. The API takes keys only from
/// <c>X-Api-Key</c>; HTTP Basic opens the job dashboard alone.
/// </summary>
public sealed class BrowserCredentialTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    internal static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{key}")));

    [Fact]
    public async Task The_key_as_HTTP_Basic_password_opens_no_API_operation()
    {
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30))).Id();
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Authorization = Basic(MeetingsApp.AdminKey);

        var publish = await browser.PostAsync($"/api/meetings/{meeting}/publish", null);
        var read = await browser.GetAsync("/api/departments");

        await publish.Problem(HttpStatusCode.Unauthorized);
        await read.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("draft", (await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK)).Str("status"));
    }
}

/// <summary>The job dashboard with its recurring jobs registered (a Hangfire server of its own).</summary>
public sealed class DashboardCrossSiteTests(HangfireMeetingsApp app) : IClassFixture<HangfireMeetingsApp>
{
    private HttpClient Browser(string? origin)
    {
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Authorization = BrowserCredentialTests.Basic(MeetingsApp.AdminKey);
        if (origin is not null)
        {
            browser.DefaultRequestHeaders.Add("Origin", origin);
        }

        return browser;
    }

    private static string Meta(string html, string name) =>
        System.Text.RegularExpressions.Regex.Match(html, $@"<meta name=""{name}"" content=""([^""]+)""").Groups[1].Value is { Length: > 0 } value
            ? System.Net.WebUtility.HtmlDecode(value)
            : throw new InvalidOperationException($"the dashboard page has no {name}");

    private static FormUrlEncodedContent Jobs(string id) => new([new KeyValuePair<string, string>("jobs[]", id)]);

    private async Task<string> RecurringPage() => await (await Browser(null).GetAsync("/hangfire/recurring")).Content.ReadAsStringAsync();

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")] // a sandboxed frame or a data: page
    [InlineData(null)] // an old browser that sends no Origin and no Referer
    public async Task A_form_post_from_another_site_neither_removes_nor_triggers_a_recurring_job(string? origin)
    {
        var browser = Browser(origin);

        var remove = await browser.PostAsync("/hangfire/recurring/remove", Jobs("mail-dispatch"));
        var trigger = await browser.PostAsync("/hangfire/recurring/trigger", Jobs("cadence-alerts"));

        await remove.Problem(HttpStatusCode.Forbidden);
        await trigger.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("mail-dispatch", await RecurringPage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_from_the_dashboard_itself_still_works()
    {
        var sameSite = Browser("http://localhost");
        // As the dashboard's own script does: the antiforgery token of the page it was served with, in the header it names.
        var page = await (await sameSite.GetAsync("/hangfire/recurring")).Content.ReadAsStringAsync();
        sameSite.DefaultRequestHeaders.Add(Meta(page, "csrf-header"), Meta(page, "csrf-token"));

        var trigger = await sameSite.PostAsync("/hangfire/recurring/trigger", Jobs("cadence-alerts"));
        var button = await sameSite.PostAsync("/hangfire/jobs/actions/requeue/987654321", null); // the job page's buttons post no body

        Assert.True(trigger.IsSuccessStatusCode, $"{(int)trigger.StatusCode}: {await trigger.Content.ReadAsStringAsync()}");
        Assert.True((int)button.StatusCode is < 500 and not 403 and not 415, $"{(int)button.StatusCode}: {await button.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_dashboards_stats_answer_no_5xx_whatever_comes()
    {
        var sameSite = Browser("http://localhost");

        var get = await sameSite.GetAsync("/hangfire/stats");
        var empty = await sameSite.PostAsync("/hangfire/stats", null);
        var json = await sameSite.PostAsync("/hangfire/stats", new StringContent("{\"metrics\":1}", Encoding.UTF8, "application/json"));
        var form = await sameSite.PostAsync("/hangfire/stats", new FormUrlEncodedContent([new KeyValuePair<string, string>("metrics[]", "dashboard:metric:nope")]));

        foreach (var response in new[] { get, empty, json, form })
        {
            Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage!.Method} /hangfire/stats: {(int)response.StatusCode}\n{ServerErrors.Recent()}");
        }
    }
}
