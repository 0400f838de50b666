using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// The health endpoints in the document (health checks are not route handlers, so the API explorer does not see them):
/// no key, JSON <see cref="HealthResponse"/> with 200 while healthy or degraded and 503 when unhealthy; like every
/// request, one that announces a body over 1 MiB is refused with 413.
/// </summary>
internal sealed class HealthOperations : IDocumentFilter
{
    public const string Tag = "Health";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schema = context.SchemaGenerator.GenerateSchema(typeof(HealthResponse), context.SchemaRepository);
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        document.Paths["/health/live"] = Path("GetLiveness", "Whether the process answers (no checks).", schema, problem, document);
        document.Paths["/health/ready"] = Path(
            "GetReadiness", "Whether the service can serve requests: the database is reachable and migrated, the job storage answers.",
            schema, problem, document);
    }

    private static OpenApiPathItem Path(string operationId, string summary, IOpenApiSchema schema, IOpenApiSchema problem, OpenApiDocument document) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = operationId,
                Summary = summary,
                Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                Security = [],
                Responses = new OpenApiResponses
                {
                    ["200"] = Answer("Healthy or degraded.", "application/json", schema),
                    ["413"] = Answer("The request announced a body larger than 1 MiB.", "application/problem+json", problem),
                    ["503"] = Answer("Unhealthy: a check failed (see `checks`).", "application/json", schema),
                },
            },
        },
    };

    private static OpenApiResponse Answer(string description, string mediaType, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [mediaType] = new() { Schema = schema } },
    };
}
