using Meetings.Domain.Common;

namespace Meetings.Domain.Documents;

/// <summary>One version of a document's content: what was uploaded, by whom and when, and where its bytes are (<see cref="BlobId"/>).</summary>
public sealed class DocumentVersion
{
    public const int ContentTypeMaxLength = 100;
    public const int Sha256Length = 64;

    private DocumentVersion()
    {
        FileName = ContentType = Sha256 = UploadedBy = string.Empty;
    }

    public Guid DocumentId { get; private set; }
    public int Number { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Size { get; private set; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public string Sha256 { get; private set; }

    public string UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The stored bytes (the storage's own id: chunks in the database).</summary>
    public Guid BlobId { get; private set; }

    internal static DocumentVersion Create(Guid documentId, int number, StoredContent content, string uploadedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!ContentKinds.All.Contains(content.ContentType))
        {
            throw DomainValidationException.For("file", "is not a type a document may have.");
        }

        return new DocumentVersion
        {
            DocumentId = documentId,
            Number = number,
            FileName = DocumentFileName.Clean(content.FileName),
            ContentType = content.ContentType,
            Size = content.Size,
            Sha256 = content.Sha256,
            UploadedBy = uploadedBy.Length > Document.UploaderMaxLength ? uploadedBy[..Document.UploaderMaxLength] : uploadedBy,
            UploadedAt = now,
            BlobId = content.BlobId,
        };
    }
}
