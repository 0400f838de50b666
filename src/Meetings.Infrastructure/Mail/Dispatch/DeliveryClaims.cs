using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// Who may send a row: a dispatcher claims due rows (<c>queued</c> → <c>sending</c>, with its claim token and a lease)
/// in one statement, so that a row another worker claimed first is not claimed again; a lease that ran out (its
/// worker died) returns the row to the queue. Every statement waits in the process's writer queue, as SaveChanges does.
/// </summary>
internal static class DeliveryClaims
{
    /// <summary>Whether anything is to do: one read, so that an idle poll takes no write lock.</summary>
    public static Task<bool> AnyDueAsync(MeetingsDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.Deliveries.AnyAsync(d => (d.Status == DeliveryStatus.Queued && d.DueAt <= now) || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now), ct);

    /// <summary>
    /// Returns expired leases to the queue, then claims up to <paramref name="maxRows"/> due rows, earliest first
    /// (UPDATE … WHERE Status = queued AND Id IN (SELECT … LIMIT n)). On PostgreSQL, under READ COMMITTED, a
    /// second claimer waits for the rows the first holds and re-checks <c>Status = queued</c>, so it skips them.
    /// </summary>
    public static async Task<int> ClaimAsync(MeetingsDbContext db, Guid token, DateTimeOffset now, DateTimeOffset leaseUntil, int maxRows, CancellationToken ct)
    {
        using (await db.EnterWriteQueueAsync(ct))
        {
            await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Sending && d.LeaseUntil < now)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
            var due = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now).OrderBy(d => d.DueAt).Take(maxRows).Select(d => d.Id);
            return await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Queued && due.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                    .SetProperty(d => d.ClaimToken, token).SetProperty(d => d.LeaseUntil, leaseUntil), ct);
        }
    }

    /// <summary>The claimed rows, read by the claim token, untracked (the outcome writer writes them).</summary>
    public static Task<List<Delivery>> ClaimedAsync(MeetingsDbContext db, Guid token, CancellationToken ct) =>
        db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token).OrderBy(d => d.DueAt).ToListAsync(ct);

    /// <summary>Gives the claimed rows that were not sent back to the queue.</summary>
    public static async Task ReleaseAsync(MeetingsDbContext db, Guid token, CancellationToken ct)
    {
        using (await db.EnterWriteQueueAsync(ct))
        {
            await db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued)
                    .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct);
        }
    }
}
