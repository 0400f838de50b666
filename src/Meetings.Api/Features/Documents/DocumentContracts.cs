using Meetings.Domain.Documents;
using Meetings.Infrastructure.Documents;

namespace Meetings.Api.Features.Documents;

/// <summary>A document of a meeting, with its current version's facts.</summary>
/// <param name="FileName">The uploaded file's name, without path or control characters.</param>
/// <param name="ContentType">Judged by the content, not the name: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG or JPEG.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Hex SHA-256 of the content (also the content's <c>ETag</c>).</param>
/// <param name="Version">The current version's number (1 for the first upload); earlier ones are at <c>…/versions/{n}/content</c>.</param>
/// <param name="UploadedBy">Who uploaded the current version: the key's name, or the person signed in.</param>
public sealed record DocumentResponse(
    Guid Id, Guid MeetingId, string Title, string FileName, string ContentType, long Size, string Sha256, int Version,
    DocumentAudience Audience, Guid? AgendaItemId, Guid? TopicId, Guid? SpeakerId, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static DocumentResponse From(Document d)
    {
        var current = d.Current;
        return new(d.Id, d.MeetingId, d.Title, current.FileName, current.ContentType, current.Size, current.Sha256, current.Number,
            d.Audience, d.AgendaItemId, d.TopicId, d.SpeakerId, current.UploadedBy, current.UploadedAt);
    }
}

/// <summary>A document as a link holder sees it, with where to download it through the link.</summary>
/// <param name="Url">The download through the personal link: <c>/rsvp/{token}/documents/{id}</c>.</param>
public sealed record LinkDocumentResponse(
    Guid Id, string Title, string FileName, string ContentType, long Size, int Version, Guid? AgendaItemId, DateTimeOffset UploadedAt, string Url)
{
    public static LinkDocumentResponse From(ListedDocument d, string token) =>
        new(d.Id, d.Title, d.FileName, d.ContentType, d.Size, d.Version, d.AgendaItemId, d.UploadedAt, $"/rsvp/{Uri.EscapeDataString(token)}/documents/{d.Id}");
}

/// <summary>The documents of the link's meeting that its holder may read, in agenda order.</summary>
public sealed record LinkDocumentsResponse(Guid MeetingId, IReadOnlyList<LinkDocumentResponse> Items);

/// <summary>A file to send: its bytes as a seekable stream, its type and name, and its ETag (the SHA-256).</summary>
public sealed record DocumentDownload(Stream Content, string ContentType, string FileName, string Sha256, DateTimeOffset UploadedAt);
