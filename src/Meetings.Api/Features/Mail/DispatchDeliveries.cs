using MediatR;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Mail;

/// <summary>
/// Sends the ledger rows that are due, up to <see cref="MaxRows"/>, over one mail connection. 500 rather than 200:
/// each batch costs a claim, its reads, a connection and the last commit (~10 ms), which at ~3,000 mails/s was
/// 15 % of the time with 200 (docs/design/mail.md, "Benchmark finding").
/// </summary>
public sealed record DispatchDueDeliveries(int MaxRows = 500) : IRequest<DispatchResult>;

/// <summary>What one dispatch did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retried, int Failed, int Skipped);

/// <summary>
/// The sender works the ledger off. It first returns rows whose lease expired (a process died while
/// sending) to the queue, then claims due rows atomically (a conditional UPDATE: a row claimed by
/// another worker is not claimed again), re-checks each against the current state (cancelled or
/// started meeting, withdrawn invitation, declined, delegated, superseded reminder → skipped), sends,
/// and marks each row right after the server accepted it — committed by <see cref="LedgerMarks"/> while
/// the next mail goes out. Transient errors (4xx, connection) are retried with back-off; a 5xx rejection
/// ends as failed with the server's words.
/// </summary>
internal sealed class DispatchDueDeliveriesHandler(
    MeetingsDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, IServiceScopeFactory scopes,
    ILogger<DispatchDueDeliveriesHandler> logger)
    : IRequestHandler<DispatchDueDeliveries, DispatchResult>
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int MaxAttempts = 8;

    public async Task<DispatchResult> Handle(DispatchDueDeliveries request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        // Most polls find nothing to do: one read decides, so an idle service takes no write lock on every poll.
        if (!await db.Deliveries.AnyAsync(
                d => (d.Status == DeliveryStatus.Queued && d.DueAt <= now) || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now), ct))
        {
            return new DispatchResult(0, 0, 0, 0, 0);
        }

        // The claim is one statement (UPDATE … WHERE Status = queued AND Id IN (SELECT … LIMIT n)): a row another
        // worker claimed first is not claimed again. The rows and what they need are then read by the claim token
        // (no list of ids as parameters: EF would expand 200 of them into the SQL of every query). Both writes wait
        // in the process's writer queue, as every SaveChanges does.
        var token = Guid.NewGuid();
        var leaseUntil = now + Lease;
        int claimed;
        using (await db.EnterWriteQueueAsync(ct))
        {
            await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Sending && d.LeaseUntil < now)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
            var due = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now).OrderBy(d => d.DueAt).Take(request.MaxRows).Select(d => d.Id);
            claimed = await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Queued && due.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                    .SetProperty(d => d.ClaimToken, token).SetProperty(d => d.LeaseUntil, leaseUntil), ct);
        }

        if (claimed == 0)
        {
            return new DispatchResult(0, 0, 0, 0, 0);
        }

        var claim = db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token);
        var rows = await claim.AsNoTracking().OrderBy(d => d.DueAt).ToListAsync(ct); // not tracked: LedgerMarks writes them
        var contents = await MailContents.LoadAsync(db, rows, ct);

        int sent = 0, retried = 0, failed = 0, skipped = 0;
        IMailSession? session = null;
        var marks = new LedgerMarks(scopes, token);
        var unsent = false;
        try
        {
            foreach (var row in rows)
            {
                if (clock.GetUtcNow() > now + (Lease / 2))
                {
                    unsent = true; // a slow server: the rest goes back to the queue long before its lease runs out
                    break;
                }

                var (content, reason) = contents.Judge(row, now);
                if (content is null)
                {
                    row.Skip(reason!);
                    skipped++;
                    await marks.AddAsync(row);
                    continue;
                }

                try
                {
                    session ??= await transport.OpenAsync(ct);
                    await session.SendAsync(MessageComposer.Compose(content, options.Value, now), ct);
                    row.MarkSent(clock.GetUtcNow());
                    sent++;
                }
                catch (MailSendException e) when (e.Permanent || row.Attempts + 1 >= MaxAttempts)
                {
                    row.Fail(e.Message);
                    failed++;
                }
                catch (MailSendException e)
                {
                    row.Retry(e.Message, now + Backoff(row.Attempts));
                    retried++;
                    if (e.InnerException is not MailKit.Net.Smtp.SmtpCommandException)
                    {
                        await DisposeQuietly(session);
                        session = null; // the connection is gone; the next row opens a new one
                    }
                }

                await marks.AddAsync(row); // each row as soon as its outcome is known, committed while the next mail goes out
            }
        }
        finally
        {
            try
            {
                await DisposeQuietly(session);
            }
            finally
            {
                await marks.DisposeAsync(); // every outcome committed before the dispatch ends
            }
        }

        if (unsent)
        {
            using var gate = await db.EnterWriteQueueAsync(ct);
            await db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == token)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued)
                    .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct);
        }

        if (sent + retried + failed > 0)
        {
            logger.LogInformation("Mail dispatch: {Sent} sent, {Retried} to retry, {Failed} failed, {Skipped} skipped", sent, retried, failed, skipped);
        }

        return new DispatchResult(rows.Count, sent, retried, failed, skipped);
    }

    /// <summary>30 s, 1 min, 2 min, … at most 15 min.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts), 900));

    private static async Task DisposeQuietly(IMailSession? session)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }
}
