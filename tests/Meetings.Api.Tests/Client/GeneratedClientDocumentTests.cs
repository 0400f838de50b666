using Meetings.Api.Tests.Infrastructure;
using Meetings.Client;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Meetings.Api.Tests.Client;

/// <summary>A document up and down through the generated client: the multipart body and the binary answer as the document declares them.</summary>
public sealed class GeneratedClientDocumentTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Fact]
    public async Task An_integration_uploads_a_document_and_downloads_it_through_the_generated_client()
    {
        var admin = app.Admin();
        var meetingId = Guid.Parse(await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30)));
        var http = KiotaClientFactory.Create(finalHandler: app.CheckedHandler());
        var office = new MeetingsClient(new HttpClientRequestAdapter(new MeetingsApiKey(MeetingsApp.AdminKey), httpClient: http) { BaseUrl = "http://localhost" });
        var bytes = Documents.DocumentData.Pdf(70_000);
        var body = new MultipartBody();
        body.AddOrReplacePart("title", "text/plain", "Projektstand E-Akte");
        body.AddOrReplacePart("audience", "text/plain", "invitees");
        body.AddOrReplacePart<Stream>("file", "application/octet-stream", new MemoryStream(bytes), "Projektstand Größe.pdf");

        var document = await office.Api.Meetings[meetingId].Documents.PostAsync(body);
        await using var content = await office.Api.Meetings[meetingId].Documents[document!.Id!.Value].Content.GetAsync();
        using var copy = new MemoryStream();
        await content!.CopyToAsync(copy);
        var list = await office.Api.Meetings[meetingId].Documents.GetAsync();

        Assert.Equal(("application/pdf", "Projektstand Größe.pdf", 70_000L), (document.ContentType, document.FileName, document.Size));
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(document.Id, Assert.Single(list!.Items!).Id);
    }
}
