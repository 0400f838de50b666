using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>Finding of issue 19: a delegate's own link shows the delegate's view — never the head's comment, by API or page.</summary>
public sealed class DelegateLinkTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Comment = "Vertraulich: ich bin an dem Tag beim Arzt";

    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_delegates_link_never_shows_the_heads_comment_by_API_or_page()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var headToken = await app.Token(invitation);
        await (await app.Anonymous().PutJson($"/api/rsvp/{headToken}", new
        {
            status = "delegated",
            @delegate = new { name = "Vera Vertretung", email = "vera.vertretung@augsburg.example" },
            comment = Comment,
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var delegateToken = Links.TokenIn(Assert.Single(app.Smtp.To("vera.vertretung@augsburg.example", meeting)));

        var delegateView = await (await app.Anonymous().GetAsync($"/api/rsvp/{delegateToken}")).Json(HttpStatusCode.OK);
        var delegatePage = await app.Anonymous().GetStringAsync($"/rsvp/{delegateToken}");
        var delegatePageEn = await app.Anonymous().GetStringAsync($"/rsvp/{delegateToken}?lang=en");
        var headView = await (await app.Anonymous().GetAsync($"/api/rsvp/{headToken}")).Json(HttpStatusCode.OK);
        var headPage = await app.Anonymous().GetStringAsync($"/rsvp/{headToken}");

        Assert.NotEqual(headToken, delegateToken);
        Assert.True(delegateView.GetProperty("forDelegate").GetBoolean());
        Assert.False(delegateView.GetProperty("invitation").TryGetProperty("comment", out _));
        Assert.DoesNotContain(Comment, delegateView.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Comment, delegatePage, StringComparison.Ordinal);
        Assert.DoesNotContain(Comment, delegatePageEn, StringComparison.Ordinal);
        Assert.Contains("Vera Vertretung", delegatePage, StringComparison.Ordinal); // the page is the delegate's own
        Assert.Equal(Comment, headView.GetProperty("invitation").Str("comment")); // the head's own link shows it
        Assert.Contains(Comment, headPage, StringComparison.Ordinal);
    }
}
