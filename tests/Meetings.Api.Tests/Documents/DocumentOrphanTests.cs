using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Documents;

/// <summary>Chunks that an upload killed midway leaves (no document version names them) go with the hourly job once an hour old.</summary>
public sealed class DocumentOrphanTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private Task<int> Chunks(Guid blobId) => app.Db(db => db.Set<DocumentChunk>().CountAsync(c => c.BlobId == blobId));

    [Fact]
    public async Task The_job_deletes_unnamed_chunks_older_than_an_hour_and_keeps_younger_ones_and_every_named_blob()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var bytes = DocumentData.Pdf(300_000); // two chunks
        var document = await _admin.Uploaded(meeting, bytes, new { title = "Bleibt" });
        var named = await app.Db(db => db.Documents.Where(d => d.Id == Guid.Parse(document.Id()))
            .SelectMany(d => d.Versions).Select(v => v.BlobId).SingleAsync());

        // The service's clock three hours after the named blob was begun (its v7 id holds the real time).
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddHours(3));
        var old = Guid.CreateVersion7(app.Clock.GetUtcNow().AddHours(-2));
        var young = Guid.CreateVersion7(app.Clock.GetUtcNow().AddMinutes(-10));
        await app.Db(async db =>
        {
            foreach (var blobId in new[] { old, young })
            {
                db.AddRange(new DocumentChunk(blobId, 0, new byte[DocumentBlobs.ChunkBytes]), new DocumentChunk(blobId, 1, [1, 2, 3]));
            }

            return await db.SaveChangesAsync();
        });

        int deleted;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            deleted = await scope.ServiceProvider.GetRequiredService<MaintenanceJobs>().PurgeOrphanChunks(CancellationToken.None);
        }

        Assert.Equal(1, deleted);
        Assert.Equal((0, 2, 2), (await Chunks(old), await Chunks(young), await Chunks(named)));
        var download = await _admin.GetAsync($"/api/meetings/{meeting}/documents/{document.Id()}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }
}
