using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>Finding 7 of the security review, the smaller ones: what a caller learns or breaks by probing.</summary>
public sealed class ProbingTests(ProbingTests.StrictApp app) : IClassFixture<ProbingTests.StrictApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_calendar_reply_whose_attendee_holds_two_invitations_of_the_meeting_is_a_409_not_a_500()
    {
        var first = await _admin.CreateDepartment();
        var second = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitations = await _admin.Invitations(meeting);
        var headOfFirst = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == first).GetProperty("recipient");
        var ofSecond = invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == second);
        await (await _admin.Answer(meeting, ofSecond.Id(), new
        {
            status = "delegated", @delegate = new { name = headOfFirst.Str("name"), email = headOfFirst.Str("email") },
        })).Json(HttpStatusCode.OK);

        var reply = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, headOfFirst.Str("email"), "ACCEPTED"));

        await reply.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Guessing_unknown_tokens_does_not_lock_valid_links_out_of_the_same_address()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "department"));
        var office = ForwardedHeadersTests.From(app, "198.51.100.50", forwardedFor: null, key: null);
        for (var i = 0; i < 10; i++)
        {
            var guess = await office.GetAsync($"/api/rsvp/guess-{i}-{Guid.NewGuid():N}");
            Assert.Contains(guess.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests });
        }

        var valid = await office.GetAsync($"/api/rsvp/{token}");
        var stillGuessing = await office.GetAsync("/api/rsvp/one-more-guess");

        await valid.Json(HttpStatusCode.OK);
        await stillGuessing.Problem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(stillGuessing.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_partner_learns_nothing_of_another_citys_speaker_from_a_duplicate_email()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var (_, munich) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());
        var (_, regensburg) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());
        var proposal = new
        {
            name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "München", email = $"{Guid.NewGuid():N}@partner.example",
            talkTitle = "Die E-Akte", requestedMinutes = 20,
        };
        await (await app.WithKey(munich).PostJson($"/api/meetings/{meeting}/speakers", proposal)).Json(HttpStatusCode.Created);

        var otherCity = await app.WithKey(regensburg).PostJson($"/api/meetings/{meeting}/speakers", proposal);
        var sameCity = await app.WithKey(munich).PostJson($"/api/meetings/{meeting}/speakers", proposal);

        await otherCity.Json(HttpStatusCode.Created);
        await sameCity.Problem(HttpStatusCode.Conflict);
    }

    /// <summary>Tight limits, so that a test reaches them.</summary>
    public sealed class StrictApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:RsvpToken:PermitLimit", "3");
            builder.UseSetting("RateLimiting:RsvpToken:WindowSeconds", "600");
            builder.UseSetting("RateLimiting:UnknownToken:PermitLimit", "5");
            builder.UseSetting("RateLimiting:UnknownToken:WindowSeconds", "600");
        }
    }
}
