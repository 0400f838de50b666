using System.Globalization;
using System.Text.Json.Nodes;
using Meetings.Api.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// The answers every operation can give because of what it is, declared from its metadata, so that no endpoint can
/// forget one: 400 where input is parsed (ids, query values, headers, bodies), 401 and 403 where a key is needed,
/// 409 on writes (a concurrent change; an idempotent request still running), 412 where <c>If-Match</c> is honoured,
/// 413 and 415 where a body is read, 422 where <c>Idempotency-Key</c> is honoured, 429 on rate-limited routes,
/// 500 and 503 everywhere. What an operation answers because of its resource (404, 409 for a state) the endpoint
/// declares itself. Also the response headers: <c>Location</c> on 201, <c>ETag</c> on versioned resources,
/// <c>Retry-After</c> on 429 and 503, <c>Content-Disposition</c> on calendar files, <c>Idempotent-Replayed</c>.
/// </summary>
internal sealed class ResponseConventions : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [200] = "OK.",
        [201] = "Created; `Location` names the new resource.",
        [204] = "Done; no content.",
        [400] = "The input is malformed or invalid: an id, a query value, a header or the body. `errors` names the fields.",
        [401] = "No key, or an unknown or revoked one (`X-Api-Key`).",
        [403] = "The key's role or scope does not allow this.",
        [404] = "Not found; also a resource outside the key's scope, whose existence is not revealed.",
        [409] = "The current state does not allow this, or someone changed the resource at the same time (reload and try again).",
        [412] = "`If-Match` does not match the current ETag: the resource has changed since it was read.",
        [413] = "The request body is larger than 1 MiB.",
        [415] = "The body's `Content-Type` is not the one this operation reads.",
        [416] = "The range starts beyond the file's end; `Content-Range` names the file's size.",
        [422] = "The `Idempotency-Key` was used for a different request.",
        [429] = "Too many requests from this client; retry after `Retry-After` seconds.",
        [500] = "An unexpected error; the problem's `traceId` identifies it in the service's log.",
        [503] = "The database is unavailable for the moment (a restart, a network fault); retry after `Retry-After` seconds.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        var responses = operation.Responses;
        var parameters = operation.Parameters ?? [];
        var idempotent = metadata.OfType<IdempotentAttribute>().Any();
        var download = DocumentDownloads.IsDocumentDownload(metadata);

        if (parameters.Count > 0 || operation.RequestBody is not null)
        {
            Problem(responses, context, 400, validation: true);
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            Problem(responses, context, 401);
            Problem(responses, context, 403);
        }

        if (!string.Equals(description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
        {
            Problem(responses, context, 409);
        }

        if (parameters.Any(p => p is { In: ParameterLocation.Header, Name: "If-Match" }))
        {
            Problem(responses, context, 412);
        }

        if (operation.RequestBody is not null)
        {
            Problem(responses, context, 413);
            Problem(responses, context, 415);
        }

        if (idempotent)
        {
            Problem(responses, context, 422);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Problem(responses, context, 429).Headers![HeaderNames.RetryAfter] = RetryAfter();
        }

        Problem(responses, context, 500);
        Problem(responses, context, 503).Headers![HeaderNames.RetryAfter] = RetryAfter();

        foreach (var (code, response) in responses.Where(r => r.Key.StartsWith('2')).Select(r => (r.Key, r.Value)).ToList())
        {
            if (response is OpenApiResponse success)
            {
                DescribeSuccess(success, int.Parse(code, CultureInfo.InvariantCulture), context, idempotent, download);
            }
        }

        foreach (var response in responses)
        {
            if (response.Value is OpenApiResponse r && int.TryParse(response.Key, CultureInfo.InvariantCulture, out var status)
                && Descriptions.TryGetValue(status, out var text) && (string.IsNullOrEmpty(r.Description) || r.Description == ReasonPhrase(status)))
            {
                r.Description = text;
            }
        }

        if (responses.Remove("304", out var notModified) && download)
        {
            // A declared "304" makes Kiota generate a download without a stream (it reads 304 as "no content"); the range says the same.
            responses["3XX"] = notModified;
            notModified.Description = "304 Not Modified: `If-None-Match` names the current `ETag`; no body.";
        }
        else if (notModified is not null)
        {
            responses["304"] = notModified;
        }

        var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (code, response) in ordered)
        {
            responses[code] = response;
        }
    }

    private static void DescribeSuccess(OpenApiResponse response, int status, OperationFilterContext context, bool idempotent, bool download)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        if (status == StatusCodes.Status201Created)
        {
            response.Headers[HeaderNames.Location] = Header("The path of the new resource.", "/api/cities/01970000-0000-7000-8000-000000000002");
        }

        var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(t => t.StatusCode == status)?.Type;
        if (type is not null && typeof(IVersionedResponse).IsAssignableFrom(type))
        {
            response.Headers[HeaderNames.ETag] = Header("The version of the resource; send it as `If-Match` with a write.", "\"1\"");
        }

        if (response.Content?.ContainsKey("text/calendar") == true)
        {
            response.Headers[HeaderNames.ContentDisposition] = Header("The file name the calendar program shows.", "inline; filename=\"meeting.ics\"");
        }

        if (response.Content?.ContainsKey(Domain.Documents.ContentKinds.Pdf) == true)
        {
            response.Headers[HeaderNames.ContentDisposition] = Header(
                "`attachment` with the file name, also as RFC 6266 `filename*` (UTF-8).", "attachment; filename=Praesentation.pdf; filename*=UTF-8''Pr%C3%A4sentation.pdf");
            if (download)
            {
                // A stored document's download (a PDF made on request, such as invitation.pdf, has no version to name).
                response.Headers[HeaderNames.ETag] = Header("The SHA-256 of the content; send it as `If-None-Match` to get a 304 while it is unchanged.", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"");
            }

            if (status == StatusCodes.Status206PartialContent)
            {
                response.Headers[HeaderNames.ContentRange] = Header("The part sent and the whole size.", "bytes 0-1023/52431");
            }
        }

        if (idempotent)
        {
            response.Headers["Idempotent-Replayed"] = new OpenApiHeader
            {
                Description = "`true` when this is the kept answer of an earlier request with the same `Idempotency-Key`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
            };
        }

        if (response.Headers.Count == 0)
        {
            response.Headers = null;
        }
    }

    private static OpenApiResponse Problem(OpenApiResponses responses, OperationFilterContext context, int status, bool validation = false)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (responses.TryGetValue(code, out var existing) && existing is OpenApiResponse declared)
        {
            declared.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            return declared;
        }

        var schema = context.SchemaGenerator.GenerateSchema(validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context.SchemaRepository);
        var response = new OpenApiResponse
        {
            Description = Descriptions[status],
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemJson] = new() { Schema = schema } },
            Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal),
        };
        responses[code] = response;
        return response;
    }

    private static OpenApiHeader RetryAfter() => new()
    {
        Description = "Seconds to wait before trying again.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$" },
        Example = JsonValue.Create("5"),
    };

    private static OpenApiHeader Header(string description, string example) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(example),
    };

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
