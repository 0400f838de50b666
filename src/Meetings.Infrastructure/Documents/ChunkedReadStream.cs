using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Documents;

/// <summary>
/// A blob read back: seekable (a <c>Range</c> request seeks to its chunk), holding one chunk at a time, each fetched by its
/// key when the position reaches it.
/// </summary>
internal sealed class ChunkedReadStream(MeetingsDbContext db, Guid blobId, long length) : Stream
{
    private byte[] _chunk = [];
    private int _chunkIndex = -1;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var index = IndexAt(_position);
        if (index != _chunkIndex)
        {
            Loaded(index, Query(index).SingleOrDefault());
        }

        return CopyTo(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var index = IndexAt(_position);
        if (index != _chunkIndex)
        {
            Loaded(index, await Query(index).SingleOrDefaultAsync(cancellationToken));
        }

        return CopyTo(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static int IndexAt(long position) => (int)(position / DocumentBlobs.ChunkBytes);

    private IQueryable<byte[]> Query(int index) =>
        db.Set<DocumentChunk>().AsNoTracking().Where(c => c.BlobId == blobId && c.Index == index).Select(c => c.Bytes);

    private void Loaded(int index, byte[]? bytes)
    {
        _chunk = bytes ?? throw new IOException($"Chunk {index} of blob {blobId} is missing.");
        _chunkIndex = index;
    }

    private int CopyTo(Span<byte> buffer)
    {
        var offset = (int)(_position - ((long)_chunkIndex * DocumentBlobs.ChunkBytes));
        var count = (int)Math.Min(Math.Min(buffer.Length, _chunk.Length - offset), length - _position);
        if (count <= 0)
        {
            throw new IOException($"Blob {blobId} is shorter than its {length} bytes.");
        }

        _chunk.AsSpan(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
