using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Documents;

public sealed class DocumentLinkTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    [Fact]
    public async Task A_link_holder_lists_and_downloads_the_invitees_documents_of_the_links_meeting_only()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var other = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var token = await app.Token((await _admin.Invitations(meeting))[0]);
        var bytes = DocumentData.Pdf(5000);
        var forInvitees = (await _admin.Uploaded(meeting, bytes, new { title = "Tagesordnung" }, fileName: "Tagesordnung Sitzung.pdf")).Id();
        var forOffice = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Vermerk", audience = "office" })).Id();
        var ofOther = (await _admin.Uploaded(other, DocumentData.Pdf(), new { title = "Fremd" })).Id();
        var anonymous = app.Anonymous();

        var list = await (await anonymous.GetAsync($"/api/rsvp/{token}/documents")).Json(HttpStatusCode.OK);
        var item = list.GetProperty("items").EnumerateArray().Single();
        var download = await anonymous.GetAsync(item.Str("url"));
        var office = await anonymous.GetAsync($"/rsvp/{token}/documents/{forOffice}");
        var foreign = await anonymous.GetAsync($"/rsvp/{token}/documents/{ofOther}");
        var unknown = await anonymous.GetAsync($"/api/rsvp/{new string('x', 43)}/documents");

        Assert.Equal((forInvitees, "Tagesordnung"), (item.Id(), item.Str("title")));
        Assert.Equal($"/rsvp/{token}/documents/{forInvitees}", item.Str("url"));
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        await office.Problem(HttpStatusCode.NotFound);
        await foreign.Problem(HttpStatusCode.NotFound);
        await unknown.Problem(HttpStatusCode.NotFound);
    }
}
