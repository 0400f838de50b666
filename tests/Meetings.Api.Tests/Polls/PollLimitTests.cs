using System.Net;
using Meetings.Api.Tests.Feeds;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Polls;

/// <summary>
/// The poll's personal links under the rate limits of the personal links (tight limits, as the feeds' tests set them):
/// one link per token, guessed tokens per address — the language of the page is found only after the limiter.
/// </summary>
public sealed class PollLimitTests(OfficeFeedTests.StrictApp app) : IClassFixture<OfficeFeedTests.StrictApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<string> BallotToken()
    {
        var department = Guid.Parse(await _admin.CreateDepartment());
        var now = app.Clock.GetUtcNow();
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), now.AddDays(40))).Id();
        await (await _admin.PutJson($"/api/meetings/{meeting}/poll", PollArrange.Body(now, now.AddDays(10)))).Json(HttpStatusCode.OK);
        var meetingId = Guid.Parse(meeting);
        return await app.Db(db => db.Polls.Where(p => p.MeetingId == meetingId).SelectMany(p => p.Ballots)
            .Where(b => b.DepartmentId == department).Select(b => b.Token).SingleAsync());
    }

    [Fact]
    public async Task A_poll_link_is_rate_limited_per_token_like_the_other_personal_links()
    {
        var token = await BallotToken();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/poll/{token}")).StatusCode);
        }

        var over = await app.Anonymous().GetAsync($"/poll/{token}?lang=en");
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
    }

    [Fact]
    public async Task Guessing_poll_tokens_is_limited_per_address_without_locking_out_a_valid_link()
    {
        var token = await BallotToken();
        var guesser = ForwardedHeadersTests.From(app, "198.51.100.78", forwardedFor: null, key: null);
        for (var i = 0; i < 10; i++)
        {
            var guess = await guesser.GetAsync($"/poll/guess-{i}-{Guid.NewGuid():N}");
            Assert.Contains(guess.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests });
        }

        var valid = await guesser.GetAsync($"/poll/{token}");
        var stillGuessing = await guesser.GetAsync($"/api/poll/one-more-guess-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillGuessing.StatusCode);
    }
}
