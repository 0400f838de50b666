using System.Text.Json.Nodes;
using Meetings.Api.Idempotency;
using Meetings.Infrastructure.Idempotency;
using Meetings.Infrastructure.Seed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// What a request needs, as the endpoints' metadata says: no key on anonymous operations (<c>security: []</c>
/// overrides the document's key requirement), the <c>If-Match</c> and <c>Idempotency-Key</c> headers where they
/// are honoured, and ids of the demo data as examples of the ids in paths and of the series filter.
/// </summary>
internal sealed class RequestConventions : IOperationFilter
{
    private static readonly Dictionary<string, Guid> PathIdExamples = new(StringComparer.Ordinal)
    {
        ["/api/series/{id}"] = DemoData.SeriesId,
        ["/api/cities/{id}"] = DemoData.MunichId,
        ["/api/departments/{id}"] = DemoData.DepartmentId("12"),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter is { In: ParameterLocation.Header, Name: "If-Match" })
            {
                parameter.Description = "The ETag of the version you read. A write on a version that has changed since is refused "
                                        + "with 412; without If-Match the write goes through.";
                parameter.Example = JsonValue.Create("\"1\"");
            }

            var template = "/" + context.ApiDescription.RelativePath;
            if (parameter is { In: ParameterLocation.Path, Name: "id" }
                && PathIdExamples.FirstOrDefault(p => template.StartsWith(p.Key, StringComparison.Ordinal)) is { Key: not null } example)
            {
                parameter.Example = JsonValue.Create(example.Value.ToString());
            }

            if (parameter is { In: ParameterLocation.Query, Name: "seriesId" })
            {
                parameter.Example = JsonValue.Create(DemoData.SeriesId.ToString());
            }
        }

        if (metadata.OfType<IdempotentAttribute>().Any())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Description = "A key of your choice (at most 200 characters) that makes a retry safe: the same key with the same body "
                              + "returns the first answer again (with Idempotent-Replayed: true) and creates nothing new; the same key "
                              + "with another body is a 422, a retry while the first request still runs a 409. Kept for 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecord.KeyMaxLength },
                Example = JsonValue.Create("01970000-2d1e-7c3a-9b1f-5a7e0c4d2b10"),
            });
        }
    }
}
