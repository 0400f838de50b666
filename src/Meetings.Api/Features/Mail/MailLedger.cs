using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>One row of the delivery ledger.</summary>
public sealed record DeliveryResponse(
    Guid Id, DeliveryKind Kind, RecipientView Recipient, string Occasion, DeliveryStatus Status, int Attempts, string? LastError,
    DateTimeOffset QueuedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt)
{
    public static DeliveryResponse From(Delivery d) => new(
        d.Id, d.Kind, new RecipientView(d.Recipient.Name, d.Recipient.Email), d.Occasion, d.Status, d.Attempts, d.LastError, d.QueuedAt, d.DueAt, d.SentAt);
}

/// <summary>Who a mail is for.</summary>
public sealed record RecipientView(string Name, string Email);

/// <summary>When reminders go out (ISO 8601 durations).</summary>
/// <param name="Offsets">Before the start, to every invitee who has not declined.</param>
/// <param name="RsvpNudge">Before the RSVP deadline, to pending invitees only; null for none.</param>
public sealed record RemindersResponse(IReadOnlyList<string> Offsets, string? RsvpNudge)
{
    public static RemindersResponse From(ReminderPlan plan) =>
        new(plan.Offsets.Select(ReminderPlan.Iso).ToList(), plan.Nudge is { } n ? ReminderPlan.Iso(n) : null);
}

/// <summary>The reminder plan in a request body.</summary>
public sealed record RemindersBody
{
    /// <example>["P7D", "P1D"]</example>
    public IReadOnlyList<string?>? Offsets { get; init; }

    /// <example>P2D</example>
    public string? RsvpNudge { get; init; }
}

/// <summary>The ledger rows of a meeting, or (<see cref="OfSeries"/>) the cadence alerts of a series.</summary>
public sealed record ListDeliveries(Guid Id, string? Kind, string? Status, PageRequest Page, bool OfSeries = false) : IRequest<Page<DeliveryResponse>>;

public sealed record GetReminders(Guid MeetingId) : IRequest<RemindersResponse>;

public sealed record SetReminders(Guid MeetingId, RemindersBody Body) : IRequest<RemindersResponse>;

internal sealed class MailLedgerHandlers(MeetingsDbContext db, TimeProvider clock) :
    IRequestHandler<ListDeliveries, Page<DeliveryResponse>>,
    IRequestHandler<GetReminders, RemindersResponse>,
    IRequestHandler<SetReminders, RemindersResponse>
{
    public async Task<Page<DeliveryResponse>> Handle(ListDeliveries request, CancellationToken ct)
    {
        var errors = new Domain.Common.ValidationErrors();
        var kind = StrictEnumConverterFactory.Query<DeliveryKind>(errors, "kind", request.Kind);
        var status = StrictEnumConverterFactory.Query<DeliveryStatus>(errors, "status", request.Status);
        errors.ThrowIfAny();
        if (request.OfSeries ? !await db.Series.AnyAsync(s => s.Id == request.Id, ct) : !await db.Meetings.AnyAsync(m => m.Id == request.Id, ct))
        {
            throw new NotFoundException(request.OfSeries ? "Series" : "Meeting", request.Id);
        }

        var scope = request.OfSeries ? Delivery.SeriesScopeOf(request.Id) : Delivery.ScopeOf(request.Id);
        var query = db.Deliveries.AsNoTracking().Where(d => d.Scope == scope);
        if (kind is { } k)
        {
            query = query.Where(d => d.Kind == k);
        }

        if (status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.DueAt).ThenBy(d => d.Recipient.Email).ThenBy(d => d.Id)
            .Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<DeliveryResponse>(rows.Select(DeliveryResponse.From).ToList(), total);
    }

    public async Task<RemindersResponse> Handle(GetReminders request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        return RemindersResponse.From(meeting.Reminders);
    }

    public async Task<RemindersResponse> Handle(SetReminders request, CancellationToken ct)
    {
        var plan = ReminderPlan.Parse(request.Body.Offsets, request.Body.RsvpNudge);
        var meeting = await db.Meetings.Include(m => m.Invitations).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        meeting.SetReminders(plan, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RemindersResponse.From(meeting.Reminders);
    }
}

internal static class MailEndpoints
{
    public static IEndpointRouteBuilder MapMailLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id}").WithTags("Mail").RequireAuthorization(Auth.Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/deliveries", Deliveries).ProducesValidationProblem();
        group.MapGet("/reminders", GetPlan);
        group.MapPut("/reminders", SetPlan).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/series/{id}/deliveries", SeriesDeliveries).WithTags("Mail").RequireAuthorization(Auth.Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The delivery ledger of a meeting: one row per recipient, kind and occasion, with its status.</summary>
    /// <param name="kind">Only this kind (invitation, update, cancellation, reminder, rsvp-nudge, …).</param>
    /// <param name="status">Only this status (queued, sending, sent, failed, skipped).</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<Page<DeliveryResponse>>> Deliveries(
        IMediator mediator, Guid id, string? kind, string? status, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDeliveries(id, kind, status, PageRequest.From(skip, take)), ct));

    /// <summary>The mails of a series itself: the cadence alerts to its organizer (one per year and level).</summary>
    /// <param name="kind">Only this kind (cadence-alert).</param>
    /// <param name="status">Only this status (queued, sending, sent, failed, skipped).</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<Page<DeliveryResponse>>> SeriesDeliveries(
        IMediator mediator, Guid id, string? kind, string? status, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDeliveries(id, kind, status, PageRequest.From(skip, take), OfSeries: true), ct));

    /// <summary>When reminders go out (defaults: P7D and P1D before the start; the nudge P2D before the RSVP deadline).</summary>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<RemindersResponse>> GetPlan(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetReminders(id), ct));

    /// <summary>Replaces the reminder plan; a published meeting's reminders are planned anew (obsolete ones are skipped).</summary>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<RemindersResponse>> SetPlan(IMediator mediator, Guid id, RemindersBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new SetReminders(id, body), ct));
}
