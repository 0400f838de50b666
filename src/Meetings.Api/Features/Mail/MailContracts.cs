using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>One row of the delivery ledger.</summary>
/// <param name="Occasion">What the mail is for within its kind: <c>invitation</c>, <c>seq-3</c>, <c>P7D@…</c>, <c>2027-at-risk</c>, …</param>
public sealed record DeliveryResponse(
    Guid Id, DeliveryKind Kind, PersonResponse Recipient, string Occasion, DeliveryStatus Status, int Attempts, string? LastError,
    DateTimeOffset QueuedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt)
{
    public static DeliveryResponse From(Delivery d) => new(
        d.Id, d.Kind, PersonResponse.From(d.Recipient), d.Occasion.Key, d.Status, d.Attempts, d.LastError, d.QueuedAt, d.DueAt, d.SentAt);
}

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

/// <summary>A filter of ledger rows by kind and status, as the query string names them (a 400 for unknown names).</summary>
internal sealed record DeliveryFilter(DeliveryKind? Kind, DeliveryStatus? Status)
{
    public static DeliveryFilter Of(string? kind, string? status)
    {
        var errors = new ValidationErrors();
        var filter = new DeliveryFilter(
            StrictEnumConverterFactory.Query<DeliveryKind>(errors, "kind", kind),
            StrictEnumConverterFactory.Query<DeliveryStatus>(errors, "status", status));
        errors.ThrowIfAny();
        return filter;
    }

    /// <summary>A page of the rows of one scope (a meeting's, or a series' own), by due time.</summary>
    public async Task<Page<DeliveryResponse>> ListAsync(MeetingsDbContext db, string scope, PageRequest page, CancellationToken ct)
    {
        var query = db.Deliveries.AsNoTracking().Where(d => d.Scope == scope);
        if (Kind is { } k)
        {
            query = query.Where(d => d.Kind == k);
        }

        if (Status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.DueAt).ThenBy(d => d.Recipient.Email).ThenBy(d => d.Id)
            .Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new Page<DeliveryResponse>(rows.Select(DeliveryResponse.From).ToList(), total);
    }
}
