namespace Meetings.Infrastructure.Documents;

/// <summary>
/// A piece of a stored file (<see cref="DocumentBlobs"/>): the file's bytes from <c>Index × ChunkBytes</c> on. Every chunk of
/// a file but its last has exactly <see cref="DocumentBlobs.ChunkBytes"/> bytes, so a position finds its chunk by division.
/// </summary>
public sealed class DocumentChunk
{
    private DocumentChunk()
    {
        Bytes = [];
    }

    public DocumentChunk(Guid blobId, int index, byte[] bytes)
    {
        BlobId = blobId;
        Index = index;
        Bytes = bytes;
    }

    public Guid BlobId { get; private set; }
    public int Index { get; private set; }
    public byte[] Bytes { get; private set; }
}
