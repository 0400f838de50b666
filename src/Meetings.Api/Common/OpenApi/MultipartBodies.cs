using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// A <c>multipart/form-data</c> body that the endpoint reads as a stream itself (a document upload), described by a type
/// that only the document uses. Not <c>Accepts</c>: that would make routing answer 415 before the endpoint could say 404.
/// </summary>
internal sealed record MultipartBodyMetadata(Type Form);

internal sealed class MultipartBodies : IOperationFilter
{
    public const string TooLarge = "The file is larger than `Documents:MaxBytes` (default 25 MiB); nothing of it is stored.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MultipartBodyMetadata>().FirstOrDefault() is not { } body)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new() { Schema = context.SchemaGenerator.GenerateSchema(body.Form, context.SchemaRepository) },
            },
        };
        if (operation.Responses?.TryGetValue("413", out var tooLarge) == true && tooLarge is OpenApiResponse response)
        {
            // Not the general 1 MiB (ResponseConventions): an upload's body may be as large as the file allowed.
            response.Description = TooLarge;
        }
    }
}
