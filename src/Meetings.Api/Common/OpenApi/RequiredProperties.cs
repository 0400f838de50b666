using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// <c>required</c> as the service writes JSON: a property whose type cannot be null (a non-nullable reference, or a
/// value type that is not <c>Nullable&lt;T&gt;</c>) is always written; a nullable one is left out when null
/// (<c>JsonIgnoreCondition.WhenWritingNull</c>), so it is optional and marked nullable. Request bodies consist of
/// nullable properties only (the domain says what is missing), so nothing in them is marked required.
/// Problem details get the members every error of the service carries: <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>traceId</c>.
/// </summary>
internal sealed class RequiredProperties : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } target)
        {
            return;
        }

        if (typeof(ProblemDetails).IsAssignableFrom(context.Type) || typeof(HttpValidationProblemDetails).IsAssignableFrom(context.Type))
        {
            DescribeProblem(target);
            return;
        }

        if (context.Type.Assembly != typeof(RequiredProperties).Assembly)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!target.Properties!.ContainsKey(name))
            {
                continue;
            }

            var nullable = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).ReadState != NullabilityState.NotNull;
            if (!nullable)
            {
                target.Required ??= new SortedSet<string>(StringComparer.Ordinal);
                target.Required.Add(name);
            }
        }
    }

    private static void DescribeProblem(OpenApiSchema problem)
    {
        problem.Properties!["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The id of the request in the service's log (W3C trace context); quote it when reporting a problem.",
        };
        foreach (var name in new[] { "type", "title", "status" })
        {
            if (problem.Properties.TryGetValue(name, out var property) && property is OpenApiSchema member)
            {
                member.Type &= ~JsonSchemaType.Null;
            }
        }

        if (problem.Properties.TryGetValue("detail", out var detail) && detail is OpenApiSchema text)
        {
            // Generated clients (Kiota) make this the message of the exception they throw for an error.
            text.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            text.Extensions["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true));
        }

        problem.Required = new SortedSet<string>(["status", "title", "traceId", "type"], StringComparer.Ordinal);
    }
}
