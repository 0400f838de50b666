using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Feeds;

/// <summary>"Alle Termine abonnieren": the personal feed in every invitation mail (received by the test SMTP server) and on the answer page.</summary>
public sealed class FeedLinkTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(System.Text.Json.JsonElement Department, string Meeting, string Token)> Invited()
    {
        var department = await _admin.Department(await _admin.CreateDepartment());
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department.Id());
        return (department, meeting, await app.Token(invitation));
    }

    [Fact]
    public async Task An_invitation_mail_offers_the_heads_own_feed_in_both_parts()
    {
        var (department, meeting, _) = await Invited();

        await app.Dispatch();

        var mail = Assert.Single(app.Smtp.To(department.HeadEmail(), meeting));
        var feed = (await app.PersonFeedToken(department.HeadEmail()))!;
        Assert.Contains($"Alle Termine abonnieren: webcal://intranet.augsburg.example/calendar/{feed}.ics", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://intranet.augsburg.example/calendar/{feed}.ics", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"webcal://intranet.augsburg.example/calendar/{feed}.ics\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">Alle Termine abonnieren</a>", mail.HtmlBody, StringComparison.Ordinal);
        await app.Feed(feed); // the link in the mail opens the feed
    }

    [Fact]
    public async Task A_deputy_named_delegate_gets_the_deputys_feed_and_an_outside_delegate_none()
    {
        var (department, meeting, token) = await Invited();
        var deputy = department.GetProperty("deputy");
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "delegated", @delegate = new { name = deputy.Str("name"), email = deputy.Str("email") } }))
            .Json(HttpStatusCode.OK);
        await app.Dispatch();
        var outside = $"extern.{department.Str("code").ToLowerInvariant()}@augsburg.example";
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "delegated", @delegate = new { name = "Erika Extern", email = outside } }))
            .Json(HttpStatusCode.OK);
        await app.Dispatch();

        var toDeputy = Assert.Single(app.Smtp.To(department.DeputyEmail(), meeting), m => m.Headers["X-Meetings-Kind"] == "Invitation");
        var toOutside = Assert.Single(app.Smtp.To(outside, meeting), m => m.Headers["X-Meetings-Kind"] == "Invitation");

        Assert.Contains($"/calendar/{await app.PersonFeedToken(department.DeputyEmail())}.ics", toDeputy.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/calendar/", toOutside.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Alle Termine abonnieren", toOutside.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_page_offers_the_holders_feed_and_an_outside_delegates_page_none()
    {
        var (department, _, token) = await Invited();
        var page = await (await app.Anonymous().GetAsync($"/rsvp/{token}")).Content.ReadAsStringAsync();
        var english = await app.Anonymous().GetStringAsync($"/rsvp/{token}?lang=en");
        var invitationId = (await app.Db(db => Task.FromResult(db.Invitations.Single(i => i.Token == token).Id))).ToString();
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "delegated", @delegate = new { name = "Erika Extern", email = "erika.extern@augsburg.example" } }))
            .Json(HttpStatusCode.OK);
        var delegatesPage = await app.Anonymous().GetStringAsync($"/rsvp/{await app.DelegateToken(invitationId)}");

        var feed = (await app.PersonFeedToken(department.HeadEmail()))!;
        Assert.Contains($"href=\"webcal://intranet.augsburg.example/calendar/{feed}.ics\"", page, StringComparison.Ordinal);
        Assert.Contains("Alle Termine abonnieren", page, StringComparison.Ordinal);
        Assert.Contains($"https://intranet.augsburg.example/calendar/{feed}.ics", page, StringComparison.Ordinal);
        Assert.Contains("Subscribe to all meetings", english, StringComparison.Ordinal);
        Assert.DoesNotContain("/calendar/", delegatesPage, StringComparison.Ordinal);
    }
}
