using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// What the answers of one unit of work of the group commit read (<see cref="RecordAnswer"/>, <see cref="GroupCommit"/>), each by its own key and at most once: the
/// invitations answered by id, by link or by a department's calendar reply, fetched for the whole batch in one query each
/// before the answers are applied one by one (tracked: they change); each invitation's stored history as far as its response shows it (the entries the
/// unit of work adds come on top); the addresses the service mails, only when an answer names a delegate. The batch's
/// serial path was two queries per answer before; the database commits one writer at a time, so its length is what the
/// answers wait for (bench/notes.md, issue 20).
/// </summary>
internal sealed class AnswerReads(AllowedRecipientsSource source, MeetingsDbContext db) : ISharedRead
{
    private readonly List<AnswerRequest> _wanted = [];
    private readonly Dictionary<Guid, Invitation> _byId = [];
    private readonly Dictionary<string, Invitation> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Meeting, Guid Department), Invitation> _byDepartment = [];
    private readonly Dictionary<(Guid Invitation, int Count), List<AnswerHistoryEntry>> _history = [];
    private bool _prefetched;
    private AllowedRecipients? _recipients;

    /// <summary>An answer of the unit: what it reads is fetched with the others' (<see cref="ReadAsync"/>).</summary>
    public void Want(AnswerRequest request) => _wanted.Add(request);

    /// <summary>Fetches the invitations the unit answers by id, by link or by a department's calendar reply, and the history their responses show.</summary>
    public async Task ReadAsync(CancellationToken ct)
    {
        _prefetched = true;
        var requests = _wanted;
        var ids = requests.Select(r => r.Invitation).OfType<InvitationRef.ById>().Select(r => r.InvitationId).Distinct().ToList();
        if (ids.Count > 0)
        {
            foreach (var invitation in await db.Invitations.Where(i => ids.Contains(i.Id)).ToListAsync(ct))
            {
                _byId[invitation.Id] = invitation;
            }
        }

        var tokens = requests.Select(r => r.Invitation).OfType<InvitationRef.ByToken>().Select(r => r.Token).Distinct().ToList();
        if (tokens.Count > 0)
        {
            foreach (var invitation in await db.Invitations.Where(i => tokens.Contains(i.Token)).ToListAsync(ct))
            {
                _byToken[invitation.Token] = invitation;
            }
        }

        // A calendar reply sent with a department's key can only answer that department's invitation of the meeting.
        var replies = requests.Where(r => r.Invitation is InvitationRef.ByAttendee && r.DepartmentScope is not null).ToList();
        if (replies.Count > 0)
        {
            var meetings = replies.Select(r => ((InvitationRef.ByAttendee)r.Invitation).MeetingId).Distinct().ToList();
            var departments = replies.Select(r => r.DepartmentScope!.Value).Distinct().ToList();
            foreach (var invitation in await db.Invitations
                         .Where(i => meetings.Contains(i.MeetingId) && i.DepartmentId != null && departments.Contains(i.DepartmentId.Value)).ToListAsync(ct))
            {
                _byDepartment[(invitation.MeetingId, invitation.DepartmentId!.Value)] = invitation;
            }
        }

        foreach (var shown in requests.Where(r => r.HistoryShown > 0).GroupBy(r => r.HistoryShown))
        {
            var found = shown.SelectMany(Fetched).Select(i => i.Id).Distinct().ToList();
            var latest = await InvitationHistoryQueries.LatestAsync(db, found, shown.Key, ct);
            foreach (var id in found)
            {
                _history[(id, shown.Key)] = [.. latest[id]];
            }
        }
    }

    /// <summary>The invitation the request answers, as <see cref="Find"/> finds it: a 404 when none, a 409 when the address holds two.</summary>
    public async Task<Invitation> InvitationAsync(AnswerRequest request, CancellationToken ct)
    {
        var found = _prefetched && (request.Invitation is InvitationRef.ById or InvitationRef.ByToken || request is { Invitation: InvitationRef.ByAttendee, DepartmentScope: not null })
            ? [.. Fetched(request).Where(i => Matches(i, request))]
            : await Find(db.Invitations, request).Take(2).ToListAsync(ct);
        return found.Count switch
        {
            0 => throw NotFoundException.Invitation(),
            1 => found[0],
            _ => throw new DomainException(
                "The attendee's address holds two invitations of this meeting (invited itself and delegate of another, say); "
                + "the reply cannot tell which it answers. Answer through the personal link or by key."),
        };
    }

    public async Task<AllowedRecipients> RecipientsAsync(CancellationToken ct) => _recipients ??= await source.LoadAsync(db, ct);

    public async Task<List<AnswerHistoryEntry>> StoredHistoryAsync(Guid invitationId, int count, CancellationToken ct)
    {
        if (!_history.TryGetValue((invitationId, count), out var entries))
        {
            entries = _history[(invitationId, count)] = await InvitationHistoryQueries.LatestAsync(db, invitationId, count, ct);
        }

        return entries;
    }

    private IEnumerable<Invitation> Fetched(AnswerRequest request) => request.Invitation switch
    {
        InvitationRef.ById i when _byId.TryGetValue(i.InvitationId, out var invitation) => [invitation],
        InvitationRef.ByToken t when _byToken.TryGetValue(t.Token, out var invitation) => [invitation],
        InvitationRef.ByAttendee a when request.DepartmentScope is { } department && _byDepartment.TryGetValue((a.MeetingId, department), out var invitation) => [invitation],
        _ => [],
    };

    /// <summary>The invitations a request answers, in SQL.</summary>
    private static IQueryable<Invitation> Find(IQueryable<Invitation> invitations, AnswerRequest request)
    {
        var found = request.Invitation switch
        {
            InvitationRef.ById i => invitations.Where(x => x.Id == i.InvitationId && x.MeetingId == i.MeetingId),
            InvitationRef.ByToken t => invitations.Where(x => x.Token == t.Token),
            InvitationRef.ByAttendee a => invitations.Where(x => x.MeetingId == a.MeetingId && x.WithdrawnAt == null
                                                                 && (x.Recipient.Email == a.Email || (x.Delegate != null && x.Delegate.Email == a.Email))),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Invitation, "unknown kind of reference"),
        };
        return request.DepartmentScope is { } department
            ? found.Where(x => x.Kind == InvitationKind.Department && x.DepartmentId == department)
            : found;
    }

    /// <summary><see cref="Find"/> for a fetched invitation: the same conditions, in memory (SQL compares text as ordinal too).</summary>
    private static bool Matches(Invitation x, AnswerRequest request) =>
        request.Invitation switch
        {
            InvitationRef.ById i => x.Id == i.InvitationId && x.MeetingId == i.MeetingId,
            InvitationRef.ByToken t => string.Equals(x.Token, t.Token, StringComparison.Ordinal),
            InvitationRef.ByAttendee a => x.MeetingId == a.MeetingId && x.WithdrawnAt == null
                                          && (string.Equals(x.Recipient.Email, a.Email, StringComparison.Ordinal)
                                              || (x.Delegate is not null && string.Equals(x.Delegate.Email, a.Email, StringComparison.Ordinal))),
            _ => false,
        }
        && (request.DepartmentScope is not { } department || (x.Kind == InvitationKind.Department && x.DepartmentId == department));
}
