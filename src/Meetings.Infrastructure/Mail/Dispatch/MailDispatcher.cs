using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Mail.Transport;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>What one dispatch did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retried, int Failed, int Skipped)
{
    public static readonly DispatchResult Nothing = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The outbox processor: works the delivery ledger off. It claims due rows (<see cref="DeliveryClaims"/>), loads what
/// they are about once per batch, asks <see cref="SendDecision"/> whether each is still wanted (else it is skipped
/// with the reason), sends over one mail connection and hands each outcome to the <see cref="OutcomeWriter"/>, which
/// commits it while the next mail goes out. Transient errors (4xx, connection) are retried with back-off; a 5xx
/// rejection ends as failed with the server's words.
/// </summary>
public sealed class MailDispatcher(
    MeetingsDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, IServiceScopeFactory scopes,
    MailMetrics metrics, ILogger<MailDispatcher> logger)
{
    /// <summary>
    /// Rows per batch. 500 rather than 200: each batch costs a claim, its reads, a connection and the last commit (~10 ms),
    /// which at ~3,000 mails/s was 15 % of the time with 200 (docs/design/mail.md, "Benchmark finding").
    /// </summary>
    public const int BatchSize = 500;

    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int MaxAttempts = 8;

    /// <summary>Works off every due row, batch after batch, until a batch comes back short.</summary>
    public async Task DispatchAllDueAsync(CancellationToken ct)
    {
        while ((await DispatchAsync(BatchSize, ct)).Claimed == BatchSize)
        {
            // a full batch: more may be due
        }
    }

    /// <summary>Sends the rows that are due, up to <paramref name="maxRows"/>, over one mail connection.</summary>
    public async Task<DispatchResult> DispatchAsync(int maxRows = BatchSize, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        metrics.DispatchRun();
        if (!await DeliveryClaims.AnyDueAsync(db, now, ct))
        {
            return DispatchResult.Nothing;
        }

        var token = Guid.NewGuid();
        if (await DeliveryClaims.ClaimAsync(db, token, now, now + Lease, maxRows, ct) == 0)
        {
            return DispatchResult.Nothing;
        }

        var rows = await DeliveryClaims.ClaimedAsync(db, token, ct);
        var facts = await DeliveryFactsLoader.LoadAsync(db, rows, ct);

        int sent = 0, retried = 0, failed = 0, skipped = 0;
        IMailSession? session = null;
        var outcomes = new OutcomeWriter(scopes, token);
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

                var rowFacts = facts.For(row);
                if (SendDecision.WhyNotToSend(row, rowFacts, now) is { } reason)
                {
                    row.Skip(reason);
                    skipped++;
                    await outcomes.AddAsync(row);
                    continue;
                }

                try
                {
                    session ??= await transport.OpenAsync(ct);
                    await session.SendAsync(MailComposer.Compose(new MailContent(row, rowFacts, facts.CityNameOf(rowFacts.Speaker), now), options.Value), ct);
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
                    if (e.ConnectionLost)
                    {
                        await DisposeQuietly(session);
                        session = null; // the connection is gone; the next row opens a new one
                    }
                }

                await outcomes.AddAsync(row); // each row as soon as its outcome is known, committed while the next mail goes out
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
                await outcomes.DisposeAsync(); // every outcome committed before the dispatch ends
            }
        }

        metrics.Outcomes(rows);
        if (unsent)
        {
            await DeliveryClaims.ReleaseAsync(db, token, ct);
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
