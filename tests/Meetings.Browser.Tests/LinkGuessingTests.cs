using System.Net;

namespace Meetings.Browser.Tests;

/// <summary>
/// Someone trying tokens on the answer page: each unknown link counts for the client's address (20 a minute by
/// default), then the page says so with a 429 — and the valid links keep working, for this address too. A link opened
/// more often than its own limit (60 a minute by default) is told so in a sentence.
/// </summary>
public sealed class LinkGuessingTests(PageApp app) : IClassFixture<PageApp>
{
    [Fact]
    public async Task Guessing_links_on_the_page_is_stopped_with_a_sentence_and_a_valid_link_still_opens()
    {
        var invited = await app.InvitedHead();
        using var guesser = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            answers.Add((await guesser.GetAsync($"/rsvp/guess{i:D3}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        }

        var stopped = await guesser.GetAsync("/rsvp/one-more-guess");
        var valid = await guesser.GetAsync(invited.Link);

        Assert.Equal(20, answers.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.True(stopped.Headers.RetryAfter is not null);
        Assert.Contains("zu viele ungültige Links", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task A_link_opened_too_often_is_told_so_in_words_not_in_json()
    {
        var invited = await app.InvitedHead();
        using var browser = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        HttpResponseMessage last;
        var opened = 0;
        while ((last = await browser.GetAsync(invited.Link)).StatusCode == HttpStatusCode.OK && opened < 100)
        {
            opened++;
        }

        Assert.Equal(60, opened);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("text/plain", last.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bitte versuchen Sie es in", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
