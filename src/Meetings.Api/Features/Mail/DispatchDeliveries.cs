using MediatR;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Mail;

/// <summary>Sends the ledger rows that are due, up to <see cref="MaxRows"/>, over one mail connection.</summary>
public sealed record DispatchDueDeliveries(int MaxRows = 200) : IRequest<DispatchResult>;

/// <summary>What one dispatch did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retried, int Failed, int Skipped);

/// <summary>
/// The sender works the ledger off. It first returns rows whose lease expired (a process died while
/// sending) to the queue, then claims due rows atomically (a conditional UPDATE: a row claimed by
/// another worker is not claimed again), re-checks each against the current state (cancelled or
/// started meeting, withdrawn invitation, declined, delegated, superseded reminder → skipped), sends,
/// and marks each row right after the server accepted it. Transient errors (4xx, connection) are
/// retried with back-off; a 5xx rejection ends as failed with the server's words.
/// </summary>
internal sealed class DispatchDueDeliveriesHandler(
    MeetingsDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<DispatchDueDeliveriesHandler> logger)
    : IRequestHandler<DispatchDueDeliveries, DispatchResult>
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int MaxAttempts = 8;

    public async Task<DispatchResult> Handle(DispatchDueDeliveries request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Sending && d.LeaseUntil < now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.ClaimToken, (Guid?)null), ct);

        var due = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Select(d => d.Id).Take(request.MaxRows).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new DispatchResult(0, 0, 0, 0, 0);
        }

        var token = Guid.NewGuid();
        var leaseUntil = now + Lease;
        await db.Deliveries
            .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.ClaimToken, token).SetProperty(d => d.LeaseUntil, leaseUntil), ct);
        var rows = await db.Deliveries.Where(d => d.ClaimToken == token).OrderBy(d => d.DueAt).ToListAsync(ct);
        var contents = await MailContents.LoadAsync(db, rows, ct);

        int sent = 0, retried = 0, failed = 0, skipped = 0;
        IMailSession? session = null;
        try
        {
            foreach (var row in rows)
            {
                var (content, reason) = contents.Judge(row, now);
                if (content is null)
                {
                    row.Skip(reason!);
                    skipped++;
                    await db.SaveChangesAsync(ct);
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

                await db.SaveChangesAsync(ct); // each row as soon as its outcome is known
            }
        }
        finally
        {
            await DisposeQuietly(session);
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
