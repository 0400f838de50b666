using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// The transactional outbox: before a save, the domain events of the tracked aggregates become ledger
/// rows (<see cref="DeliveryPlanner"/>) in the same transaction. A row whose key exists already is not
/// added again (nobody gets a mail twice); queued reminders that an event made obsolete are skipped.
/// </summary>
internal static class DeliveryLedger
{
    public static async Task PlanAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var sources = db.ChangeTracker.Entries<EventSource>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var events = sources.SelectMany(s => s.DomainEvents).OrderBy(e => e.At).ToList();
        foreach (var source in sources)
        {
            source.ClearDomainEvents();
        }

        var meetingIds = events.Select(MeetingOf).Distinct().ToList();
        var scopes = meetingIds.Select(Delivery.ScopeOf).ToList();
        var existing = await db.Deliveries.Where(d => scopes.Contains(d.Scope)).ToListAsync(ct); // tracked: some become skipped
        var keys = existing.Select(d => d.Key).ToHashSet();
        foreach (var e in events)
        {
            foreach (var row in existing.Concat(db.Deliveries.Local).Where(d => d.Status == DeliveryStatus.Queued).Distinct().ToList())
            {
                if (DeliveryPlanner.Supersedes(e, row) is { } reason)
                {
                    row.Skip(reason);
                }
            }

            foreach (var row in DeliveryPlanner.Plan(e))
            {
                if (keys.Add(row.Key))
                {
                    db.Deliveries.Add(row);
                }
            }
        }
    }

    private static Guid MeetingOf(IDomainEvent e) => e switch
    {
        MeetingPublished x => x.Meeting.Id,
        InvitationOpened x => x.Meeting.Id,
        InvitationWithdrawn x => x.Meeting.Id,
        InvitationDelegated x => x.Meeting.Id,
        MeetingRescheduled x => x.Meeting.Id,
        MeetingChangedVisibly x => x.Meeting.Id,
        MeetingCancelled x => x.Meeting.Id,
        RemindersChanged x => x.Meeting.Id,
        _ => throw new InvalidOperationException($"No ledger rule for {e.GetType().Name}."),
    };
}
