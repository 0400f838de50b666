using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Mail.Planning;

/// <summary>
/// The transactional outbox: before a save, the domain events of the tracked aggregates become ledger
/// rows (<see cref="DeliveryPlanner"/>) in the same transaction. A row whose key exists already is not
/// added again (nobody gets a mail twice); queued reminders that an event made obsolete are skipped.
/// </summary>
internal static class DeliveryPlanning
{
    public static async Task PlanAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var sources = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var events = sources.SelectMany(s => s.DomainEvents).OrderBy(e => e.At).ToList();
        foreach (var source in sources)
        {
            source.ClearDomainEvents();
        }

        var scopes = events.Select(ScopeOf).Distinct().ToList();
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

            foreach (var row in DeliveryPlanner.Plan(e, await PartiesAsync(db, e, ct)))
            {
                if (keys.Add(row.Key))
                {
                    db.Deliveries.Add(row);
                }
            }
        }
    }

    private static string ScopeOf(IDomainEvent e) => e switch
    {
        MeetingPublished x => Delivery.ScopeOf(x.Meeting.Id),
        InvitationOpened x => Delivery.ScopeOf(x.Meeting.Id),
        InvitationWithdrawn x => Delivery.ScopeOf(x.Meeting.Id),
        InvitationDelegated x => Delivery.ScopeOf(x.Meeting.Id),
        MeetingRescheduled x => Delivery.ScopeOf(x.Meeting.Id),
        MeetingChangedVisibly x => Delivery.ScopeOf(x.Meeting.Id),
        MeetingCancelled x => Delivery.ScopeOf(x.Meeting.Id),
        RemindersChanged x => Delivery.ScopeOf(x.Meeting.Id),
        ISpeakerEvent x => Delivery.ScopeOf(x.Speaker.MeetingId),
        CadenceAlertDue x => Delivery.SeriesScopeOf(x.Series.Id),
        _ => throw new InvalidOperationException($"No ledger rule for {e.GetType().Name}."),
    };

    /// <summary>The partner city's contact (speaker mails) and the series' organizer (a withdrawn speaker).</summary>
    private static async Task<MailParties> PartiesAsync(MeetingsDbContext db, IDomainEvent e, CancellationToken ct)
    {
        if (e is not ISpeakerEvent { Speaker: var speaker })
        {
            return MailParties.None;
        }

        var city = await db.Cities.AsNoTracking().Where(c => c.Id == speaker.CityId)
            .Select(c => new { c.Name, c.ContactEmail }).SingleOrDefaultAsync(ct);
        var organizer = await db.Meetings.AsNoTracking().Where(m => m.Id == speaker.MeetingId)
            .Join(db.Series, m => m.SeriesId, s => s.Id, (m, s) => new { s.Name, s.OrganizerEmail }).SingleOrDefaultAsync(ct);
        return new MailParties(
            city is null ? null : Person.Create(city.Name, city.ContactEmail),
            organizer is null ? null : Person.Create(organizer.Name, organizer.OrganizerEmail));
    }
}
