using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Documents;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Topics;

namespace Meetings.Api.Tests.Answers;

/// <summary>
/// The answer page keeps what every invitee of a meeting reads alike (the documents list, the call for topics, the
/// results, the people's feeds) for a moment, by meeting (docs/answer-page.md). A change saved through the instance
/// shows at the page's next load — not after the moment has passed: the clock here never moves.
/// </summary>
public sealed class PageKeptPartsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_document_and_a_call_for_topics_saved_after_the_page_was_read_show_at_its_next_load()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var head = (await _admin.Invitations(meeting)).First(i => i.TryGetProperty("departmentId", out var d) && d.ValueKind == JsonValueKind.String);
        var token = await app.Token(head);
        var before = await PageAsync(token);
        Assert.Contains("Noch keine Unterlagen.", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"topics\"", before, StringComparison.Ordinal);

        var document = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Nachgereichte Vorlage" })).Id();
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));

        var after = await PageAsync(token);
        Assert.Contains("Nachgereichte Vorlage", after, StringComparison.Ordinal);
        Assert.Contains("id=\"topics\"", after, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/documents/{document}")).StatusCode);
        Assert.DoesNotContain("Nachgereichte Vorlage", await PageAsync(token), StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string token) => WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/rsvp/{token}"));
}
