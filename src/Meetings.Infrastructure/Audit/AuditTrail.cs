using System.Text.Json;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Meetings.Infrastructure.Audit;

/// <summary>
/// The audit rows of one save, added to that very save (<see cref="Persistence.MeetingsDbContext.SaveChangesAsync(bool, CancellationToken)"/>),
/// so that they commit or fail with the change. One row per changed resource: an owned value or a child row (an
/// answer's history entry) counts as a change of the resource it belongs to; an invitation or agenda item changed
/// together with its meeting (publish, reschedule) is part of the meeting's change. The mail ledger, idempotency
/// records and the audit log itself are machinery, not resources. Who: what <see cref="Attribute"/> said for that
/// resource (the answers' group commit saves many callers' answers at once), else <see cref="AuditScope.Current"/>,
/// else the service itself.
/// </summary>
public sealed class AuditTrail
{
    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(Delivery), typeof(IdempotencyRecord)];
    private static readonly string Meeting = ResourceTypeOf(typeof(Meeting));

    private Dictionary<(string Type, Guid Id), AuditStamp>? _attributed;
    private List<(string Type, Guid Id)>? _noted;

    /// <summary>The clock the rows are stamped with (the host's; set when the context is handed out).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The resource type as the audit log names it: <c>meeting</c>, <c>api-key</c>, <c>agenda-item</c>, ….</summary>
    public static string ResourceTypeOf(Type type) => JsonNamingPolicy.KebabCaseLower.ConvertName(type.Name);

    /// <summary>The resource types of <paramref name="model"/> that the audit log records.</summary>
    public static IReadOnlyList<string> ResourceTypes(IModel model) => model.GetEntityTypes()
        .Where(t => !t.IsOwned() && !NotAudited.Contains(t.ClrType) && GuidKey(t) is not null)
        .Select(t => ResourceTypeOf(t.ClrType)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The change to this resource in the next save is <paramref name="stamp"/>'s.</summary>
    public void Attribute(string resourceType, Guid resourceId, AuditStamp stamp) => (_attributed ??= [])[(resourceType, resourceId)] = stamp;

    /// <summary>
    /// An action on a resource that changes none of its rows (a personal link mailed again): the next save records it as
    /// a change of that resource by <see cref="AuditScope.Current"/>, like any other.
    /// </summary>
    public void Note(string resourceType, Guid resourceId) => (_noted ??= []).Add((resourceType, resourceId));

    /// <summary>Forgets the attributions and notes (the context goes back to its pool, or they were saved).</summary>
    internal void Reset() => (_attributed, _noted) = (null, null);

    internal void Record(DbContext db)
    {
        var fallback = AuditScope.Current ?? AuditStamp.System;
        var rows = new Dictionary<(string Type, Guid Id), Row>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || ResourceOf(entry) is not { } resource)
            {
                continue;
            }

            var key = (resource.Type, resource.Id);
            rows.TryGetValue(key, out var row);
            row ??= rows[key] = new Row(_attributed?.GetValueOrDefault(key) ?? fallback);
            if (resource.Own)
            {
                row.Change = entry.State switch { EntityState.Added => AuditChange.Created, EntityState.Deleted => AuditChange.Deleted, _ => AuditChange.Updated };
                row.Parent = resource.Parent;
            }
        }

        foreach (var key in _noted ?? [])
        {
            rows.TryAdd(key, new Row(_attributed?.GetValueOrDefault(key) ?? fallback));
        }

        var now = Clock.GetUtcNow();
        foreach (var ((type, id), row) in rows)
        {
            if (row.Parent is { } parent && rows.TryGetValue(parent, out var whole) && whole.Stamp == row.Stamp)
            {
                continue; // part of its meeting's change, by the same actor
            }

            db.Add(AuditEntry.Of(row.Stamp, row.Change, type, id, now));
        }

        (_attributed, _noted) = (null, null);
    }

    /// <summary>Which resource the entry's row is (Own) or belongs to, and for an invitation or agenda item its meeting.</summary>
    private static (string Type, Guid Id, bool Own, (string, Guid)? Parent)? ResourceOf(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (NotAudited.Contains(type.ClrType))
        {
            return null;
        }

        if (type.FindOwnership() is { } ownership)
        {
            // An owned value shares its owner's key: a change of the owner (walked up to the root for nested values).
            var owner = ownership.PrincipalEntityType;
            while (owner.FindOwnership() is { } outer)
            {
                owner = outer.PrincipalEntityType;
            }

            return entry.Property(ownership.Properties[0].Name).CurrentValue is Guid ownerId && GuidKey(owner) is not null
                ? (ResourceTypeOf(owner.ClrType), ownerId, false, null)
                : null;
        }

        if (GuidKey(type) is { } key)
        {
            (string, Guid)? parent = entry.Entity is Invitation or AgendaItem && entry.Property(nameof(Invitation.MeetingId)).CurrentValue is Guid meetingId
                ? (Meeting, meetingId)
                : null;
            return (ResourceTypeOf(type.ClrType), (Guid)entry.Property(key.Name).CurrentValue!, true, parent);
        }

        // A child row without an id of the API's kind (an answer's history entry): a change of the row it belongs to.
        foreach (var foreignKey in type.GetForeignKeys())
        {
            if (GuidKey(foreignKey.PrincipalEntityType) is not null && entry.Property(foreignKey.Properties[0].Name).CurrentValue is Guid principalId)
            {
                return (ResourceTypeOf(foreignKey.PrincipalEntityType.ClrType), principalId, false, null);
            }
        }

        return null;
    }

    private static IProperty? GuidKey(IEntityType type) =>
        type.FindPrimaryKey() is { Properties: [{ ClrType: var clr } property] } && clr == typeof(Guid) ? property : null;

    private sealed class Row(AuditStamp stamp)
    {
        public AuditStamp Stamp { get; } = stamp;
        public AuditChange Change { get; set; } = AuditChange.Updated;
        public (string, Guid)? Parent { get; set; }
    }
}
