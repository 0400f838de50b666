using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Pdfs;

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

    [Fact]
    public async Task A_delegates_own_link_reads_the_invitees_documents_and_the_dossier_until_the_head_takes_the_answer_back()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var headToken = await app.Token(invitation);
        var anonymous = app.Anonymous();
        await (await anonymous.PutJson($"/api/rsvp/{headToken}", new
        {
            status = "delegated",
            @delegate = new { name = "Vera Vertretung", email = "vera.vertretung@augsburg.example" },
        })).Json(HttpStatusCode.OK);
        var delegateToken = Assert.IsType<string>(await app.DelegateToken(invitation.Id()));
        var pdf = await (await _admin.GetAsync($"/api/meetings/{meeting}/invitation.pdf")).Pdf(); // a real PDF, for the Mappe to merge
        var forInvitees = (await _admin.Uploaded(meeting, pdf, new { title = "Projektstatus E-Akte" }, fileName: "Status.pdf")).Id();
        var forOffice = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Vermerk", audience = "office" })).Id();

        var list = await (await anonymous.GetAsync($"/api/rsvp/{delegateToken}/documents")).Json(HttpStatusCode.OK);
        var download = await anonymous.GetAsync($"/rsvp/{delegateToken}/documents/{forInvitees}");
        var office = await anonymous.GetAsync($"/rsvp/{delegateToken}/documents/{forOffice}");
        var dossier = await (await anonymous.GetAsync($"/rsvp/{delegateToken}/dossier.pdf")).Pdf();
        var headList = await (await anonymous.GetAsync($"/api/rsvp/{headToken}/documents")).Json(HttpStatusCode.OK);

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal((forInvitees, $"/rsvp/{delegateToken}/documents/{forInvitees}"), (item.Id(), item.Str("url"))); // the delegate's own link, never the head's
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        await office.Problem(HttpStatusCode.NotFound);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(dossier))
        {
            Assert.True(document.TryGetBookmarks(out var bookmarks));
            Assert.Equal(["Einladung", "Projektstatus E-Akte"], bookmarks.GetNodes().Select(n => n.Title));
        }

        Assert.Equal(forInvitees, Assert.Single(headList.GetProperty("items").EnumerateArray()).Id()); // the head's link still reads them

        // The head answers again himself: the delegate's link is no longer a personal link, for the documents as for the rest.
        await (await anonymous.PutJson($"/api/rsvp/{headToken}", new { status = "accepted" })).Json(HttpStatusCode.OK);

        await (await anonymous.GetAsync($"/api/rsvp/{delegateToken}/documents")).Problem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/rsvp/{delegateToken}/documents/{forInvitees}")).Problem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/rsvp/{delegateToken}/dossier.pdf")).Problem(HttpStatusCode.NotFound);
    }
}
