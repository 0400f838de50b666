using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Tests.Answers;

/// <summary>
/// The answer page keeps what every invitee of a meeting sees alike for a moment (<see cref="MeetingReadCache"/>): what is
/// saved through the same instance shows at once, what another instance saves within its lifetime, and the answer itself
/// is never kept.
/// </summary>
public sealed class AnswerPageFreshnessTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_change_saved_through_this_instance_shows_on_the_next_page_at_once()
    {
        var (meeting, link) = await Invited();
        var page = app.Anonymous();
        Assert.DoesNotContain("Haushalt 2027", await page.GetStringAsync(link), StringComparison.Ordinal);

        await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = "Haushalt 2027", durationMinutes = 30, kind = "discussion" }))
            .Json(HttpStatusCode.Created);
        var withItem = await page.GetStringAsync(link);
        await (await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Klausur der Amtsleitungen", location = new { name = "Rathaus" } })).Json(HttpStatusCode.OK);
        var retitled = await page.GetStringAsync(link);
        await (await _admin.Action(meeting, "cancel", new { reason = "Haushaltssperre" })).Json(HttpStatusCode.OK);
        var cancelled = await page.GetStringAsync(link);

        Assert.Contains("Haushalt 2027", withItem, StringComparison.Ordinal);
        Assert.Contains("Klausur der Amtsleitungen", retitled, StringComparison.Ordinal);
        Assert.Contains("Haushaltssperre", cancelled, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", cancelled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_instance_shows_a_change_after_at_most_the_lifetime_and_an_answer_at_once()
    {
        var (meeting, link) = await Invited();
        using var other = MeetingsApp.OnDatabase(app.Database);
        var otherPage = other.Anonymous();
        Assert.DoesNotContain("Klausur der Amtsleitungen", await otherPage.GetStringAsync(link), StringComparison.Ordinal);

        await (await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Klausur der Amtsleitungen", location = new { name = "Rathaus" } })).Json(HttpStatusCode.OK);
        await (await app.Anonymous().PutJson($"/api/rsvp/{link[(link.LastIndexOf('/') + 1)..]}", new { status = "declined" }))
            .Json(HttpStatusCode.OK);
        var answered = await otherPage.GetStringAsync(link);
        other.Clock.Advance(MeetingReadCache.Lifetime);
        var later = await otherPage.GetStringAsync(link);

        Assert.Matches(@"value=""declined""\s+checked", answered);
        Assert.Contains("Klausur der Amtsleitungen", later, StringComparison.Ordinal);
    }

    private async Task<(string Meeting, string Link)> Invited()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var token = await app.Token((await _admin.Invitations(meeting))[0]);
        return (meeting, $"/rsvp/{token}");
    }
}
