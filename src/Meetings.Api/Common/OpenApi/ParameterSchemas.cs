using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// A query value that is bound as text and read by the use case itself (strict enum names, instants with offset:
/// anything else is a 400 naming the field) is documented as the type it must be.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class DocumentedAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>Gives parameters marked <see cref="DocumentedAsAttribute"/> the schema of their documented type.</summary>
internal sealed class ParameterSchemas : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is OpenApiParameter target && context.ParameterInfo?.GetCustomAttribute<DocumentedAsAttribute>() is { } documented)
        {
            target.Schema = context.SchemaGenerator.GenerateSchema(documented.Type, context.SchemaRepository);
        }
    }
}
