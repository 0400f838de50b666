using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Meetings.Domain.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Mail;

/// <summary>The delivery ledger and the reminder plan (admin only).</summary>
internal static class MailEndpoints
{
    public static IEndpointRouteBuilder MapMailLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id}").WithTags("Mail").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/deliveries", Deliveries).WithName(nameof(ListMeetingDeliveries)).ProducesValidationProblem();
        group.MapGet("/reminders", GetPlan).WithName(nameof(GetReminders));
        group.MapPut("/reminders", SetPlan).WithName(nameof(SetReminders)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/series/{id}/deliveries", SeriesDeliveries).WithName(nameof(ListSeriesDeliveries)).WithTags("Mail").RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The delivery ledger of a meeting: one row per recipient, kind and occasion, with its status.</summary>
    /// <param name="kind">Only this kind.</param>
    /// <param name="status">Only this status.</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<DeliveryResponse>>> Deliveries(
        IMediator mediator, Guid id, [DocumentedAs(typeof(DeliveryKind))] string? kind, [DocumentedAs(typeof(DeliveryStatus))] string? status,
        int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMeetingDeliveries(id, kind, status, PageRequest.From(skip, take)), ct));

    /// <summary>The mails of a series itself: the cadence alerts to its organizer (one per year and level).</summary>
    /// <param name="kind">Only this kind (a series' own mails are <c>cadence-alert</c>s).</param>
    /// <param name="status">Only this status.</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<DeliveryResponse>>> SeriesDeliveries(
        IMediator mediator, Guid id, [DocumentedAs(typeof(DeliveryKind))] string? kind, [DocumentedAs(typeof(DeliveryStatus))] string? status,
        int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListSeriesDeliveries(id, kind, status, PageRequest.From(skip, take)), ct));

    /// <summary>When reminders go out (defaults: P7D and P1D before the start; the nudge P2D before the RSVP deadline).</summary>
    private static async Task<Ok<RemindersResponse>> GetPlan(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetReminders(id), ct));

    /// <summary>Replaces the reminder plan; a published meeting's reminders are planned anew (obsolete ones are skipped).</summary>
    private static async Task<Ok<RemindersResponse>> SetPlan(IMediator mediator, Guid id, RemindersBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new SetReminders(id, body), ct));
}
