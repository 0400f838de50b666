using System.Diagnostics;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Mail.Transport;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>What one dispatch did; <see cref="MailServerAway"/>: the mail server could not be reached (the rows went back to the queue).</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retried, int Failed, int Skipped, bool MailServerAway = false)
{
    public static readonly DispatchResult Nothing = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The outbox processor: works the delivery ledger off. It claims due rows (<see cref="DeliveryClaims"/>), loads what
/// they are about once per batch (<see cref="BatchFacts"/>), asks <see cref="MailPlans.WhyNotToSend{TFacts}"/> whether each is still wanted
/// (else it is skipped with the reason) and may go to its address, composes and sends it over one mail connection and
/// hands each outcome to the <see cref="OutcomeWriter"/>, which commits it while the next mail goes out and keeps the
/// claim's lease alive. A 4xx answer is retried with back-off;
/// a 5xx rejection ends as failed with the server's words; a server that cannot be reached gets the rows back into the
/// queue, no attempt counted, and is tried again after <see cref="ReconnectAfter"/>. A dispatch that fails (the
/// database went away) gives its claim back as soon as the database lets it.
/// <para>
/// One bad row stops nothing (SPEC): whatever loading, judging, composing or sending one row throws — other than the
/// mail server away, the database failing or the dispatch cancelled — fails that row alone, with the reason in the ledger,
/// the log and the failed counter, and the batch goes on (docs/design/mail.md, "One bad row stops nothing").
/// </para>
/// </summary>
public sealed class MailDispatcher(
    MeetingsDbContext db, IMailTransport transport, MailComposer composer, TimeProvider clock, IServiceScopeFactory scopes,
    IDispatchWakeUp wakeUp, MailMetrics metrics, ILogger<MailDispatcher> logger)
{
    /// <summary>
    /// Rows per batch. 500 rather than 200: each batch costs a claim, its reads, a connection and the last commit (~10 ms),
    /// which at ~3,000 mails/s was 15 % of the time with 200 (docs/design/mail.md, "Benchmark finding").
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Rows per batch on PostgreSQL, where several instances share a burst. Each full batch wakes another dispatcher
    /// (with PostgreSQL of any instance), which claims the next rows while this one sends: a burst goes out over as many
    /// connections as there are free workers (1,000 invitations on two cores: ~30 % sooner than over one).
    /// </summary>
    public const int SharedBatchSize = 200;

    /// <summary>
    /// A claim's lease. The outcome writer renews it every 10 s while the dispatcher lives, so it runs out only after its
    /// owner is gone: the rows of a killed process or of a dispatch cut off from the database are free 30 s later at most.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>A mail server that could not be reached is tried again this much later (well within the minute of "after a fault").</summary>
    public static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A row due this soon is waited for, in this process: the wake-up for a due instant is scheduled a second ahead and
    /// Hangfire keeps whole seconds, so its job starts up to two seconds early; the row must not go out before its time,
    /// nor wait for another wake-up. (A margin more, for a worker that was busy.)
    /// </summary>
    public static readonly TimeSpan NearlyDue = TimeSpan.FromSeconds(3);

    private const int MaxAttempts = 8;

    /// <summary>
    /// The dispatch job: works off every due row, batch after batch, until a batch comes back short (after waiting for a
    /// row due within <see cref="NearlyDue"/>); then asks for a wake-up when there is something to do next — the earliest
    /// queued row or lease, or the next try of a mail server that could not be reached. A dispatch that fails (the
    /// database away) asks for another try <see cref="ReconnectAfter"/> later (and the poll is still there).
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        DateTimeOffset? next;
        try
        {
            next = await DispatchAllDueAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            wakeUp.DueAt(clock.GetUtcNow() + ReconnectAfter);
            throw;
        }

        if (next is { } at)
        {
            wakeUp.DueAt(at);
        }
    }

    /// <summary>Works off every due row (<see cref="RunAsync"/>); returns when there is something to do next (null: nothing queued).</summary>
    public async Task<DateTimeOffset?> DispatchAllDueAsync(CancellationToken ct)
    {
        await WaitForNearlyDueAsync(ct);
        var batch = db.Database.IsNpgsql() ? SharedBatchSize : BatchSize;
        DispatchResult result;
        do
        {
            result = await DispatchAsync(batch, ct);
        }
        while (result.Claimed == batch && !result.MailServerAway);

        return result.MailServerAway ? clock.GetUtcNow() + ReconnectAfter : await DeliveryClaims.NextDueAsync(db, ct);
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
        using var span = DispatchTracing.Batch(); // a batch's span: its claim, reads, mails and commits (a poll that finds nothing makes none)
        var claimed = await DeliveryClaims.ClaimAsync(db, token, now, now + Lease, maxRows, ct);
        DispatchTracing.Claimed(span, claimed);
        if (claimed == 0)
        {
            return DispatchResult.Nothing;
        }

        if (claimed == maxRows)
        {
            wakeUp.DueAt(now); // more may be due: another dispatcher (another worker, or another instance) takes the next batch meanwhile
        }

        try
        {
            return DispatchTracing.Ended(span, await SendClaimedAsync(token, now, ct));
        }
        catch (Exception e)
        {
            DispatchTracing.Failed(span, e);
            await ReleaseAfterFailureAsync(token, e);
            throw;
        }
    }

    /// <summary>30 s, 1 min, 2 min, … at most 15 min.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts), 900));

    private async Task<DispatchResult> SendClaimedAsync(Guid token, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await DeliveryClaims.ClaimedAsync(db, token, logger, ct);
        var facts = await BatchFacts.LoadAsync(db, rows, ct);

        int sent = 0, retried = 0, failed = 0, skipped = 0;
        IMailSession? session = null;
        var outcomes = new OutcomeWriter(scopes, token, clock, now + Lease);
        var unsent = false;
        string? serverAway = null;
        try
        {
            foreach (var row in rows)
            {
                if (clock.GetUtcNow() > outcomes.LeaseUntil - (Lease / 2))
                {
                    unsent = true; // the lease was not renewed for half its time: the rest goes back to the queue long before it runs out
                    break;
                }

                using var span = DispatchTracing.Mail(row); // ends with the row's outcome
                var message = await PrepareAsync(row, facts, now, ct);
                if (message is null)
                {
                    if (row.Status == DeliveryStatus.Skipped)
                    {
                        skipped++;
                    }
                    else
                    {
                        failed++;
                    }

                    await outcomes.AddAsync(row);
                    continue;
                }

                if (session is null)
                {
                    try
                    {
                        session = await transport.OpenAsync(ct);
                    }
                    catch (MailSendException e)
                    {
                        serverAway = e.Message; // not this mail's fault: no attempt counted, the rest goes back to the queue
                        unsent = true;
                        break;
                    }
                }

                try
                {
                    await session.SendAsync(message, ct);
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
                    // a 4xx is this message's: back-off; a broken connection the server's: soon, on a new connection
                    row.Retry(e.Message, now + (e.ConnectionLost ? ReconnectAfter : Backoff(row.Attempts)));
                    retried++;
                    if (e.ConnectionLost)
                    {
                        await DisposeQuietly(session);
                        session = null; // the connection is gone; the next row opens a new one
                    }
                }
                catch (Exception e) when (RowFaults.IsTheRowsOwn(e, ct))
                {
                    // the client refused this message itself (not the server, not the connection): this row alone fails, and the
                    // next one goes over a new connection, since nobody knows where in its dialogue this one stopped
                    FailRow(row, "The mail could not be handed to the mail server", e);
                    failed++;
                    await DisposeQuietly(session);
                    session = null;
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

        if (serverAway is not null)
        {
            logger.LogWarning("Mail dispatch: the mail server cannot be reached ({Error}); {Count} mails wait, next try in {Delay}", serverAway, rows.Count - sent - retried - failed - skipped, ReconnectAfter);
        }

        if (sent + retried + failed > 0)
        {
            logger.LogInformation("Mail dispatch: {Sent} sent, {Retried} to retry, {Failed} failed, {Skipped} skipped", sent, retried, failed, skipped);
        }

        return new DispatchResult(rows.Count, sent, retried, failed, skipped, serverAway is not null);
    }

    /// <summary>
    /// The row's mail, or null when the row got its outcome here: skipped (<see cref="MailPlans.WhyNotToSend"/>), or
    /// failed — an address that breaks the rule (<see cref="MailPlans.WhyItCannotGo"/>), or whatever judging or
    /// composing this one row threw (stored text the letter, the MIME message or the calendar part could not take).
    /// </summary>
    private async Task<MimeKit.MimeMessage?> PrepareAsync(Delivery row, BatchFacts facts, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var rowFacts = facts.For(row);
            if (MailPlans.WhyNotToSend(row, rowFacts, now) is { } reason)
            {
                row.Skip(reason);
                return null;
            }

            if (MailPlans.WhyItCannotGo(row) is { } undeliverable)
            {
                FailRow(row, undeliverable, null);
                return null;
            }

            return await composer.ComposeAsync(facts.ContentOf(row, rowFacts, now));
        }
        catch (Exception e) when (RowFaults.IsTheRowsOwn(e, ct))
        {
            FailRow(row, "The mail could not be judged or composed", e);
            return null;
        }
    }

    /// <summary>
    /// Ends one row as failed, with the reason in the ledger (<c>lastError</c>) and the log (with the row's id; the
    /// failed counter of <see cref="MailMetrics"/> counts it by kind). The reason is one line: a stored text may be in it.
    /// </summary>
    private void FailRow(Delivery row, string reason, Exception? cause)
    {
        var why = RowFaults.OneLine(cause is null ? reason : $"{reason}: {cause.GetType().Name}: {cause.Message}");
        row.Fail(why);
        logger.LogWarning("Mail {DeliveryId} ({Kind}) failed and is not tried again: {Reason}", row.Id, row.Kind, why);
        if (cause is not null)
        {
            logger.LogDebug(cause, "Mail {DeliveryId}: what failed", row.Id);
        }
    }

    /// <summary>
    /// The row that falls due next, if within <see cref="NearlyDue"/>, is waited for. Real time caps the wait, for a
    /// clock that does not move by itself (the tests').
    /// </summary>
    private async Task WaitForNearlyDueAsync(CancellationToken ct)
    {
        var wait = await DeliveryClaims.NextQueuedAsync(db, ct) - clock.GetUtcNow();
        if (wait is not { } delay || delay <= TimeSpan.Zero || delay > NearlyDue)
        {
            return;
        }

        using var cap = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cap.CancelAfter(delay + TimeSpan.FromSeconds(1));
        try
        {
            await Task.Delay(delay, clock, cap.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the clock did not reach the due time within real time: go on
        }
    }

    /// <summary>
    /// The owner releases its claim on failure, so that the rows need not wait for their lease: tried for up to half a
    /// lease (a database that restarts is back within seconds), then the lease is left to run out. The rows whose mails
    /// the server accepted but whose outcome was not committed go out again: the mails in flight at the fault.
    /// </summary>
    private async Task ReleaseAfterFailureAsync(Guid token, Exception failure)
    {
        var started = Stopwatch.GetTimestamp();
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay *= 2)
        {
            try
            {
                var released = await DeliveryClaims.ReleaseAsync(db, token, CancellationToken.None);
                logger.LogWarning("Mail dispatch failed ({Error}); {Count} claimed mails went back to the queue", failure.Message, released);
                return;
            }
            catch (Exception e) when (DatabaseFailure.IsTransient(e) && Stopwatch.GetElapsedTime(started) + delay < Lease / 2 && failure is not OperationCanceledException)
            {
                await Task.Delay(delay, CancellationToken.None); // real time: waiting for the database, not for the ledger's clock
            }
            catch (Exception e)
            {
                logger.LogWarning("Mail dispatch failed ({Error}); its claim could not be given back ({ReleaseError}) and ends with its lease", failure.Message, e.Message);
                return;
            }
        }
    }

    private static async Task DisposeQuietly(IMailSession? session)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }
}
