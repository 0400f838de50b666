using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>Finding 7 of the security review, the headers: nothing sniffed, nothing secret cached, nothing framed.</summary>
public sealed class HeadersTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private static bool NoStore(HttpResponseMessage response) => response.Headers.CacheControl?.NoStore == true;

    [Fact]
    public async Task Every_response_says_nosniff_errors_included()
    {
        var responses = new[]
        {
            await _admin.GetAsync("/api/departments"),
            await app.Anonymous().GetAsync("/api/departments"),
            await app.Anonymous().GetAsync("/api/rsvp/unknown"),
            await app.Anonymous().GetAsync("/health/live"),
            await app.Anonymous().GetAsync("/swagger/v1/swagger.json"),
            await _admin.GetAsync("/hangfire"),
        };

        foreach (var response in responses)
        {
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), response.RequestMessage!.RequestUri!.ToString());
            Assert.Equal("nosniff", Assert.Single(values));
        }
    }

    [Fact]
    public async Task Responses_that_carry_a_key_or_a_token_may_not_be_stored()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var list = await _admin.GetAsync($"/api/meetings/{meeting}/invitations");
        var invitation = (await list.Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().First(i => i.Str("kind") == "department");
        var token = await app.Token(invitation);

        var created = await _admin.PostJson("/api/api-keys", new { name = "Portal", role = "admin" });
        var view = await app.Anonymous().GetAsync($"/api/rsvp/{token}");
        var answered = await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "accepted" });
        var recorded = await _admin.Answer(meeting, invitation.Id(), new { status = "declined" });
        var reply = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, invitation.GetProperty("recipient").Str("email"), "TENTATIVE"));
        var meetingRead = await _admin.GetAsync($"/api/meetings/{meeting}");

        foreach (var response in new[] { list, created, view, answered, recorded, reply })
        {
            Assert.True(NoStore(response), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} ({(int)response.StatusCode})");
        }

        Assert.False(NoStore(meetingRead)); // an ordinary read keeps its ETag caching
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/swagger/index.html")]
    public async Task The_dashboard_and_Swagger_UI_may_not_be_framed(string path)
    {
        var response = await _admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}

public sealed class SwaggerSwitchTests(SwaggerSwitchTests.NoSwaggerApp app) : IClassFixture<SwaggerSwitchTests.NoSwaggerApp>
{
    [Theory]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Swagger_Enabled_false_switches_off_the_UI_and_the_document(string path)
    {
        var response = await app.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public sealed class NoSwaggerApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Swagger:Enabled", "false");
        }
    }
}

public sealed class BootstrapKeyTests
{
    [Fact]
    public void In_Production_a_bootstrap_key_shorter_than_32_characters_stops_the_service_with_the_reason()
    {
        using var app = new ProductionApp("short-but-not-empty-key");

        Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var reason = Assert.Single(app.Errors.All, e => e.Contains("The service cannot start", StringComparison.Ordinal));
        Assert.Contains("Auth:BootstrapAdminKey", reason, StringComparison.Ordinal);
        Assert.Contains("32", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("short-but-not-empty-key", reason, StringComparison.Ordinal); // a key is never shown
    }

    [Fact]
    public async Task In_Production_a_bootstrap_key_of_32_characters_or_more_is_taken()
    {
        var key = new string('k', 32);
        using var app = new ProductionApp(key);

        var response = await app.WithKey(key).GetAsync("/api/departments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class ProductionApp(string key) : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:BootstrapAdminKey", key);
        }
    }
}
