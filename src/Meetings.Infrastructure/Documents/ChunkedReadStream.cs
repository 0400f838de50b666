using Meetings.Infrastructure.Persistence;

namespace Meetings.Infrastructure.Documents;

/// <summary>
/// A blob read back: seekable (a <c>Range</c> request seeks to its chunk), reading the chunk at the position through the
/// scope's context's connection (opened for the stream's life, <see cref="ChunkSource"/>), straight into the caller's
/// buffer on SQLite and through one pooled chunk buffer on PostgreSQL: nothing is allocated per chunk.
/// </summary>
internal sealed class ChunkedReadStream(MeetingsDbContext db, Guid blobId, long length) : Stream
{
    private ChunkSource? _source;
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

        _source ??= ChunkSource.Open(db, blobId);
        return Advance(_source.Read(IndexAt(_position), OffsetAt(_position), Limit(buffer)));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        _source ??= await ChunkSource.OpenAsync(db, blobId, cancellationToken);
        return Advance(await _source.ReadAsync(IndexAt(_position), OffsetAt(_position), Limit(buffer), cancellationToken));
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source?.Dispose();
            _source = null;
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_source is { } source)
        {
            _source = null;
            await source.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private static int IndexAt(long position) => (int)(position / DocumentBlobs.ChunkBytes);

    private static int OffsetAt(long position) => (int)(position % DocumentBlobs.ChunkBytes);

    /// <summary>At most to the end of the blob and of the chunk at the position.</summary>
    private Memory<byte> Limit(Memory<byte> buffer) =>
        buffer[..(int)Math.Min(Math.Min(buffer.Length, DocumentBlobs.ChunkBytes - OffsetAt(_position)), length - _position)];

    private Span<byte> Limit(Span<byte> buffer) =>
        buffer[..(int)Math.Min(Math.Min(buffer.Length, DocumentBlobs.ChunkBytes - OffsetAt(_position)), length - _position)];

    private int Advance(int read)
    {
        if (read <= 0)
        {
            throw new IOException($"Blob {blobId} is shorter than its {length} bytes.");
        }

        _position += read;
        return read;
    }
}
