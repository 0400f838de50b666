using System.Net;
using System.Security.Cryptography;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Topics;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Documents;

public sealed class DocumentUploadTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private async Task<string> Meeting() => await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

    private Task<int> Chunks() => app.Db(db => db.Set<global::Meetings.Infrastructure.Documents.DocumentChunk>().CountAsync());

    [Theory]
    [MemberData(nameof(DocumentData.Types), MemberType = typeof(DocumentData))]
    public async Task Each_accepted_type_is_judged_by_its_content_and_comes_back_byte_for_byte(string extension, string contentType)
    {
        var meeting = await Meeting();
        var bytes = DocumentData.OfType(extension);

        // The name says nothing and the part's Content-Type lies: the content decides.
        var document = await _admin.Uploaded(meeting, bytes, new { title = $"Unterlage {extension}" }, fileName: "unterlage.bin");
        var download = await _admin.GetAsync($"/api/meetings/{meeting}/documents/{document.Id()}/content");

        Assert.Equal((contentType, bytes.Length, 1), (document.Str("contentType"), document.GetProperty("size").GetInt32(), document.GetProperty("version").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.Str("sha256"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_text_file_named_pdf_is_a_415_and_nothing_is_stored()
    {
        var meeting = await Meeting();
        var before = await Chunks();

        var response = await _admin.Upload(meeting, "Nur Text, kein PDF.\n"u8.ToArray(), "Protokoll.pdf");

        await response.Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await Chunks());
        Assert.Equal(0, (await (await _admin.GetAsync($"/api/meetings/{meeting}/documents")).Json(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_file_over_documents_max_bytes_is_a_413_and_nothing_is_stored()
    {
        var meeting = await Meeting();
        var before = await Chunks();

        var response = await _admin.Upload(meeting, DocumentData.Pdf(DocumentsApp.MaxBytes + 1));
        var exactly = await _admin.Uploaded(meeting, DocumentData.Pdf(DocumentsApp.MaxBytes));

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(DocumentsApp.MaxBytes, exactly.GetProperty("size").GetInt32());
        Assert.Equal(before + 3, await Chunks()); // only the one that fits: 600 000 bytes in three chunks of 256 KiB
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_a_415_and_a_form_without_file_or_title_a_400()
    {
        var meeting = await Meeting();

        var json = await _admin.PostJson($"/api/meetings/{meeting}/documents", new { title = "x" });
        var noFile = new MultipartFormDataContent { { new StringContent("Titel"), "title" } };
        var withoutFile = await _admin.PostAsync($"/api/meetings/{meeting}/documents", noFile);
        var withoutTitle = await _admin.Upload(meeting, DocumentData.Pdf(), fields: new { audience = "everyone", topicId = "nope" });

        await json.Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.True((await withoutFile.ValidationErrors()).TryGetProperty("file", out _));
        var errors = await withoutTitle.ValidationErrors();
        Assert.True(errors.TryGetProperty("audience", out _));
        Assert.True(errors.TryGetProperty("topicId", out _));
    }

    [Fact]
    public async Task An_item_topic_or_speaker_of_another_meeting_is_a_400()
    {
        var meeting = await Meeting();
        var other = await Meeting();
        var item = (await (await _admin.PostJson($"/api/meetings/{other}/agenda", new { title = "Begrüßung", kind = "discussion", durationMinutes = 10 })).Json(HttpStatusCode.Created)).Id();

        var response = await _admin.Upload(meeting, DocumentData.Pdf(), fields: new { title = "Unterlage", agendaItemId = item });

        Assert.True((await response.ValidationErrors()).TryGetProperty("agendaItemId", out _));
    }

    [Fact]
    public async Task A_department_uploads_for_its_own_topic_only()
    {
        var meeting = await Meeting();
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        var (_, ours) = await app.Department(_admin);
        var (_, theirs) = await app.Department(_admin);
        var own = (await ours.Proposed(meeting, TopicData.Topic("Unser Thema"))).Id();
        var foreign = (await theirs.Proposed(meeting, TopicData.Topic("Deren Thema"))).Id();

        var document = await ours.Uploaded(meeting, DocumentData.Pdf(), new { title = "Projektstand", topicId = own });
        var forForeign = await ours.Upload(meeting, DocumentData.Pdf(), fields: new { title = "Fremd", topicId = foreign });
        var withoutTopic = await ours.Upload(meeting, DocumentData.Pdf(), fields: new { title = "Ohne Thema" });

        Assert.Equal(own, document.Str("topicId"));
        await forForeign.Problem(HttpStatusCode.Forbidden);
        await withoutTopic.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_partner_uploads_for_its_own_speaker_only()
    {
        var meeting = await Meeting();
        var (city, partner) = await Partner();
        var (_, otherPartner) = await Partner();
        var speaker = await Speaker(partner, meeting);
        var foreign = await Speaker(otherPartner, meeting);

        var document = await partner.Uploaded(meeting, DocumentData.Pdf(), new { title = "Folien München", speakerId = speaker });
        var forForeign = await partner.Upload(meeting, DocumentData.Pdf(), fields: new { title = "Fremd", speakerId = foreign });
        var withoutSpeaker = await partner.Upload(meeting, DocumentData.Pdf(), fields: new { title = "Ohne" });

        Assert.Equal(speaker, document.Str("speakerId"));
        Assert.NotEmpty(city);
        await forForeign.Problem(HttpStatusCode.Forbidden);
        await withoutSpeaker.Problem(HttpStatusCode.Forbidden);
    }

    internal async Task<(string City, HttpClient Partner)> Partner()
    {
        var city = await _admin.CreatePartnerCity();
        var (_, key) = await _admin.CreateKey("partner", cityId: city);
        return (city, app.WithKey(key));
    }

    internal static async Task<string> Speaker(HttpClient partner, string meeting) =>
        (await (await partner.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            name = "Dr. Anna Huber",
            title = "IT-Direktorin",
            organization = "Landeshauptstadt München",
            email = $"{Guid.NewGuid():N}@muenchen.example",
            talkTitle = "Die E-Akte in München",
            requestedMinutes = 30,
        })).Json(HttpStatusCode.Created)).Id();
}
