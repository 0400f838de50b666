using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Meetings.Domain.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Tasks;

/// <summary>/api/tasks and /api/meetings/{id}/tasks, …/open-tasks: the tasks decided in meetings and their progress.</summary>
internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings/{id}").WithTags("Tasks")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        meetings.MapPost("/tasks", Create).WithName(nameof(CreateTask)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        meetings.MapGet("/open-tasks", Open).WithName(nameof(ListOpenTasks)).RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesValidationProblem();

        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tasks.MapGet("/", List).WithName(nameof(ListTasks)).ProducesValidationProblem();
        tasks.MapGet("/{taskId}", Get).WithName(nameof(GetTask)).ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPut("/{taskId}", Update).WithName(nameof(UpdateTask)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    /// <summary>Gives a department a task from a meeting that has started (announced at once: its due and overdue mails are planned).</summary>
    /// <remarks>Tasks are also made by the minutes' entries of kind <c>task</c>; those are announced when the minutes are approved.</remarks>
    private static async Task<Created<TaskResponse>> Create(IMediator mediator, HttpResponse response, Guid id, TaskBody body, CancellationToken ct)
    {
        var task = await mediator.Send(new CreateTask(id, body), ct);
        return response.CreatedWithETag($"/api/tasks/{task.Id}", task);
    }

    /// <summary>The series' tasks still open or in progress at the meeting's start, from its earlier meetings.</summary>
    /// <remarks>A department key reads its own department's tasks in full and another department's as <c>title</c>, <c>departmentId</c>, <c>dueOn</c> and <c>status</c> only.</remarks>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<CarriedOverTaskResponse>>> Open(IMediator mediator, Guid id, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListOpenTasks(id, PageRequest.From(skip, take)), ct));

    /// <summary>Lists tasks by due date: the office all, a department key its own department's only (whatever filter it passes).</summary>
    /// <param name="seriesId">Only this series.</param>
    /// <param name="departmentId">Only this department.</param>
    /// <param name="status"><c>open</c>, <c>in-progress</c>, <c>done</c> or <c>dropped</c>.</param>
    /// <param name="overdue"><c>true</c>: only tasks open or in progress whose due date has passed.</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<TaskResponse>>> List(
        IMediator mediator, Guid? seriesId, Guid? departmentId, [DocumentedAs(typeof(MeetingTaskStatus))] string? status, bool? overdue,
        int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTasks(seriesId, departmentId, status, overdue, PageRequest.From(skip, take)), ct));

    /// <summary>Reads one task with its history; the ETag header carries its version. Another department's task is a 404.</summary>
    private static async Task<Ok<TaskResponse>> Get(IMediator mediator, HttpResponse response, Guid taskId, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetTask(taskId), ct));

    /// <summary>Changes a task: the office anything; the owner department's key its progress only (<c>status</c>, <c>note</c>).</summary>
    /// <remarks>
    /// Another field from a department key is a 403. <c>done</c> and <c>dropped</c> are final except for the office, which may
    /// re-open. A new due date or department moves the planned due and overdue mails. Send <c>If-Match</c> to be told (412)
    /// of a concurrent change.
    /// </remarks>
    private static async Task<Ok<TaskResponse>> Update(
        IMediator mediator, HttpResponse response, Guid taskId, TaskUpdateBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new UpdateTask(taskId, body, ifMatch), ct));
}
