using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Mail.Planning;

/// <summary>
/// The transactional outbox: before a save, the domain events of the tracked aggregates become ledger
/// rows (each area's plan of the event, <see cref="MailPlans"/>) in the same transaction. A row whose key exists already is not
/// added again (nobody gets a mail twice); queued rows that an event made obsolete are skipped. It reads only
/// what the events can touch: the queued rows in their reach (<see cref="MailPlans.Reaches"/>) and the keys
/// of the rows they plan — a delegation reads the few rows of one invitation, not the meeting's whole ledger.
/// </summary>
internal static class DeliveryPlanning
{
    /// <summary>Up to this many recipients, the keys are looked up by recipient too (a delegation, a new head).</summary>
    private const int FewRecipients = 50;

    /// <summary>Plans the rows; returns when the earliest of the queued rows added falls due (null: none added).</summary>
    public static async Task<DateTimeOffset?> PlanAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var sources = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        if (sources.Count == 0)
        {
            return null;
        }

        var events = sources.SelectMany(s => s.DomainEvents).OrderBy(e => e.At).ToList();
        foreach (var source in sources)
        {
            source.ClearDomainEvents();
        }

        var planned = new List<(IDomainEvent Event, List<Delivery> Rows)>(events.Count);
        var organizers = new Dictionary<Guid, Person?>(); // by meeting, for this save: a batch of bounces asks once per meeting
        foreach (var e in events)
        {
            planned.Add((e, MailPlans.Plan(e, await PartiesAsync(db, e, organizers, ct)).ToList()));
        }

        var inReach = await InReachAsync(db, events.SelectMany(MailPlans.Reaches).ToList(), ct); // tracked: some become skipped
        var keys = await ExistingKeysAsync(db, planned.SelectMany(p => p.Rows).ToList(), ct);
        var added = new List<Delivery>();
        foreach (var (e, rows) in planned)
        {
            foreach (var row in inReach.Concat(added))
            {
                if (MailPlans.Supersedes(e, row) is { } reason)
                {
                    row.Skip(reason);
                }
            }

            added.AddRange(rows.Where(r => keys.Add(r.Key)));
        }

        db.AddLedgerRows(added);
        return added.Where(r => r.Status == DeliveryStatus.Queued).Select(r => (DateTimeOffset?)r.DueAt).Min();
    }

    /// <summary>The queued rows of the meetings and invitations in reach, of the kinds in reach (a superset: the rule decides).</summary>
    private static async Task<List<Delivery>> InReachAsync(MeetingsDbContext db, List<SupersedeReach> reaches, CancellationToken ct)
    {
        if (reaches.Count == 0)
        {
            return [];
        }

        var kinds = reaches.SelectMany(r => r.Kinds).Distinct().ToList();
        var meetings = reaches.Where(r => r.MeetingId is not null).Select(r => r.MeetingId).Distinct().ToList();
        var invitations = reaches.Where(r => r.InvitationId is not null).Select(r => r.InvitationId).Distinct().ToList();
        var tasks = reaches.Where(r => r.TaskId is not null).Select(r => r.TaskId).Distinct().ToList();
        var queued = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && kinds.Contains(d.Kind));
        var rows = meetings.Count > 0 ? await queued.Where(d => meetings.Contains(d.MeetingId)).ToListAsync(ct) : [];
        if (invitations.Count > 0)
        {
            rows.AddRange(await queued.Where(d => invitations.Contains(d.InvitationId)).ToListAsync(ct));
        }

        if (tasks.Count > 0)
        {
            rows.AddRange(await queued.Where(d => tasks.Contains(d.TaskId)).ToListAsync(ct));
        }

        return rows.Distinct().ToList();
    }

    /// <summary>The keys of the planned rows that exist already: by scope and occasion, and by recipient when they are few.</summary>
    private static async Task<HashSet<(string Scope, string Email, DeliveryKind Kind, Occasion Occasion)>> ExistingKeysAsync(
        MeetingsDbContext db, List<Delivery> planned, CancellationToken ct)
    {
        if (planned.Count == 0)
        {
            return [];
        }

        var scopes = planned.Select(r => r.Scope).Distinct().ToList();
        var occasions = planned.Select(r => r.Occasion).Distinct().ToList();
        var emails = planned.Select(r => r.RecipientEmail).Distinct().ToList();
        var existing = db.Deliveries.AsNoTracking().Where(d => scopes.Contains(d.Scope) && occasions.Contains(d.Occasion));
        if (emails.Count <= FewRecipients)
        {
            existing = existing.Where(d => emails.Contains(d.RecipientEmail));
        }

        var keys = await existing.Select(d => new { d.Scope, d.RecipientEmail, d.Kind, d.Occasion }).ToListAsync(ct);
        return keys.Select(k => (k.Scope, k.RecipientEmail, k.Kind, k.Occasion)).ToHashSet();
    }

    /// <summary>The partner city's contact (speaker mails) and the series' organizer (a withdrawn speaker, a bounced mail).</summary>
    private static async Task<MailParties> PartiesAsync(MeetingsDbContext db, IDomainEvent e, Dictionary<Guid, Person?> organizers, CancellationToken ct)
    {
        if (e is DeliveryBounced { Row.MeetingId: { } bouncedOf })
        {
            return new MailParties(null, await OrganizerAsync(db, bouncedOf, organizers, ct));
        }

        if (e is not ISpeakerEvent { Speaker: var speaker })
        {
            return MailParties.None;
        }

        var city = await db.Cities.AsNoTracking().Where(c => c.Id == speaker.CityId)
            .Select(c => new { c.Name, c.ContactEmail }).SingleOrDefaultAsync(ct);
        return new MailParties(city is null ? null : Person.FromStored(city.Name, city.ContactEmail), await OrganizerAsync(db, speaker.MeetingId, organizers, ct));
    }

    /// <summary>The organizer of the meeting's series, read once per meeting and save (<paramref name="organizers"/>).</summary>
    private static async Task<Person?> OrganizerAsync(MeetingsDbContext db, Guid meetingId, Dictionary<Guid, Person?> organizers, CancellationToken ct)
    {
        if (organizers.TryGetValue(meetingId, out var known))
        {
            return known;
        }

        var organizer = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Join(db.Series, m => m.SeriesId, s => s.Id, (m, s) => new { s.Name, s.OrganizerEmail }).SingleOrDefaultAsync(ct);
        return organizers[meetingId] = organizer is null ? null : Person.FromStored(organizer.Name, organizer.OrganizerEmail);
    }
}
