using Meetings.Domain.Documents;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// A stored document's download, declared once where the endpoint is mapped (<see cref="Files"/>): its responses and the
/// marker <see cref="ResponseConventions"/> reads for what follows from it (the <c>ETag</c> header, 304 as <c>3XX</c>).
/// A PDF made on request (invitation.pdf) is no stored document: it has no version to name.
/// </summary>
internal static class DocumentDownloads
{
    /// <summary>A download: 200 and 206 with the file's type, 304 for a matching <c>If-None-Match</c>, 416 for a range beyond the end.</summary>
    public static RouteHandlerBuilder Files(this RouteHandlerBuilder builder)
    {
        var types = ContentKinds.All;
        return builder.WithMetadata(DocumentDownloadMetadata.Instance)
            .Produces<Stream>(StatusCodes.Status200OK, types[0], [.. types.Skip(1)])
            .Produces<Stream>(StatusCodes.Status206PartialContent, types[0], [.. types.Skip(1)])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
    }

    /// <summary>Whether the endpoint is a stored document's download.</summary>
    public static bool IsDocumentDownload(IEnumerable<object> endpointMetadata) => endpointMetadata.OfType<DocumentDownloadMetadata>().Any();

    private sealed class DocumentDownloadMetadata
    {
        public static readonly DocumentDownloadMetadata Instance = new();
    }
}
