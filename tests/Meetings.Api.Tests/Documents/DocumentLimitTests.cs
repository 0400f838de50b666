using System.Net;
using Meetings.Api.Tests.Feeds;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Documents;

/// <summary>
/// The documents and PDFs behind a personal link count against the link's rate limit like the page and
/// <c>/api/rsvp/{token}</c> (tight limits, as the feeds' tests set them: three requests per token).
/// </summary>
public sealed class DocumentLimitTests(OfficeFeedTests.StrictApp app) : IClassFixture<OfficeFeedTests.StrictApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Documents_and_pdfs_through_a_link_share_the_links_rate_limit()
    {
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(5))).Id();
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var document = await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Projektstatus" });
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host"));
        var link = app.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await link.GetAsync($"/api/rsvp/{token}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await link.GetAsync($"/rsvp/{token}/documents/{document.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await link.GetAsync($"/rsvp/{token}/invitation.pdf")).StatusCode);
        var over = await link.GetAsync($"/rsvp/{token}/dossier.pdf");

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
    }
}
