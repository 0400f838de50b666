using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Minutes;

/// <summary>/api/meetings/{id}/minutes: the minutes (Ergebnisprotokoll) of a meeting.</summary>
internal static class MinutesEndpoints
{
    public static IEndpointRouteBuilder MapMinutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id}/minutes").WithTags("Minutes")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", Get).WithName(nameof(GetMinutes)).RequireAuthorization(Policies.AdminOrDepartment);
        Write(group.MapPut("/", Save).WithName(nameof(SaveMinutes)).ProducesValidationProblem());
        Write(group.MapPost("/approve", Approve).WithName(nameof(ApproveMinutes)));
        Write(group.MapPost("/reopen", Reopen).WithName(nameof(ReopenMinutes)).ProducesValidationProblem());
        return app;
    }

    private static void Write(RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.Admin)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>Reads the minutes; the ETag header carries their concurrency token.</summary>
    /// <remarks>The office reads them in any state; a department key only approved minutes of a meeting its department was invited to (else 404).</remarks>
    private static async Task<Ok<MinutesResponse>> Get(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetMinutes(id), ct));

    /// <summary>Writes the draft minutes: keeper and every entry in order (entries left out are removed).</summary>
    /// <remarks>
    /// Only for a meeting that has started and was not cancelled, while the minutes are a draft (approved minutes: 409).
    /// An entry of kind <c>task</c> must carry <c>task</c>; it creates the task, or with the entry's <c>id</c> updates it.
    /// At most 200 entries of 4,000 characters. Send <c>If-Match</c> to be told (412) of a concurrent change.
    /// </remarks>
    private static async Task<Ok<MinutesResponse>> Save(
        IMediator mediator, HttpResponse response, Guid id, MinutesBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new SaveMinutes(id, body, ifMatch), ct));

    /// <summary>Approves the minutes: read-only, mailed to every invitee and host ("Protokoll: …"), new tasks to their departments' heads.</summary>
    private static async Task<Ok<MinutesResponse>> Approve(
        IMediator mediator, HttpResponse response, Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new ApproveMinutes(id, ifMatch), ct));

    /// <summary>Re-opens approved minutes as a draft of the next version; approving them again mails "Berichtigtes Protokoll: …".</summary>
    private static async Task<Ok<MinutesResponse>> Reopen(
        IMediator mediator, HttpResponse response, Guid id, ReopenBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new ReopenMinutes(id, body.Reason, ifMatch), ct));
}
