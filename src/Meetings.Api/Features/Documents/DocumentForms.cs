using System.Text;
using Meetings.Domain.Common;
using Meetings.Domain.Documents;
using Meetings.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Meetings.Api.Features.Documents;

/// <summary>An upload as it came: the form's text fields and the file, already stored (<see cref="Blob"/>).</summary>
public sealed record DocumentForm(IReadOnlyDictionary<string, string> Fields, string? FileName, StoredBlob Blob)
{
    /// <summary>The fields as the domain takes them; a malformed id or audience is a 400 naming the field.</summary>
    public DocumentInput ToInput()
    {
        var errors = new ValidationErrors();
        var audience = Fields.GetValueOrDefault("audience") is { } a
            ? Enum.TryParse<DocumentAudience>(a, ignoreCase: true, out var parsed) && !a.Any(char.IsDigit)
                ? parsed
                : Invalid<DocumentAudience>(errors, "audience", "must be invitees or office.")
            : (DocumentAudience?)null;
        var input = new DocumentInput(Fields.GetValueOrDefault("title"), audience, Id(errors, "agendaItemId"), Id(errors, "topicId"), Id(errors, "speakerId"));
        errors.ThrowIfAny();
        return input;
    }

    private Guid? Id(ValidationErrors errors, string field) =>
        Fields.GetValueOrDefault(field) is not { Length: > 0 } text ? null
        : Guid.TryParse(text, out var id) ? id
        : Invalid<Guid>(errors, field, "must be an id (a UUID).");

    private static T? Invalid<T>(ValidationErrors errors, string field, string message)
        where T : struct
    {
        errors.Add(field, message);
        return null;
    }
}

/// <summary>The content is none of the types a document may have (415).</summary>
public sealed class UnsupportedDocumentTypeException()
    : Exception("The file is not a PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG or JPEG (judged by its content, not its name).");

/// <summary>
/// Reads a document upload (<c>multipart/form-data</c>) straight from the request body with <see cref="MultipartReader"/>,
/// never as a buffered form: the text fields (small, at most <see cref="FieldMaxChars"/> characters each) are kept, the
/// part named <c>file</c> is stored while it is read (<see cref="DocumentBlobs.WriteAsync"/>). The request may be as large
/// as <c>Documents:MaxBytes</c> plus <see cref="FieldsAllowance"/> (the service's general limit is 1 MiB).
/// </summary>
internal sealed class DocumentForms(DocumentBlobs blobs, IOptions<DocumentsOptions> options)
{
    /// <summary>Room for the form's fields and part headers beside the file.</summary>
    public const long FieldsAllowance = 64 * 1024;

    public const int FieldMaxChars = 4000;

    private static readonly string[] Known = ["title", "audience", "agendaItemId", "topicId", "speakerId"];

    /// <summary>Whether the request is a document upload, which may be larger than the service's general limit.</summary>
    public static bool IsUpload(HttpRequest request)
    {
        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        return segments is ["api", "meetings", _, "documents"] ? HttpMethods.IsPost(request.Method)
            : segments is ["api", "meetings", _, "documents", _, "content"] && HttpMethods.IsPut(request.Method);
    }

    /// <summary>The upload's fields and its stored file; the caller deletes <see cref="DocumentForm.Blob"/> when it refuses the upload.</summary>
    public async Task<DocumentForm> ReadAsync(HttpRequest request, bool withFields, CancellationToken ct)
    {
        var max = options.Value.MaxBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + FieldsAllowance;
        }

        if (request.ContentLength > max + FieldsAllowance)
        {
            throw new DocumentTooLargeException(max);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new UnsupportedFormException();
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        StoredBlob? blob = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    await section.Body.CopyToAsync(Stream.Null, ct);
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (string.Equals(name, "file", StringComparison.Ordinal) && disposition.IsFileDisposition() && blob is null)
                {
                    fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    blob = await blobs.WriteAsync(section.Body, max, ct);
                }
                else if (withFields && Known.Contains(name, StringComparer.Ordinal))
                {
                    fields[name] = await FieldAsync(name, section.Body, ct);
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, ct);
                }
            }
        }
        catch
        {
            if (blob is not null)
            {
                await blobs.DeleteAsync(blob.BlobId, CancellationToken.None);
            }

            throw;
        }

        return blob is null
            ? throw DomainValidationException.For("file", "is required: the document's file as the form part named file.")
            : new DocumentForm(fields, fileName, blob);
    }

    private static async Task<string> FieldAsync(string name, Stream body, CancellationToken ct)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var buffer = new char[FieldMaxChars + 1];
        var read = await text.ReadBlockAsync(buffer, ct);
        if (read > FieldMaxChars)
        {
            throw DomainValidationException.For(name, $"is longer than {FieldMaxChars} characters.");
        }

        return new string(buffer, 0, read);
    }
}

/// <summary>The body is not <c>multipart/form-data</c> with a boundary (415).</summary>
public sealed class UnsupportedFormException() : Exception("Send the document as multipart/form-data (a part named file, and the fields).");
