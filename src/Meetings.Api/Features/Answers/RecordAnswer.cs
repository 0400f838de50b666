using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// Answering an invitation, the one use case behind every channel — by key (<see cref="AnswerByKey"/>), by personal link
/// (<see cref="AnswerByToken"/>), on the answer page (<c>AnswerPage/AnswerByPage</c>), by calendar reply
/// (<see cref="AnswerByCalendarReply"/>, which a mailbox reader calls too). It loads the invitation (by id, by link, by
/// the attendee's address; a department key finds only its own department's: 404 otherwise), applies the rule
/// (<see cref="Invitation.Answer"/>: a refusal is this answer's own 4xx), and attributes the audit entry to who answered
/// through which channel. It runs in the <see cref="GroupCommit"/> with other answers waiting at the same time (their
/// invitations, history and the allowed addresses read once for all: <see cref="AnswerReads"/>); the caller gets its own
/// result once the group is committed.
/// </summary>
internal sealed class RecordAnswer(GroupCommit commits, MeetingsDbContext db, TimeProvider clock)
{
    private static readonly string InvitationResource = AuditTrail.ResourceTypeOf(typeof(Invitation));

    public async Task<RecordedAnswer> RecordAsync(AnswerRequest request, CancellationToken ct)
    {
        // The operation is the channel's use case (e.g. AnswerByKey), as the request's audit scope names it; the actor is who answers.
        var scope = AuditScope.Current;
        var stamp = new AuditStamp(request.By.Audit, scope?.Operation ?? nameof(RecordAnswer), scope?.DayOnly ?? false);
        try
        {
            return await commits.CommitAsync(new Work(request, stamp, clock), ct);
        }
        catch (NotFoundException unknown) when (request.Invitation is InvitationRef.ByToken link)
        {
            throw await LinkTokens.WhyNoAnswer(db, link.Token, unknown, ct);
        }
    }

    /// <summary>One answer as a piece of the group commit's unit of work: applied on its own, saved with the others.</summary>
    private sealed class Work(AnswerRequest request, AuditStamp stamp, TimeProvider clock) : IGroupedWork<RecordedAnswer>
    {
        public void Announce(GroupUnit unit) => unit.Shared<AnswerReads>().Want(request);

        public async Task<RecordedAnswer> ApplyAsync(GroupUnit unit, CancellationToken ct)
        {
            var (db, reads) = (unit.Db, unit.Shared<AnswerReads>());
            // The invitation, its own aggregate (tracked: it changes and raises its own events), without its history, which is
            // append-only: an answer adds an entry. Found within the caller's scope: a department key's own department only.
            var invitation = await reads.InvitationAsync(request, ct);

            // Its meeting (tracked: the rule reads it; a delegation names it in its event) with the agenda: shared by the unit's answers, loaded once.
            var meeting = await db.Meetings.FindAsync([invitation.MeetingId], ct) ?? throw NotFoundException.Invitation();
            if (db.Entry(meeting).Collection(m => m.AgendaItems) is { IsLoaded: false } agenda)
            {
                await agenda.LoadAsync(ct);
            }

            // As much of the stored history as the response shows, by the invitation's own key (never the whole table).
            var stored = request.HistoryShown > 0 ? await reads.StoredHistoryAsync(invitation.Id, request.HistoryShown, ct) : null;

            // Only a delegation named by someone other than an admin needs the addresses the service mails.
            var allowed = request.Via != AnswerChannel.Admin && request.Answer.For(invitation, meeting).Status == AnswerStatus.Delegated
                ? await reads.RecipientsAsync(ct)
                : AllowedRecipients.None;
            invitation.Answer(meeting, request.Answer, request.Via, request.By.Name, clock.GetUtcNow(), allowed);
            db.Audit.Attribute(InvitationResource, invitation.Id, stamp with { Actor = AuditActor.ForAnswer(request.Via, stamp.Actor, invitation.Id) });
            return new RecordedAnswer(invitation.Snapshot(stored), meeting);
        }
    }
}

/// <param name="Invitation">Which invitation is answered.</param>
/// <param name="Answer">What the invitee says.</param>
/// <param name="Via">The channel it came through.</param>
/// <param name="By">Who sends it: named so in the history and the audit log; a department key's scope.</param>
/// <param name="HistoryShown">How many of the latest history entries the caller's response shows: only these are loaded.</param>
public sealed record AnswerRequest(InvitationRef Invitation, IAnswer Answer, AnswerChannel Via, Answerer By, int HistoryShown = 0)
{
    /// <summary>A department key's department: it may answer only that department's invitation (404 otherwise).</summary>
    public Guid? DepartmentScope => By.DepartmentScope;
}

/// <summary>
/// Who answers, carried by the request so that a channel without an HTTP caller (a background service) names itself.
/// </summary>
/// <param name="Name">How the invitation's history names them (a key's name and id, "personal link", "mailbox for …").</param>
/// <param name="Audit">Who the audit log names (<see cref="AuditActor.ForAnswer"/> adds the channel and the invitation).</param>
/// <param name="DepartmentScope">A department key's department, to which its answers are confined; null for the office and the links.</param>
public sealed record Answerer(string Name, AuditActor Audit, Guid? DepartmentScope = null)
{
    /// <summary>The invitee through the personal link (<c>PUT /api/rsvp/{token}</c>).</summary>
    public static readonly Answerer PersonalLink = new("personal link", AuditActor.PersonalLink);

    /// <summary>The invitee on the answer page (<c>POST /rsvp/{token}</c>).</summary>
    public static readonly Answerer AnswerPage = new("answer page", AuditActor.AnswerPage);

    /// <summary>The key or the person signed in that sent the request.</summary>
    public static Answerer Of(Caller caller) => new(caller.Actor, caller.AuditActor, caller.DepartmentScope);

    /// <summary>A part of the service answering on its own (the mailbox reader: <c>Answerer.Service("mailbox")</c>), confined to no department.</summary>
    public static Answerer Service(string name) => new(name, AuditActor.System with { Name = name });
}

/// <summary>Which invitation an answer is for.</summary>
public abstract record InvitationRef
{
    private InvitationRef()
    {
    }

    /// <summary>By id, within its meeting (the API, by key).</summary>
    public sealed record ById(Guid MeetingId, Guid InvitationId) : InvitationRef;

    /// <summary>By the personal link's token (the invitee's: a delegate's link does not answer, 403).</summary>
    public sealed record ByToken(string Token) : InvitationRef;

    /// <summary>By the attendee's address, head or delegate, within the meeting (a calendar reply); an address that holds two invitations is a 409.</summary>
    public sealed record ByAttendee(Guid MeetingId, string Email) : InvitationRef;
}

/// <summary>
/// An answer as stored: the invitation as it was right after this answer (with the latest history entries the request
/// asked for, <see cref="AnswerRequest.HistoryShown"/>), and its meeting with the agenda.
/// </summary>
public sealed record RecordedAnswer(Invitation Invitation, Meeting Meeting);
