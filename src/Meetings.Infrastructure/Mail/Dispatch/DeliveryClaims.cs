using Meetings.Domain.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

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

    /// <summary>When the earliest queued row falls due (null: none is queued).</summary>
    public static Task<DateTimeOffset?> NextQueuedAsync(MeetingsDbContext db, CancellationToken ct) =>
        db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued).OrderBy(d => d.DueAt).Select(d => (DateTimeOffset?)d.DueAt).FirstOrDefaultAsync(ct);

    /// <summary>When the dispatcher has something to do next: the earliest queued row falls due or a lease runs out (null: never).</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var queued = await NextQueuedAsync(db, ct);
        var lease = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending).OrderBy(d => d.LeaseUntil).Select(d => d.LeaseUntil).FirstOrDefaultAsync(ct);
        return queued is null || (lease is not null && lease < queued) ? lease : queued;
    }

    /// <summary>
    /// Returns expired leases to the queue, then claims up to <paramref name="maxRows"/> due rows, earliest first.
    /// PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so that claimers running at the same time take different rows and
    /// none comes back short while rows are due (several instances share a burst). SQLite: one statement
    /// (UPDATE … WHERE Status = queued AND Id IN (SELECT … LIMIT n)); its writers take turns.
    /// </summary>
    public static async Task<int> ClaimAsync(MeetingsDbContext db, Guid token, DateTimeOffset now, DateTimeOffset leaseUntil, int maxRows, CancellationToken ct)
    {
        using (await db.EnterWriteQueueAsync(ct))
        {
            await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Sending && d.LeaseUntil < now)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
            if (db.Database.IsNpgsql())
            {
                // Names as in the PostgreSQL schema (migration Initial); instants in UTC, as timestamptz takes them.
                (string sending, string queued, var until, var at) = (nameof(DeliveryStatus.Sending), nameof(DeliveryStatus.Queued), leaseUntil.ToUniversalTime(), now.ToUniversalTime());
                return await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE "Deliveries" SET "Status" = {sending}, "ClaimToken" = {token}, "LeaseUntil" = {until}
                    WHERE "Id" IN (SELECT "Id" FROM "Deliveries" WHERE "Status" = {queued} AND "DueAt" <= {at}
                                   ORDER BY "DueAt" LIMIT {maxRows} FOR UPDATE SKIP LOCKED)
                    """, ct);
            }

            var due = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now).OrderBy(d => d.DueAt).Take(maxRows).Select(d => d.Id);
            return await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Queued && due.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                    .SetProperty(d => d.ClaimToken, token).SetProperty(d => d.LeaseUntil, leaseUntil), ct);
        }
    }

    /// <summary>
    /// The claimed rows, read by the claim token, untracked (the outcome writer writes them). Should one of them not be
    /// readable (a stored value the model cannot take, <see cref="RowFaults.IsTheRowsOwn"/>: not the database failing),
    /// they are read one by one and a row that cannot be read is failed here, by its id: it cannot poison the batches
    /// after it.
    /// </summary>
    public static async Task<List<Delivery>> ClaimedAsync(MeetingsDbContext db, Guid token, ILogger logger, CancellationToken ct)
    {
        var claimed = db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token).OrderBy(d => d.DueAt);
        try
        {
            return await claimed.ToListAsync(ct);
        }
        catch (Exception e) when (RowFaults.IsTheRowsOwn(e, ct))
        {
            var rows = new List<Delivery>();
            foreach (var id in await claimed.Select(d => d.Id).ToListAsync(ct))
            {
                try
                {
                    rows.Add(await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct));
                }
                catch (Exception unreadable) when (RowFaults.IsTheRowsOwn(unreadable, ct))
                {
                    var reason = RowFaults.OneLine($"The ledger row could not be read: {unreadable.GetType().Name}: {unreadable.Message}");
                    reason = reason.Length > Delivery.ErrorMaxLength ? reason[..Delivery.ErrorMaxLength] : reason;
                    using (await db.EnterWriteQueueAsync(ct))
                    {
                        await db.Deliveries.Where(d => d.Id == id && d.ClaimToken == token).ExecuteUpdateAsync(
                            u => u.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, reason)
                                .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null),
                            ct);
                    }

                    logger.LogWarning("Mail {DeliveryId} failed and is not tried again: its ledger row could not be read ({Error})", id, unreadable.GetType().Name);
                }
            }

            return rows;
        }
    }

    /// <summary>Gives the claimed rows that were not sent back to the queue (no attempt counted, due as they were).</summary>
    public static async Task<int> ReleaseAsync(MeetingsDbContext db, Guid token, CancellationToken ct)
    {
        using (await db.EnterWriteQueueAsync(ct))
        {
            return await db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued)
                    .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct);
        }
    }

    /// <summary>
    /// Every claim back to the queue, whoever held it. Only for SQLite at start: one process per database file, so the
    /// process starting is the only one that could send these rows; their owner is gone.
    /// </summary>
    public static async Task<int> ReleaseAllAsync(MeetingsDbContext db, CancellationToken ct)
    {
        using (await db.EnterWriteQueueAsync(ct))
        {
            return await db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued)
                    .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct);
        }
    }
}
