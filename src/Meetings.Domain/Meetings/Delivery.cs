using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

public enum DeliveryKind
{
    Invitation,
    Update,
    Cancellation,
    Reminder,
    RsvpNudge,
    SpeakerConfirmed,
    SpeakerRejected,
    SpeakerWithdrawn,
    CadenceAlert,
}

public enum DeliveryStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
    Skipped,
}

/// <summary>
/// One mail in the delivery ledger: one row per (scope, recipient, kind, occasion), unique in the
/// database, written in the same transaction as the change that causes it. The ledger — not the job
/// system — is the truth about what is due, sent, failed or skipped.
/// </summary>
public sealed class Delivery
{
    public const int OccasionMaxLength = 100;
    public const int ErrorMaxLength = 1000;

    private Delivery()
    {
        Scope = Occasion = RecipientEmail = string.Empty;
        Recipient = null!;
    }

    public Guid Id { get; private set; }

    /// <summary><c>meeting:{id}</c> or <c>series:{id}</c>.</summary>
    public string Scope { get; private set; }

    public Guid? MeetingId { get; private set; }
    public Guid? InvitationId { get; private set; }

    /// <summary>The speaker a speaker mail is about.</summary>
    public Guid? SpeakerId { get; private set; }

    /// <summary>The series a cadence alert is about.</summary>
    public Guid? SeriesId { get; private set; }

    public DeliveryKind Kind { get; private set; }
    public Person Recipient { get; private set; }

    /// <summary>The recipient's address as the unique key compares it (normalised, lower case).</summary>
    public string RecipientEmail { get; private set; }

    /// <summary>What this mail is for, within its kind: <c>invitation</c>, <c>seq-3</c>, <c>P7D@{start ticks}</c>, …</summary>
    public string Occasion { get; private set; }

    public DateTimeOffset DueAt { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set while a dispatcher holds the row (<see cref="DeliveryStatus.Sending"/>); an expired lease is recovered.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>The key that is unique in the database: (scope, recipient, kind, occasion).</summary>
    public (string Scope, string Email, DeliveryKind Kind, string Occasion) Key => (Scope, RecipientEmail, Kind, Occasion);

    public static Delivery ForMeeting(Meeting meeting, Invitation? invitation, Person recipient, DeliveryKind kind, string occasion, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(meeting.Id), recipient, kind, occasion, dueAt, now);
        delivery.MeetingId = meeting.Id;
        delivery.InvitationId = invitation?.Id;
        if (dueAt < now.AddMinutes(-1) && kind is DeliveryKind.Reminder or DeliveryKind.RsvpNudge)
        {
            delivery.Skip("its time had passed when it was planned");
        }

        return delivery;
    }

    /// <summary>A mail about a speaker's proposal (confirmed, rejected, withdrawn), due at once; one per speaker and recipient.</summary>
    public static Delivery ForSpeaker(Speaker speaker, Person recipient, DeliveryKind kind, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(speaker.MeetingId), recipient, kind, speaker.Id.ToString("N"), now, now);
        delivery.MeetingId = speaker.MeetingId;
        delivery.SpeakerId = speaker.Id;
        return delivery;
    }

    /// <summary>The cadence alert of a series for one year and level (at-risk, missed), due at once.</summary>
    public static Delivery ForSeries(Series series, Person recipient, DeliveryKind kind, string occasion, DateTimeOffset now)
    {
        var delivery = New(SeriesScopeOf(series.Id), recipient, kind, occasion, now, now);
        delivery.SeriesId = series.Id;
        return delivery;
    }

    public static string ScopeOf(Guid meetingId) => $"meeting:{meetingId}";

    public static string SeriesScopeOf(Guid seriesId) => $"series:{seriesId}";

    private static Delivery New(string scope, Person recipient, DeliveryKind kind, string occasion, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        Scope = scope,
        Kind = kind,
        Recipient = recipient with { },
        RecipientEmail = EmailAddress.Normalize(recipient.Email),
        Occasion = occasion,
        DueAt = dueAt,
        Status = DeliveryStatus.Queued,
        QueuedAt = now,
    };

    /// <summary>The server accepted the mail.</summary>
    public void MarkSent(DateTimeOffset now)
    {
        Status = DeliveryStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        ClaimToken = null;
        LeaseUntil = null;
    }

    /// <summary>A transient failure (4xx, connection): queued again for <paramref name="nextAttempt"/>.</summary>
    public void Retry(string error, DateTimeOffset nextAttempt)
    {
        Attempts++;
        Status = DeliveryStatus.Queued;
        DueAt = nextAttempt;
        LastError = Trim(error);
        ClaimToken = null;
        LeaseUntil = null;
    }

    /// <summary>A permanent rejection (5xx) or retries exhausted: not tried again.</summary>
    public void Fail(string error)
    {
        Attempts++;
        Status = DeliveryStatus.Failed;
        LastError = Trim(error);
        ClaimToken = null;
        LeaseUntil = null;
    }

    private static string Trim(string text) => text.Length > ErrorMaxLength ? text[..ErrorMaxLength] : text;

    /// <summary>Not sent, for a reason that is kept (superseded, declined, meeting cancelled or started, …).</summary>
    public void Skip(string reason)
    {
        if (Status is DeliveryStatus.Queued or DeliveryStatus.Sending)
        {
            Status = DeliveryStatus.Skipped;
            LastError = Trim(reason);
            ClaimToken = null;
            LeaseUntil = null;
        }
    }
}
