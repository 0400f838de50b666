using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Meetings.Api.Features.Mail;
using Meetings.Domain.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Meetings;

/// <summary>/api/meetings: the lifecycle of a meeting and its invitations.</summary>
internal static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Meetings")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName(nameof(ListMeetings)).RequireAuthorization(Policies.AnyKey).ProducesValidationProblem();
        group.MapPost("/", Create).WithName(nameof(CreateMeeting)).RequireAuthorization(Policies.Admin).ProducesValidationProblem();
        group.MapGet("/{id}", Get).WithName(nameof(GetMeeting)).RequireAuthorization(Policies.AnyKey).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", Update).WithName(nameof(UpdateMeeting)).RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        var actions = group.MapGroup("/{id}").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        actions.MapPost("/publish", Publish).WithName(nameof(PublishMeeting));
        actions.MapPost("/reschedule", Reschedule).WithName(nameof(RescheduleMeeting)).ProducesValidationProblem();
        actions.MapPost("/cancel", Cancel).WithName(nameof(CancelMeeting)).ProducesValidationProblem();
        actions.MapPost("/complete", Complete).WithName(nameof(CompleteMeeting)).ProducesValidationProblem();

        group.MapGet("/{id}/invitations", Invitations).WithName(nameof(ListInvitations)).RequireAuthorization(Policies.AdminOrDepartment).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/invitations/{invitationId}/history", History).WithName(nameof(ListInvitationHistory)).RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/invitations/{invitationId}/resend-link", ResendLink).WithName(nameof(ResendInvitationLink)).RequireAuthorization(Policies.Admin)
            .WithMetadata(new Idempotency.IdempotentAttribute()).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/attendance", Attendance).WithName(nameof(GetAttendance)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Lists meetings by start. Keys other than admin see no drafts.</summary>
    /// <param name="seriesId">Only this series.</param>
    /// <param name="status"><c>draft</c>, <c>published</c>, <c>cancelled</c> or <c>completed</c>.</param>
    /// <param name="from">Start at or after this instant (ISO 8601 with offset).</param>
    /// <param name="to">Start before this instant (ISO 8601 with offset).</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<MeetingResponse>>> List(
        IMediator mediator, Guid? seriesId, [DocumentedAs(typeof(MeetingStatus))] string? status,
        [DocumentedAs(typeof(DateTimeOffset))] string? from, [DocumentedAs(typeof(DateTimeOffset))] string? to, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMeetings(seriesId, status, from, to, PageRequest.From(skip, take)), ct));

    /// <summary>Plans a meeting as a draft (nobody is invited yet).</summary>
    /// <remarks>Missing <c>endsAt</c>, <c>timeZone</c> and <c>location</c> come from the series' defaults.</remarks>
    private static async Task<Created<MeetingResponse>> Create(IMediator mediator, HttpResponse response, MeetingBody body, CancellationToken ct)
    {
        var meeting = await mediator.Send(new CreateMeeting(body), ct);
        return response.CreatedWithETag($"/api/meetings/{meeting.Id}", meeting);
    }

    /// <summary>Reads one meeting; the ETag header carries its version.</summary>
    private static async Task<Ok<MeetingResponse>> Get(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetMeeting(id), ct));

    /// <summary>Replaces title, motto, description, location and deadline (a draft also its time and zone).</summary>
    /// <remarks>
    /// A published meeting keeps its time (use reschedule). A new title or location of a published meeting raises
    /// <c>sequence</c> (invitees receive an update). Send <c>If-Match</c> to be told (412) of a concurrent change.
    /// </remarks>
    private static async Task<Ok<MeetingResponse>> Update(
        IMediator mediator, HttpResponse response, Guid id, MeetingBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new UpdateMeeting(id, body, ifMatch), ct));

    /// <summary>Publishes a draft and invites every active department's head and every series host.</summary>
    /// <remarks>Only a draft whose start lies ahead, that ends after it starts, has a location and a deadline (if any) between now and the start.</remarks>
    private static async Task<Ok<MeetingResponse>> Publish(
        IMediator mediator, HttpResponse response, Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new PublishMeeting(id, ifMatch), ct));

    /// <summary>Moves a published meeting: <c>sequence</c> + 1, every answer back to pending (kept in history).</summary>
    private static async Task<Ok<MeetingResponse>> Reschedule(
        IMediator mediator, HttpResponse response, Guid id, RescheduleBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new RescheduleMeeting(id, body, ifMatch), ct));

    /// <summary>Cancels a draft or published meeting.</summary>
    private static async Task<Ok<MeetingResponse>> Cancel(
        IMediator mediator, HttpResponse response, Guid id, [FromBody] CancelBody? body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new CancelMeeting(id, body?.Reason, ifMatch), ct));

    /// <summary>Closes a published meeting whose start has passed, with the invitations that attended.</summary>
    private static async Task<Ok<MeetingResponse>> Complete(
        IMediator mediator, HttpResponse response, Guid id, [FromBody] CompleteBody? body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new CompleteMeeting(id, body?.AttendedInvitationIds ?? [], ifMatch), ct));

    /// <summary>The meeting's invitations: all for admins, only its own for a department key (no personal links: those go by mail only).</summary>
    /// <remarks>Each invitation carries the latest 20 changes of its answer and <c>historyTotal</c>; the whole history is at <c>…/history</c>.</remarks>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<InvitationResponse>>> Invitations(IMediator mediator, Guid id, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListInvitations(id, PageRequest.From(skip, take)), ct));

    /// <summary>The whole history of an invitation's answer, oldest first (admin; a department key for its own invitation).</summary>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<HistoryResponse>>> History(IMediator mediator, Guid id, Guid invitationId, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListInvitationHistory(id, invitationId, PageRequest.From(skip, take)), ct));

    /// <summary>Mails an invitation's personal link again to its holder (the delegate's own link where there is one); the office never sees a link.</summary>
    /// <remarks>
    /// One mail per request through the ledger (the answer is its row): before the start the invitation once more; after
    /// the completion, while feedback is open, the feedback request once more to whoever attended. 409 for a withdrawn
    /// invitation, a cancelled meeting, one that has started but is not completed, an absentee after the meeting, or
    /// after feedback closed. Send <c>Idempotency-Key</c> so that a retried request sends no second mail.
    /// </remarks>
    private static async Task<Accepted<DeliveryResponse>> ResendLink(IMediator mediator, Guid id, Guid invitationId, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await mediator.Send(new ResendInvitationLink(id, invitationId), ct));

    /// <summary>Counts per answer and who comes (a delegate comes for the department).</summary>
    private static async Task<Ok<AttendanceResponse>> Attendance(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAttendance(id), ct));
}
