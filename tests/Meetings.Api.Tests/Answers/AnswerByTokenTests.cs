using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Answers;

public sealed class AnswerByTokenTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Token, string InvitationId)> Invitation()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), new DateTimeOffset(2026, 10, 8, 14, 0, 0, TimeSpan.FromHours(2)));
        var invitation = (await _admin.Invitations(meeting)).First(i => i.Str("kind") == "department");
        return (meeting, await app.Token(invitation), invitation.Id());
    }

    [Fact]
    public async Task The_personal_link_shows_the_meeting_in_its_zone_and_the_current_answer_without_a_key()
    {
        var (meeting, token, invitation) = await Invitation();

        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{token}")).Json(HttpStatusCode.OK);

        Assert.Equal(invitation, view.GetProperty("invitation").Id());
        Assert.Equal("pending", view.GetProperty("invitation").Str("status"));
        Assert.Equal(meeting, view.GetProperty("meeting").Id());
        Assert.Equal("2026-10-08T14:00:00+02:00", view.GetProperty("meeting").Str("startsAtLocal"));
        Assert.Equal("Digitalisierung", view.GetProperty("meeting").Str("motto"));
        Assert.Equal("Rathaus", view.GetProperty("meeting").GetProperty("location").Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, view.GetProperty("agenda").ValueKind);
        Assert.True(view.GetProperty("canRespond").GetBoolean());
        Assert.DoesNotContain(token, view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_through_the_link_is_recorded_via_token()
    {
        var (meeting, token, invitation) = await Invitation();

        var view = await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "declined", comment = "Urlaub" })).Json(HttpStatusCode.OK);

        Assert.Equal("declined", view.GetProperty("invitation").Str("status"));
        var stored = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);
        Assert.Equal("token", stored.GetProperty("history")[0].Str("via"));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("x")]
    [InlineData("a-token-that-is-far-too-long-to-be-one-of-ours-0123456789012345678901234567890123456789")]
    public async Task An_unknown_token_is_a_404_that_reveals_nothing(string token)
    {
        var get = await (await app.Anonymous().GetAsync($"/api/rsvp/{token}")).Problem(HttpStatusCode.NotFound);
        var put = await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "accepted" })).Problem(HttpStatusCode.NotFound);

        Assert.Equal(get.Str("detail"), put.Str("detail"));
        Assert.DoesNotContain(token, get.ToString(), StringComparison.Ordinal);
    }
}

public sealed class PersonalLinkRateLimitTests(PersonalLinkRateLimitTests.StrictApp app) : IClassFixture<PersonalLinkRateLimitTests.StrictApp>
{
    [Fact]
    public async Task Token_endpoints_are_rate_limited_per_link_with_Retry_After()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            await (await client.GetAsync("/api/rsvp/unknown-token")).Problem(HttpStatusCode.NotFound);
        }

        var limited = await client.GetAsync("/api/rsvp/unknown-token");

        await limited.Problem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    public sealed class StrictApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:RsvpToken:PermitLimit", "3");
            builder.UseSetting("RateLimiting:RsvpToken:WindowSeconds", "600");
        }
    }
}
