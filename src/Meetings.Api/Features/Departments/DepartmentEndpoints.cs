using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Departments;

/// <summary>/api/departments: the departments whose heads are invited. Writes are admin-only.</summary>
internal static class DepartmentEndpoints
{
    public static IEndpointRouteBuilder MapDepartments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName(nameof(ListDepartments)).RequireAuthorization(Policies.AdminOrDepartment);
        group.MapPost("/", Create).WithName(nameof(CreateDepartment)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", Get).WithName(nameof(GetDepartment)).RequireAuthorization(Policies.AdminOrDepartment).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", Update).WithName(nameof(UpdateDepartment)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", Deactivate).WithName(nameof(DeactivateDepartment)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Lists departments ordered by code; a department key gets only its own.</summary>
    /// <param name="active">Only active (<c>true</c>) or inactive (<c>false</c>) departments; omit for all.</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<DepartmentResponse>>> List(IMediator mediator, bool? active, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDepartments(active, PageRequest.From(skip, take)), ct));

    /// <summary>Adds a department; it is active at once.</summary>
    /// <remarks>Codes are unique across active and inactive departments (409 on a duplicate).</remarks>
    private static async Task<Created<DepartmentResponse>> Create(IMediator mediator, HttpResponse response, DepartmentInput body, CancellationToken ct)
    {
        var department = await mediator.Send(new CreateDepartment(body), ct);
        return response.CreatedWithETag($"/api/departments/{department.Id}", department);
    }

    /// <summary>Reads one department (admin, or the department's own key).</summary>
    private static async Task<Ok<DepartmentResponse>> Get(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new GetDepartment(id), ct));
    }

    /// <summary>Replaces a department's fields; <c>active</c> deactivates or re-activates it.</summary>
    /// <remarks>Send <c>If-Match</c> with the ETag you read to be told (412) when someone changed it meanwhile.</remarks>
    private static async Task<Ok<DepartmentResponse>> Update(
        IMediator mediator, HttpResponse response, Guid id, DepartmentInput body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new UpdateDepartment(id, body, ifMatch), ct));
    }

    /// <summary>Deactivates a department (it is never deleted; its history stays).</summary>
    /// <remarks>409 when it is inactive already. Re-activate with PUT and <c>"active": true</c>.</remarks>
    private static async Task<NoContent> Deactivate(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new DeactivateDepartment(id), ct);
        return TypedResults.NoContent();
    }
}
