using MediatR;
using Meetings.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Agenda;

/// <summary>/api/meetings/{id}/agenda: items, order and computed times.</summary>
internal static class AgendaEndpoints
{
    public static IEndpointRouteBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id}/agenda").WithTags("Agenda")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", Get).WithName(nameof(GetAgenda)).RequireAuthorization(Policies.AnyKey);
        group.MapPost("/", Add).WithName(nameof(AddAgendaItem)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/order", Reorder).WithName(nameof(ReorderAgenda)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{itemId}", GetItem).WithName(nameof(GetAgendaItem)).RequireAuthorization(Policies.AnyKey);
        group.MapPut("/{itemId}", Update).WithName(nameof(ReplaceAgendaItem)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{itemId}", Remove).WithName(nameof(RemoveAgendaItem)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The agenda with each item's start and end computed from the meeting's start, total and remaining minutes.</summary>
    private static async Task<Ok<AgendaResponse>> Get(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAgenda(id), ct));

    /// <summary>Adds an item (at <c>position</c>, default last) and answers it with its computed times.</summary>
    /// <remarks>409 with the minutes over when the agenda would run past the meeting's end. A presenter of kind
    /// <c>speaker</c> must be a confirmed speaker of this meeting, <c>department</c> a department. No mail is sent;
    /// the next mail carries the current agenda.</remarks>
    private static async Task<Created<AgendaItemResponse>> Add(IMediator mediator, Guid id, AgendaItemBody body, CancellationToken ct)
    {
        var item = await mediator.Send(new AddAgendaItem(id, body), ct);
        return TypedResults.Created($"/api/meetings/{id}/agenda/{item.Id}", item);
    }

    /// <summary>One item with its start and end computed from the meeting's start.</summary>
    private static async Task<Ok<AgendaItemResponse>> GetItem(IMediator mediator, Guid id, Guid itemId, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAgendaItem(id, itemId), ct));

    /// <summary>Replaces an item (its position stays) and answers it with its computed times.</summary>
    private static async Task<Ok<AgendaItemResponse>> Update(IMediator mediator, Guid id, Guid itemId, AgendaItemBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ReplaceAgendaItem(id, itemId, body), ct));

    /// <summary>Removes an item; the others close up.</summary>
    private static async Task<NoContent> Remove(IMediator mediator, Guid id, Guid itemId, CancellationToken ct)
    {
        await mediator.Send(new RemoveAgendaItem(id, itemId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Reorders the agenda; <c>itemIds</c> must be exactly the current items.</summary>
    private static async Task<Ok<AgendaResponse>> Reorder(IMediator mediator, Guid id, AgendaOrderBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ReorderAgenda(id, body), ct));
}
