using System.Security.Cryptography;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Documents;

/// <summary>What <see cref="DocumentBlobs.WriteAsync"/> stored: the blob's id, its size and its hex SHA-256.</summary>
public sealed record StoredBlob(Guid BlobId, long Size, string Sha256);

/// <summary>An upload over <c>Documents:MaxBytes</c> (a 413): nothing of it is stored.</summary>
public sealed class DocumentTooLargeException(long maxBytes)
    : Exception($"A document may have at most {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>
/// Documents' bytes where the data lives: in the database, as chunks of <see cref="ChunkBytes"/> (table
/// <c>DocumentChunks</c>), so one backup holds everything and every instance serves every document, on SQLite and on
/// PostgreSQL alike. Written while the upload is read (one chunk in memory, hashed and counted on the way) and read
/// chunk by chunk (<see cref="OpenRead"/>): memory per upload or download does not grow with the file.
/// </summary>
public sealed class DocumentBlobs(MeetingsDbContext db)
{
    /// <summary>How old a blob that no document version names must be before <see cref="DeleteOrphansAsync"/> takes it: an upload still running is younger.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    /// <summary>256 KiB: small enough to hold one per request, large enough that a 25 MiB file is 100 rows.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>
    /// Stores <paramref name="source"/> to its end as a new blob. Over <paramref name="maxBytes"/>: what was stored goes,
    /// the rest of the source is read and dropped (so that the client hears the answer), and
    /// <see cref="DocumentTooLargeException"/>. Any other failure removes the chunks too.
    /// </summary>
    public async Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blobId = Ids.New();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkBytes]; // reused: the provider has copied a chunk's bytes when its save returns
        long size = 0;
        var index = 0;
        try
        {
            while (true)
            {
                var read = await source.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, ct);
                if (read == 0)
                {
                    break;
                }

                size += read;
                if (size > maxBytes)
                {
                    await source.CopyToAsync(Stream.Null, ct);
                    throw new DocumentTooLargeException(maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                await SaveChunkAsync(new DocumentChunk(blobId, index++, read == ChunkBytes ? buffer : buffer[..read]), ct);
                if (read < ChunkBytes)
                {
                    break;
                }
            }
        }
        catch
        {
            await DeleteAsync(blobId, CancellationToken.None);
            throw;
        }

        return new StoredBlob(blobId, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>A seekable read stream over a blob of <paramref name="length"/> bytes, fetching one chunk at a time.</summary>
    public Stream OpenRead(Guid blobId, long length) => new ChunkedReadStream(db, blobId, length);

    /// <summary>Removes a blob's chunks (an upload that was refused after it was stored).</summary>
    public async Task DeleteAsync(Guid blobId, CancellationToken ct)
    {
        using var gate = await db.EnterWriteQueueAsync(ct);
        await db.Set<DocumentChunk>().Where(c => c.BlobId == blobId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Removes the chunks of blobs that no document version names and that were begun (the time in their v7 id) before
    /// <paramref name="begunBefore"/>: what an upload leaves when its process is killed midway. Returns how many blobs went.
    /// A blob of unknown age (not a v7 id) stays. Each is deleted only while still unnamed (checked in the delete itself).
    /// </summary>
    public async Task<int> DeleteOrphansAsync(DateTimeOffset begunBefore, CancellationToken ct)
    {
        var unnamed = await db.Set<DocumentChunk>().AsNoTracking().Where(c => !Named().Contains(c.BlobId))
            .Select(c => c.BlobId).Distinct().ToListAsync(ct);
        var deleted = 0;
        foreach (var blobId in unnamed.Where(id => Ids.CreatedAt(id) < begunBefore))
        {
            using var gate = await db.EnterWriteQueueAsync(ct);
            deleted += await db.Set<DocumentChunk>().Where(c => c.BlobId == blobId && !Named().Contains(c.BlobId)).ExecuteDeleteAsync(ct) > 0 ? 1 : 0;
        }

        return deleted;
    }

    private IQueryable<Guid> Named() => db.Documents.SelectMany(d => d.Versions).Select(v => v.BlobId);

    private async Task SaveChunkAsync(DocumentChunk chunk, CancellationToken ct)
    {
        db.Add(chunk);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Entry(chunk).State = EntityState.Detached;
        }
    }
}
