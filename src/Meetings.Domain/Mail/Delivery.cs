using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Mail;

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
    Minutes,
    TaskAssigned,
    TaskDue,
    TaskOverdue,
    FeedbackRequest,
    DatePoll,
    PollNudge,
    DateChosen,
    TopicCall,
    TopicAccepted,
    TopicDeclined,

    /// <summary>To the series' organizer: mails of a meeting came back (<c>bounced</c>), one per meeting and hour.</summary>
    BounceAlert,
}

public enum DeliveryStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
    Skipped,

    /// <summary>Sent, then came back: a delivery status notification with a permanent failure (<c>5.x.x</c>) named this row.</summary>
    Bounced,
}

/// <summary>
/// One mail in the delivery ledger: one row per (scope, recipient, kind, occasion), unique in the
/// database, written in the same transaction as the change that causes it. The ledger — not the job
/// system — is the truth about what is due, sent, failed or skipped.
/// <para>
/// The states: <c>queued</c> (due at <see cref="DueAt"/>) → <c>sending</c> (claimed by a dispatcher under a lease)
/// → <c>sent</c>, <c>failed</c>, or <c>queued</c> again for a retry; <c>queued</c> or <c>sending</c> →
/// <c>skipped</c> (not to be sent any more, with the reason); <c>sent</c> → <c>bounced</c> (it came back). Failed, skipped and bounced are final.
/// </para>
/// </summary>
public sealed class Delivery : AggregateRoot
{
    public const int OccasionMaxLength = 100;
    public const int ErrorMaxLength = 1000;
    public const int ScopeMaxLength = 60;

    private Delivery()
    {
        Scope = RecipientEmail = string.Empty;
        Occasion = Occasion.Invitation;
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

    /// <summary>The task a due or overdue mail is about.</summary>
    public Guid? TaskId { get; private set; }

    /// <summary>The department whose head a task mail goes to.</summary>
    public Guid? DepartmentId { get; private set; }

    public DeliveryKind Kind { get; private set; }
    public Person Recipient { get; private set; }

    /// <summary>The recipient's address as the unique key compares it (normalised, lower case).</summary>
    public string RecipientEmail { get; private set; }

    /// <summary>What this mail is for, within its kind.</summary>
    public Occasion Occasion { get; private set; }

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
    public (string Scope, string Email, DeliveryKind Kind, Occasion Occasion) Key => (Scope, RecipientEmail, Kind, Occasion);

    /// <summary>Reminders and the nudge: due at a time of their own, planned from the meeting's start, deadline and plan.</summary>
    public bool IsTimed => Kind is DeliveryKind.Reminder or DeliveryKind.RsvpNudge;

    /// <summary>The due and overdue mails of a task: due at a time of their own, planned from its due date.</summary>
    public bool IsTaskTimed => Kind is DeliveryKind.TaskDue or DeliveryKind.TaskOverdue;

    /// <summary>
    /// A mail about a meeting (to an invitee when <paramref name="invitationId"/> is given). A reminder or nudge whose time
    /// had passed when it was planned is skipped.
    /// </summary>
    public static Delivery ForMeeting(Guid meetingId, Guid? invitationId, Person recipient, DeliveryKind kind, Occasion occasion, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(meetingId), recipient, kind, occasion, dueAt, now);
        delivery.MeetingId = meetingId;
        delivery.InvitationId = invitationId;
        if (dueAt < now.AddMinutes(-1) && delivery.IsTimed)
        {
            delivery.Skip("its time had passed when it was planned");
        }

        return delivery;
    }

    /// <summary>A mail about a speaker's proposal (confirmed, rejected, withdrawn), due at once; one per speaker and recipient.</summary>
    public static Delivery ForSpeaker(Guid meetingId, Guid speakerId, Person recipient, DeliveryKind kind, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(meetingId), recipient, kind, Occasion.Speaker(speakerId), now, now);
        delivery.MeetingId = meetingId;
        delivery.SpeakerId = speakerId;
        return delivery;
    }

    /// <summary>The cadence alert of a series for one year and level (at-risk, missed), due at once.</summary>
    public static Delivery ForSeries(Guid seriesId, Person recipient, int year, CadenceStatus level, DateTimeOffset now)
    {
        var delivery = New(SeriesScopeOf(seriesId), recipient, DeliveryKind.CadenceAlert, Occasion.Cadence(year, level), now, now);
        delivery.SeriesId = seriesId;
        return delivery;
    }

    /// <summary>
    /// A mail about a task (to its department's head): the new tasks of a meeting (<paramref name="taskId"/> null), or the
    /// due or overdue mail of one task. A due or overdue mail whose time had passed when it was planned is skipped.
    /// </summary>
    public static Delivery ForTasks(Guid meetingId, Guid departmentId, Guid? taskId, Person head, DeliveryKind kind, Occasion occasion, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(meetingId), head, kind, occasion, dueAt, now);
        delivery.MeetingId = meetingId;
        delivery.DepartmentId = departmentId;
        delivery.TaskId = taskId;
        if (dueAt < now.AddMinutes(-1) && delivery.IsTaskTimed)
        {
            delivery.Skip("its time had passed when it was planned");
        }

        return delivery;
    }

    /// <summary>
    /// A mail of the call for topics to a department's head (<c>topic-call</c>, <c>topic-accepted</c>, <c>topic-declined</c>),
    /// due at once; the occasion names the call's deadline or the topic.
    /// </summary>
    public static Delivery ForTopics(Guid meetingId, Guid departmentId, Person head, DeliveryKind kind, Occasion occasion, DateTimeOffset now)
    {
        var delivery = New(ScopeOf(meetingId), head, kind, occasion, now, now);
        delivery.MeetingId = meetingId;
        delivery.DepartmentId = departmentId;
        return delivery;
    }

    public static string ScopeOf(Guid meetingId) => $"meeting:{meetingId}";

    public static string SeriesScopeOf(Guid seriesId) => $"series:{seriesId}";

    private static Delivery New(string scope, Person recipient, DeliveryKind kind, Occasion occasion, DateTimeOffset dueAt, DateTimeOffset now) => new()
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

    /// <summary>A dispatcher takes the row to send it; nobody else may until the lease runs out or it is released.</summary>
    public void Claim(Guid claimToken, DateTimeOffset leaseUntil)
    {
        Expect(DeliveryStatus.Queued, "claimed");
        Status = DeliveryStatus.Sending;
        ClaimToken = claimToken;
        LeaseUntil = leaseUntil;
    }

    /// <summary>The server accepted the mail.</summary>
    public void MarkSent(DateTimeOffset now)
    {
        Expect(DeliveryStatus.Sending, "marked sent");
        Status = DeliveryStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        EndClaim();
    }

    /// <summary>A transient failure (4xx, connection): queued again for <paramref name="nextAttempt"/>.</summary>
    public void Retry(string error, DateTimeOffset nextAttempt)
    {
        Expect(DeliveryStatus.Sending, "retried");
        Attempts++;
        Status = DeliveryStatus.Queued;
        DueAt = nextAttempt;
        LastError = Trim(error);
        EndClaim();
    }

    /// <summary>A permanent rejection (5xx) or retries exhausted: not tried again.</summary>
    public void Fail(string error)
    {
        Expect(DeliveryStatus.Sending, "failed");
        Attempts++;
        Status = DeliveryStatus.Failed;
        LastError = Trim(error);
        EndClaim();
    }

    /// <summary>
    /// The mail came back: a delivery status notification with a permanent failure named this row. Only a <c>sent</c> mail
    /// can bounce (the others never reached a server that could return them: <see cref="BounceOutcome.NotSent"/>, unchanged);
    /// a second notice for a bounced row changes nothing (<see cref="BounceOutcome.BouncedBefore"/>). The diagnostic is
    /// kept as the row's error, on one line.
    /// </summary>
    public BounceOutcome Bounce(string diagnostic, DateTimeOffset now)
    {
        switch (Status)
        {
            case DeliveryStatus.Bounced:
                return BounceOutcome.BouncedBefore;
            case not DeliveryStatus.Sent:
                return BounceOutcome.NotSent;
        }

        Status = DeliveryStatus.Bounced;
        LastError = Trim(TextRules.ToOneLine(diagnostic)); // a stranger's text: no control characters (PostgreSQL stores no NUL)
        Raise(new DeliveryBounced(this, now));
        return BounceOutcome.Bounced;
    }

    /// <summary>Not sent, for a reason that is kept (superseded, declined, meeting cancelled or started, …).</summary>
    public void Skip(string reason)
    {
        if (Status is not (DeliveryStatus.Queued or DeliveryStatus.Sending))
        {
            throw new DomainException($"A {Status.ToString().ToLowerInvariant()} mail cannot be skipped.");
        }

        Status = DeliveryStatus.Skipped;
        LastError = Trim(reason);
        EndClaim();
    }

    private void Expect(DeliveryStatus status, string change)
    {
        if (Status != status)
        {
            throw new DomainException($"A {Status.ToString().ToLowerInvariant()} mail cannot be {change}.");
        }
    }

    private void EndClaim()
    {
        ClaimToken = null;
        LeaseUntil = null;
    }

    private static string Trim(string text) => text.Length > ErrorMaxLength ? text[..ErrorMaxLength] : text;
}

/// <summary>A sent mail came back (<see cref="Delivery.Bounce"/>): the organizer of its meeting's series hears of it.</summary>
public sealed record DeliveryBounced(Delivery Row, DateTimeOffset At) : IDomainEvent;

/// <summary>What a bounce notice did to its row (<see cref="Delivery.Bounce"/>).</summary>
public enum BounceOutcome
{
    /// <summary>The row became <c>bounced</c>.</summary>
    Bounced,

    /// <summary>The row had bounced before: unchanged.</summary>
    BouncedBefore,

    /// <summary>The row was never sent (queued, sending, failed, skipped): it could not come back; unchanged.</summary>
    NotSent,
}
