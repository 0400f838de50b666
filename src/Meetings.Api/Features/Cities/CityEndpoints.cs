using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Cities;

/// <summary>/api/cities: the host city and the partner cities (admin only).</summary>
internal static class CityEndpoints
{
    public static IEndpointRouteBuilder MapCities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cities").WithTags("Cities").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName(nameof(ListCities));
        group.MapPost("/", Create).WithName(nameof(CreateCity)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", Get).WithName(nameof(GetCity)).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", Update).WithName(nameof(UpdateCity)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", Delete).WithName(nameof(DeleteCity)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Lists the cities, ordered by name.</summary>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<CityResponse>>> List(IMediator mediator, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListCities(PageRequest.From(skip, take)), ct));

    /// <summary>Adds a host or partner city.</summary>
    /// <remarks>City names are unique (409 on a duplicate).</remarks>
    private static async Task<Created<CityResponse>> Create(IMediator mediator, HttpResponse response, CityInput body, CancellationToken ct)
    {
        var city = await mediator.Send(new CreateCity(body), ct);
        return response.CreatedWithETag($"/api/cities/{city.Id}", city);
    }

    /// <summary>Reads one city; the ETag header carries its version.</summary>
    private static async Task<Ok<CityResponse>> Get(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new GetCity(id), ct));
    }

    /// <summary>Replaces a city's fields.</summary>
    /// <remarks>Send <c>If-Match</c> with the ETag you read to be told (412) when someone changed it meanwhile.</remarks>
    private static async Task<Ok<CityResponse>> Update(
        IMediator mediator, HttpResponse response, Guid id, CityInput body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new UpdateCity(id, body, ifMatch), ct));
    }

    /// <summary>Deletes a city that nothing refers to.</summary>
    /// <remarks>A city that API keys (also revoked ones), series or speakers refer to stays: 409.</remarks>
    private static async Task<NoContent> Delete(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new DeleteCity(id), ct);
        return TypedResults.NoContent();
    }
}
