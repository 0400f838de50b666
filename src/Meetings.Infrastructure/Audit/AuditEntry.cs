using Meetings.Domain.Common;

namespace Meetings.Infrastructure.Audit;

/// <summary>Who made a change: an API key, or a personal link, a calendar reply or the answer page for an invitation.</summary>
public enum AuditActorKind
{
    /// <summary>An API key (the bootstrap admin key has no id).</summary>
    Key,

    /// <summary>A personal link (<c>/api/rsvp/{token}</c>), for its invitation.</summary>
    Token,

    /// <summary>A calendar reply, for the invitation it answered (sent with a key, named too).</summary>
    Calendar,

    /// <summary>The personal answer page, for its invitation.</summary>
    Page,

    /// <summary>The service itself: a job, the demo seed.</summary>
    System,

    /// <summary>A person of the office, signed in with the city's identity provider (named by <c>sub</c>, name and e-mail).</summary>
    Person,
}

public enum AuditChange
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One change of one resource, written in the same transaction as the change (<see cref="AuditTrail"/>): who, what
/// (the operation, the resource type and id, created / updated / deleted), when. Kept for <c>Audit:RetentionDays</c>.
/// </summary>
public sealed class AuditEntry
{
    public const int NameMaxLength = 300;
    public const int OperationMaxLength = 100;
    public const int ResourceTypeMaxLength = 40;
    public const int SubjectMaxLength = 200;
    public const int EmailMaxLength = 254;

    private AuditEntry()
    {
        ActorName = Operation = ResourceType = string.Empty;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public AuditActorKind ActorKind { get; private set; }
    public Guid? KeyId { get; private set; }
    public string ActorName { get; private set; }

    /// <summary>A person's <c>sub</c> at the identity provider (<see cref="AuditActorKind.Person"/>).</summary>
    public string? ActorSubject { get; private set; }

    /// <summary>A person's e-mail, as the identity provider gave it.</summary>
    public string? ActorEmail { get; private set; }
    public Guid? InvitationId { get; private set; }
    public string Operation { get; private set; }
    public AuditChange Change { get; private set; }
    public string ResourceType { get; private set; }
    public Guid ResourceId { get; private set; }

    /// <summary>
    /// The row of one change. A <see cref="AuditStamp.DayOnly"/> stamp (feedback) gets the day only (midnight UTC), a
    /// random id (a time-ordered one would carry the instant to the millisecond), and no invitation or key.
    /// </summary>
    internal static AuditEntry Of(AuditStamp stamp, AuditChange change, string resourceType, Guid resourceId, DateTimeOffset at) => new()
    {
        Id = stamp.DayOnly ? Guid.NewGuid() : Ids.New(),
        At = stamp.DayOnly ? new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero) : at,
        ActorKind = stamp.Actor.Kind,
        KeyId = stamp.DayOnly ? null : stamp.Actor.KeyId,
        ActorName = stamp.Actor.Name.Length > NameMaxLength ? stamp.Actor.Name[..NameMaxLength] : stamp.Actor.Name,
        ActorSubject = stamp.DayOnly ? null : Cut(stamp.Actor.Subject, SubjectMaxLength),
        ActorEmail = stamp.DayOnly ? null : Cut(stamp.Actor.Email, EmailMaxLength),
        InvitationId = stamp.DayOnly ? null : stamp.Actor.InvitationId,
        Operation = stamp.Operation.Length > OperationMaxLength ? stamp.Operation[..OperationMaxLength] : stamp.Operation,
        Change = change,
        ResourceType = resourceType,
        ResourceId = resourceId,
    };

    private static string? Cut(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
