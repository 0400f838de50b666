using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.ApiKeys;

/// <summary>/api/api-keys: keys for integrations (admin only).</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName(nameof(ListApiKeys));
        group.MapPost("/", Create).WithName(nameof(CreateApiKey)).ProducesValidationProblem().NoStore();
        group.MapGet("/{id}", Get).WithName(nameof(GetApiKey)).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Revoke).WithName(nameof(RevokeApiKey)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Lists the keys (never their values), by name.</summary>
    /// <param name="includeRevoked">Also list revoked keys (default false).</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<ApiKeyResponse>>> List(IMediator mediator, bool? includeRevoked, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListApiKeys(includeRevoked ?? false, PageRequest.From(skip, take)), ct));

    /// <summary>Creates a key and shows its plain value once.</summary>
    /// <remarks>
    /// A <c>department</c> key needs <c>departmentId</c>, a <c>partner</c> key needs <c>cityId</c> (a partner city).
    /// Only a hash is stored: copy <c>key</c> from this answer, it cannot be shown again.
    /// </remarks>
    private static async Task<Created<ApiKeyCreatedResponse>> Create(IMediator mediator, ApiKeyInput body, CancellationToken ct)
    {
        var key = await mediator.Send(new CreateApiKey(body), ct);
        return TypedResults.Created($"/api/api-keys/{key.Id}", key);
    }

    /// <summary>Reads one key's record.</summary>
    private static async Task<Ok<ApiKeyResponse>> Get(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetApiKey(id), ct));

    /// <summary>Revokes a key; from then on it is refused with 401.</summary>
    /// <remarks>409 when it is revoked already.</remarks>
    private static async Task<NoContent> Revoke(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiKey(id), ct);
        return TypedResults.NoContent();
    }
}
