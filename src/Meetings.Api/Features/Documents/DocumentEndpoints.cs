using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Meetings.Domain.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Meetings.Api.Features.Documents;

/// <summary>/api/meetings/{id}/documents and the documents behind a personal link: the meeting's documents (Sitzungsunterlagen).</summary>
internal static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/meetings/{id}/documents").WithTags("Documents").RequireAuthorization(Policies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapPost("/", Upload).WithName(nameof(UploadDocument)).WithMetadata(new MultipartBodyMetadata(typeof(DocumentUploadForm))).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        documents.MapGet("/", List).WithName(nameof(ListDocuments)).ProducesValidationProblem();
        documents.MapGet("/{docId}/content", Content).WithName(nameof(GetDocumentContent)).Files();
        documents.MapPut("/{docId}/content", Replace).WithName(nameof(ReplaceDocumentContent)).WithMetadata(new MultipartBodyMetadata(typeof(DocumentFileForm))).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        documents.MapGet("/{docId}/versions/{n:int}/content", VersionContent).WithName(nameof(GetDocumentVersionContent)).Files();
        documents.MapDelete("/{docId}", Withdraw).WithName(nameof(WithdrawDocument)).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/rsvp/{token}/documents", ListByLink).WithName(nameof(ListDocumentsByLink)).WithTags("Documents").AllowAnonymous()
            .WithPersonalLinkLimits().NoStore().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGet("/rsvp/{token}/documents/{docId}", ContentByLink).WithName(nameof(GetDocumentByLink)).WithTags("Documents").AllowAnonymous()
            .WithPersonalLinkLimits().NoStore().Files().ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>Adds a document to the meeting (<c>multipart/form-data</c>: <c>file</c>, <c>title</c>, and optionally <c>agendaItemId</c>, <c>topicId</c>, <c>speakerId</c>, <c>audience</c>).</summary>
    /// <remarks>
    /// The office for anything; a department key for its own topic (<c>topicId</c>); a partner key for its own speaker
    /// (<c>speakerId</c>); 403 otherwise. At most <c>Documents:MaxBytes</c> (default 25 MiB; 413 above, and nothing is kept).
    /// The type is judged by the content, never by the name or the part's <c>Content-Type</c>: PDF, DOCX, XLSX, PPTX, ODT,
    /// ODS, ODP, PNG, JPEG (415 otherwise, also for a text file named <c>.pdf</c>). The file name is kept without path or
    /// control characters. <c>audience</c>: <c>invitees</c> (default: every invitee and their link reads it) or <c>office</c>.
    /// </remarks>
    private static async Task<Created<DocumentResponse>> Upload(
        IMediator mediator, HttpRequest request, DocumentForms forms, MeetingsDbContext db, Caller caller, Guid id, CancellationToken ct)
    {
        await db.EnsureMeetingVisibleAsync(caller, id, ct); // before the body is read
        var form = await forms.ReadAsync(request, withFields: true, ct);
        var document = await mediator.Send(new UploadDocument(id, form), ct);
        return TypedResults.Created($"/api/meetings/{id}/documents/{document.Id}/content", document);
    }

    /// <summary>The meeting's documents that the caller may read, in agenda order.</summary>
    /// <remarks>The office all; a department key its own topics' documents and, when it was invited, every document of audience
    /// <c>invitees</c>; a partner key its own speakers' and, when one of its speakers was invited, those of audience <c>invitees</c>.
    /// Withdrawn documents are not listed.</remarks>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<DocumentResponse>>> List(IMediator mediator, Guid id, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDocuments(id, PageRequest.From(skip, take)), ct));

    /// <summary>The document's current content, as a download.</summary>
    /// <remarks><c>Content-Disposition: attachment</c> with the file name (RFC 6266 <c>filename*</c>); <c>ETag</c> is the SHA-256
    /// (<c>If-None-Match</c> → 304); <c>Range</c> → 206, or 416 beyond the end. A document the caller may not read is a 404.</remarks>
    private static async Task<DocumentFileResult> Content(IMediator mediator, HttpRequest request, Guid id, Guid docId, CancellationToken ct) =>
        File(request, await mediator.Send(new GetDocumentContent(id, docId), ct));

    /// <summary>An earlier (or the current) version's content, numbered from 1; as the current content otherwise.</summary>
    private static async Task<DocumentFileResult> VersionContent(IMediator mediator, HttpRequest request, Guid id, Guid docId, int n, CancellationToken ct) =>
        File(request, await mediator.Send(new GetDocumentVersionContent(id, docId, n), ct));

    /// <summary>Stores a new version of the content (<c>multipart/form-data</c> with <c>file</c>); earlier versions stay readable.</summary>
    /// <remarks>Whoever may upload for the document's topic or speaker (the office, the department, the partner city); the same
    /// limits and types as the upload. A withdrawn document is a 404.</remarks>
    private static async Task<Ok<DocumentResponse>> Replace(
        IMediator mediator, HttpRequest request, DocumentForms forms, MeetingsDbContext db, Caller caller, Guid id, Guid docId, CancellationToken ct)
    {
        await db.EnsureMeetingVisibleAsync(caller, id, ct); // before the body is read
        var form = await forms.ReadAsync(request, withFields: false, ct);
        return TypedResults.Ok(await mediator.Send(new ReplaceDocumentContent(id, docId, form), ct));
    }

    /// <summary>Withdraws the document from the meeting: nobody reads it any more; it stays for the audit log.</summary>
    private static async Task<NoContent> Withdraw(IMediator mediator, Guid id, Guid docId, CancellationToken ct)
    {
        await mediator.Send(new WithdrawDocument(id, docId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Behind a personal link: the meeting's documents of audience <c>invitees</c>, with their download links.</summary>
    /// <remarks>No key needed: the invitee's or the delegate's link. An unknown link is a 404.</remarks>
    private static async Task<Ok<LinkDocumentsResponse>> ListByLink(IMediator mediator, string token, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDocumentsByLink(token), ct));

    /// <summary>A document through a personal link: only the link's meeting's documents of audience <c>invitees</c> (404 otherwise).</summary>
    private static async Task<DocumentFileResult> ContentByLink(IMediator mediator, HttpRequest request, string token, Guid docId, CancellationToken ct) =>
        File(request, await mediator.Send(new GetDocumentByLink(token, docId), ct));

    private static DocumentFileResult File(HttpRequest request, DocumentDownload download)
    {
        if (RangeBeyondEnd(request, download.Content.Length))
        {
            download.Content.Dispose();
            throw new RangeNotSatisfiableException(download.Content.Length);
        }

        return new DocumentFileResult(download.Content, download.ContentType, download.FileName, download.UploadedAt,
            new EntityTagHeaderValue($"\"{download.Sha256}\""));
    }

    /// <summary>
    /// A single byte range that starts beyond the end (or asks for the last 0 bytes): a 416 problem with <c>Content-Range:
    /// bytes */size</c>, as every error is a problem; satisfiable ranges are the file result's own (206).
    /// </summary>
    private static bool RangeBeyondEnd(HttpRequest request, long length) =>
        RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range)
        && string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
        && range.Ranges.Count == 1
        && range.Ranges.Single() is var only
        && (only.From is { } from ? from >= length : only.To == 0);
}

/// <summary>A byte range that starts beyond the file's end (416, with <c>Content-Range: bytes */size</c>).</summary>
public sealed class RangeNotSatisfiableException(long length) : Exception($"The range starts beyond the file's end; it has {length} bytes.")
{
    public long Length { get; } = length;
}

/// <summary>A new document, as <c>multipart/form-data</c> (the OpenAPI document's description of the form; the service reads it as a stream).</summary>
public sealed class DocumentUploadForm
{
    /// <summary>The file: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG or JPEG, at most <c>Documents:MaxBytes</c>.</summary>
    public required IFormFile File { get; init; }

    /// <example>Projektstand E-Akte</example>
    public required string Title { get; init; }

    public Guid? AgendaItemId { get; init; }

    /// <summary>The department's topic it belongs to (a department key must name its own).</summary>
    public Guid? TopicId { get; init; }

    /// <summary>The partner city's speaker it belongs to (a partner key must name its own).</summary>
    public Guid? SpeakerId { get; init; }

    /// <summary>Who reads it besides the office: <c>invitees</c> (default) or <c>office</c>.</summary>
    public DocumentAudience? Audience { get; init; }
}

/// <summary>A new version of a document's content, as <c>multipart/form-data</c>.</summary>
public sealed class DocumentFileForm
{
    /// <summary>The file: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG or JPEG, at most <c>Documents:MaxBytes</c>.</summary>
    public required IFormFile File { get; init; }
}
