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
        group.MapPost("/import", Import).WithName(nameof(ImportDepartments)).RequireAuthorization(Policies.Admin).NoStore()
            .Accepts<Stream>("text/csv").Produces<DepartmentImportProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json");
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

    /// <summary>Imports the directory from the office's spreadsheet (CSV); by default a dry run that only reports.</summary>
    /// <remarks>
    /// <c>Content-Type: text/csv</c>, as Excel saves it: UTF-8 with or without BOM, or Windows-1252; <c>;</c> or <c>,</c>
    /// between fields. The header row names the columns in any order: <c>code;name;headName;headEmail</c> (required),
    /// <c>headTitle;deputyName;deputyEmail</c> (optional: a column left out keeps what is stored); other columns are
    /// ignored. Departments are matched by code; a code the file names that is inactive is re-activated. The answer lists
    /// every change field by field. Any error line (the header is line 1) applies nothing: 422 with the whole report and
    /// the errors, in a dry run too. Applied, it works as the single calls do (a new head: the links rotate and the new
    /// head is invited) in one transaction. At most 2,000 rows (more: 422) and 1 MiB (more: 413).
    /// </remarks>
    /// <param name="dryRun"><c>true</c> (default): report only; <c>false</c>: apply.</param>
    /// <param name="deactivateMissing"><c>true</c>: deactivate the active departments the file does not name (default <c>false</c>).</param>
    private static async Task<Results<Ok<DepartmentImportResponse>, ProblemHttpResult>> Import(
        IMediator mediator, HttpRequest request, bool? dryRun, bool? deactivateMissing, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", detail: "Send the file as Content-Type: text/csv.");
        }

        var file = await ReadAtMostAsync(request.Body, RequestLimits.MaxBodyBytes, ct);
        if (file is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.", detail: $"Bodies may be at most {RequestLimits.MaxBodyBytes} bytes.");
        }

        var report = await mediator.Send(new ImportDepartments(file, dryRun ?? true, deactivateMissing ?? false), ct);
        if (report.Errors.Count == 0)
        {
            return TypedResults.Ok(report);
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = ProblemDetailsSetup.TypeFor(StatusCodes.Status422UnprocessableEntity),
            Title = "The file has errors; nothing was applied.",
            Detail = $"{report.Errors.Select(e => e.Line).Distinct().Count()} line(s) cannot be applied; see errors.",
        };
        problem.Extensions["created"] = report.Created;
        problem.Extensions["updated"] = report.Updated;
        problem.Extensions["deactivated"] = report.Deactivated;
        problem.Extensions["unchanged"] = report.Unchanged;
        problem.Extensions["errors"] = report.Errors;
        return TypedResults.Problem(problem);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (a body sent without its length).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
