using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// The latest entries of invitations' answer histories, as responses show them, read by the invitations' own key
/// (index on InvitationId, Id) and untracked. Not by <c>Include(i => i.History.OrderByDescending(…).Take(n))</c>: EF
/// translates that into <c>ROW_NUMBER() OVER (PARTITION BY InvitationId …)</c> over the whole history table, which the
/// database numbers and sorts for every answer — a cost that grew with every answer ever given (bench/notes.md, issue 20).
/// </summary>
public static class InvitationHistoryQueries
{
    private static readonly Func<MeetingsDbContext, Guid, int, IAsyncEnumerable<AnswerHistoryEntry>> Latest = EF.CompileAsyncQuery(
        (MeetingsDbContext db, Guid invitationId, int count) => db.Set<AnswerHistoryEntry>().AsNoTracking()
            .Where(h => EF.Property<Guid>(h, "InvitationId") == invitationId)
            .OrderByDescending(h => h.Id).Take(count));

    /// <summary>The latest <paramref name="count"/> entries of one invitation (at most that many rows are read).</summary>
    public static async Task<List<AnswerHistoryEntry>> LatestAsync(MeetingsDbContext db, Guid invitationId, int count, CancellationToken ct)
    {
        var entries = new List<AnswerHistoryEntry>(count);
        await foreach (var entry in Latest(db, invitationId, count).WithCancellation(ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>The latest <paramref name="count"/> entries of each of <paramref name="invitationIds"/> (a page of them): only their own rows are read.</summary>
    public static async Task<ILookup<Guid, AnswerHistoryEntry>> LatestAsync(MeetingsDbContext db, IReadOnlyCollection<Guid> invitationIds, int count, CancellationToken ct)
    {
        if (invitationIds.Count == 0)
        {
            return Array.Empty<AnswerHistoryEntry>().ToLookup(_ => Guid.Empty);
        }

        // Per invitation: the id of its count-th latest entry (an index seek), then its entries from there on (a range of
        // the same index) — the same as a LATERAL … LIMIT, which SQLite does not have.
        var history = db.Set<AnswerHistoryEntry>().AsNoTracking();
        var skip = count - 1;
        var rows = await (
                from i in db.Invitations.AsNoTracking()
                where invitationIds.Contains(i.Id)
                join h in history on i.Id equals EF.Property<Guid>(h, "InvitationId")
                where h.Id >= history.Where(x => EF.Property<Guid>(x, "InvitationId") == i.Id)
                    .OrderByDescending(x => x.Id).Skip(skip).Select(x => x.Id).FirstOrDefault()
                select new { InvitationId = i.Id, Entry = h })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.InvitationId, r => r.Entry);
    }
}
