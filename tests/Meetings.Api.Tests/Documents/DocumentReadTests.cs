using System.Net;
using System.Net.Http.Headers;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Topics;

namespace Meetings.Api.Tests.Documents;

public sealed class DocumentReadTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private static string Content(string meeting, string document) => $"/api/meetings/{meeting}/documents/{document}/content";

    [Fact]
    public async Task Each_key_lists_and_reads_only_what_it_may()
    {
        var (invitedId, invited) = await app.Department(_admin); // made before publishing: invited
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        var topic = (await invited.Proposed(meeting, TopicData.Topic("Unser Thema"))).Id();
        var forInvitees = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Tagesordnung" })).Id();
        var forOffice = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Vermerk", audience = "office" })).Id();
        var ofTopic = (await invited.Uploaded(meeting, DocumentData.Pdf(), new { title = "Projektstand", topicId = topic, audience = "office" })).Id();
        var partner = await PartnerWithSpeaker(meeting); // its speaker is proposed, not invited
        var ofSpeaker = (await partner.Client.Uploaded(meeting, DocumentData.Pdf(), new { title = "Folien", speakerId = partner.Speaker })).Id();

        var all = await (await _admin.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK);
        var department = await (await invited.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK);
        var ofPartner = await (await partner.Client.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK);

        Assert.Equal(["Folien", "Projektstand", "Tagesordnung", "Vermerk"], all.Titles());
        Assert.Equal(["Folien", "Projektstand", "Tagesordnung"], department.Titles()); // invited: the invitees' documents, and its own
        Assert.Equal(["Folien"], ofPartner.Titles()); // no speaker of its city is invited: only its own
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync(Content(meeting, forInvitees))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync(Content(meeting, ofTopic))).StatusCode);
        await (await invited.GetAsync(Content(meeting, forOffice))).Problem(HttpStatusCode.NotFound);
        await (await partner.Client.GetAsync(Content(meeting, forInvitees))).Problem(HttpStatusCode.NotFound);
        await (await partner.Client.GetAsync(Content(meeting, ofTopic))).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await partner.Client.GetAsync(Content(meeting, ofSpeaker))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync(Content(meeting, ofSpeaker))).StatusCode);
    }

    [Fact]
    public async Task A_department_that_was_not_invited_reads_only_its_own_and_may_not_replace_the_offices()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        var (departmentId, late) = await app.Department(_admin);
        var invitations = await _admin.Invitations(meeting);
        var invited = invitations.Any(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        var forInvitees = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Tagesordnung" })).Id();

        var list = await (await late.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK);
        var replace = await late.PutAsync(Content(meeting, forInvitees), DocumentData.Form(DocumentData.Pdf(), "neu.pdf"));
        var withdraw = await late.DeleteAsync($"/api/meetings/{meeting}/documents/{forInvitees}");

        if (invited)
        {
            Assert.Equal(["Tagesordnung"], list.Titles());
            await replace.Problem(HttpStatusCode.Forbidden);
            await withdraw.Problem(HttpStatusCode.Forbidden);
        }
        else
        {
            Assert.Empty(list.Titles());
            await replace.Problem(HttpStatusCode.NotFound);
            await withdraw.Problem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_new_version_becomes_the_content_and_earlier_versions_stay_readable()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var first = DocumentData.Pdf(1000, (byte)'1');
        var second = DocumentData.Pdf(3000, (byte)'2');
        var document = (await _admin.Uploaded(meeting, first, new { title = "Präsentation" })).Id();

        var replaced = await (await _admin.PutAsync(Content(meeting, document), DocumentData.Form(second, "Präsentation v2.pdf"))).Json(HttpStatusCode.OK);
        var current = await _admin.GetByteArrayAsync(Content(meeting, document));
        var one = await _admin.GetByteArrayAsync($"/api/meetings/{meeting}/documents/{document}/versions/1/content");
        var two = await _admin.GetByteArrayAsync($"/api/meetings/{meeting}/documents/{document}/versions/2/content");
        var three = await _admin.GetAsync($"/api/meetings/{meeting}/documents/{document}/versions/3/content");
        var text = await _admin.PutAsync(Content(meeting, document), DocumentData.Form("kein pdf"u8.ToArray(), "x.pdf"));

        Assert.Equal((2, "Präsentation v2.pdf", 3000), (replaced.GetProperty("version").GetInt32(), replaced.Str("fileName"), replaced.GetProperty("size").GetInt32()));
        Assert.Equal(second, current);
        Assert.Equal(first, one);
        Assert.Equal(second, two);
        await three.Problem(HttpStatusCode.NotFound);
        await text.Problem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Range_etag_and_content_disposition_with_umlauts()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var bytes = DocumentData.Pdf(300_000);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = i < 9 ? bytes[i] : (byte)(i % 251);
        }

        var document = await _admin.Uploaded(meeting, bytes, new { title = "Größe" }, fileName: "Präsentation Größe.pdf");
        var url = Content(meeting, document.Id());

        var whole = await _admin.GetAsync(url);
        var across = await _admin.SendAsync(Get(url, r => r.Headers.Range = new RangeHeaderValue(262_140, 262_150))); // over the chunk boundary
        var tail = await _admin.SendAsync(Get(url, r => r.Headers.Range = new RangeHeaderValue(null, 10)));
        var beyond = await _admin.SendAsync(Get(url, r => r.Headers.Range = new RangeHeaderValue(400_000, null)));
        var notModified = await _admin.SendAsync(Get(url, r => r.Headers.IfNoneMatch.Add(whole.Headers.ETag!)));

        Assert.Equal($"\"{document.Str("sha256")}\"", whole.Headers.ETag?.Tag);
        Assert.Equal("bytes", string.Join(",", whole.Headers.AcceptRanges));
        var disposition = whole.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Präsentation Größe.pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''Pr%C3%A4sentation%20Gr%C3%B6%C3%9Fe.pdf", whole.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PartialContent, across.StatusCode);
        Assert.Equal("bytes 262140-262150/300000", across.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[262_140..262_151], await across.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes[^10..], await tail.Content.ReadAsByteArrayAsync());
        await beyond.Problem(HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal("bytes */300000", beyond.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_document_is_a_404_for_readers_and_the_audit_log_names_upload_version_and_withdrawal()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var document = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Entwurf" })).Id();
        await (await _admin.PutAsync(Content(meeting, document), DocumentData.Form(DocumentData.Pdf(500), "v2.pdf"))).Json(HttpStatusCode.OK);

        var withdrawn = await _admin.DeleteAsync($"/api/meetings/{meeting}/documents/{document}");
        var again = await _admin.DeleteAsync($"/api/meetings/{meeting}/documents/{document}");
        var content = await _admin.GetAsync(Content(meeting, document));
        var list = await (await _admin.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK);
        var audit = await (await _admin.GetAsync($"/api/audit?resourceType=document&resourceId={document}")).Json(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        await again.Problem(HttpStatusCode.NotFound);
        await content.Problem(HttpStatusCode.NotFound);
        Assert.Empty(list.Titles());
        Assert.Equal(["created", "updated", "updated"], audit.GetProperty("items").EnumerateArray().Select(e => e.Str("change")).Order(StringComparer.Ordinal));
    }

    private static HttpRequestMessage Get(string url, Action<HttpRequestMessage> with)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        with(request);
        return request;
    }

    private async Task<(HttpClient Client, string Speaker)> PartnerWithSpeaker(string meeting)
    {
        var city = await _admin.CreatePartnerCity();
        var (_, key) = await _admin.CreateKey("partner", cityId: city);
        var client = app.WithKey(key);
        return (client, await DocumentUploadTests.Speaker(client, meeting));
    }
}
