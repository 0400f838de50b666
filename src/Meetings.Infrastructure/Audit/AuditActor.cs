using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Audit;

/// <summary>Who made a change, as the audit log names it.</summary>
/// <param name="Kind">A key, a personal link, a calendar reply, the answer page, or the service itself.</param>
/// <param name="KeyId">The API key's id (none for the bootstrap admin key and for personal links).</param>
/// <param name="Name">The key's name, or what the channel is called.</param>
/// <param name="InvitationId">For a personal link, a calendar reply or the answer page: whose invitation it was.</param>
public sealed record AuditActor(AuditActorKind Kind, Guid? KeyId, string Name, Guid? InvitationId = null)
{
    /// <summary>A person's <c>sub</c> at the identity provider.</summary>
    public string? Subject { get; init; }

    /// <summary>A person's e-mail, as the identity provider gave it.</summary>
    public string? Email { get; init; }

    public static readonly AuditActor System = new(AuditActorKind.System, null, "system");

    /// <summary>A personal link before it is known whose it is (the answering use case knows that).</summary>
    public static readonly AuditActor PersonalLink = new(AuditActorKind.Token, null, "personal link");

    /// <summary>The answer page (<c>/rsvp/{token}</c>) before it is known whose invitation it is.</summary>
    public static readonly AuditActor AnswerPage = new(AuditActorKind.Page, null, "answer page");

    public static AuditActor Key(Guid? keyId, string name) => new(AuditActorKind.Key, keyId, name);

    /// <summary>A person of the office signed in with the identity provider: <c>sub</c>, name, e-mail instead of a key.</summary>
    public static AuditActor Person(string subject, string name, string? email) => new(AuditActorKind.Person, null, name) { Subject = subject, Email = email };

    /// <summary>Who gave an answer that came through <paramref name="via"/> from <paramref name="caller"/>.</summary>
    public static AuditActor ForAnswer(AnswerChannel via, AuditActor caller, Guid invitationId) => via switch
    {
        AnswerChannel.Token => (caller.Kind == AuditActorKind.Page ? AnswerPage : PersonalLink) with { InvitationId = invitationId },
        AnswerChannel.Calendar => caller with { Kind = AuditActorKind.Calendar, InvitationId = invitationId },
        _ => caller,
    };
}

/// <summary>Who does what: the actor and the operation (the use case, e.g. <c>PublishMeeting</c>).</summary>
/// <param name="DayOnly">
/// The work is given in confidence (feedback): its rows keep the day only (midnight UTC), an id that carries no time,
/// and neither invitation nor key — nothing that tells who it was by when it happened (<see cref="AuditEntry"/>).
/// </param>
public sealed record AuditStamp(AuditActor Actor, string Operation, bool DayOnly = false)
{
    public static readonly AuditStamp System = new(AuditActor.System, "system");
}

/// <summary>
/// The stamp of the work going on in this asynchronous flow: set by the API for each request it handles, read by the
/// audit trail when the request's changes are saved and by the answering use case when an answer is handed over (its
/// group commit saves many callers' answers at once, each under the stamp it came with). Work outside a request
/// (jobs, the demo seed) has none and is recorded as <see cref="AuditStamp.System"/>.
/// </summary>
public static class AuditScope
{
    private static readonly AsyncLocal<AuditStamp?> Stamp = new();

    public static AuditStamp? Current => Stamp.Value;

    /// <summary>Until disposed, the work in this flow is done as <paramref name="stamp"/>.</summary>
    public static IDisposable Begin(AuditStamp stamp)
    {
        var previous = Stamp.Value;
        Stamp.Value = stamp;
        return new Restore(previous);
    }

    private sealed class Restore(AuditStamp? previous) : IDisposable
    {
        public void Dispose() => Stamp.Value = previous;
    }
}
