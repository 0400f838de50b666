using System.Threading.Channels;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Answers;

/// <summary>
/// Group commit for answers (<see cref="IAnswerStore"/>). The database commits one transaction at a time; hundreds of
/// heads answering at once would queue for the lock one by one. The batcher takes whatever answers are waiting (up to
/// <see cref="MaxBatch"/>), applies each on its own — its own rules, its own errors, its own result — and commits them
/// together. Answers racing on one invitation meet in the same unit of work and are applied in arrival order. When the
/// commit fails — a conflict with another process (optimistic concurrency), or anything one answer brought along —
/// the batch's answers are stored one by one, so that a failed answer fails alone (docs/adr/0008-group-commit.md).
/// </summary>
internal sealed class AnswerBatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AnswerBatcher> logger) : BackgroundService, IAnswerStore
{
    public const int MaxBatch = 64;
    private const int Attempts = 8;
    private static readonly string InvitationResource = AuditTrail.ResourceTypeOf(typeof(Invitation));

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public async Task<RecordedAnswer> RecordAsync(AnswerRequest request, CancellationToken ct)
    {
        var pending = new Pending(request, AuditScope.Current); // the caller's, for the audit log: the batch has many callers
        if (!_queue.Writer.TryWrite(pending))
        {
            throw ShuttingDown();
        }

        return await pending.Done.Task; // not cancelled with the request: once applied, an answer is stored or fails
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Run(stoppingToken);
        }
        finally
        {
            // The host stops: no caller may wait for ever on an answer that will not be stored.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetException(ShuttingDown());
            }
        }
    }

    private static OperationCanceledException ShuttingDown() => new("The service is shutting down; the answer was not stored.");

    private async Task Run(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await StoreTogether(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A batch of {Count} answers failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task StoreTogether(List<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var reads = new AnswerReads(scope.ServiceProvider.GetRequiredService<AllowedRecipientsSource>(), db);
        await reads.PrefetchAsync([.. batch.Select(p => p.Request)], ct); // two queries for the batch instead of two per answer
        var applied = new List<(Pending Pending, RecordedAnswer Result)>(batch.Count);
        foreach (var pending in batch)
        {
            try
            {
                applied.Add((pending, await Apply(db, reads, pending, ct)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                pending.Done.TrySetException(e); // this answer's own 4xx; the others go on
            }
        }

        if (applied.Count == 0)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException && !DatabaseFailure.IsTransient(e))
        {
            // Another writer changed an invitation meanwhile, or one answer brought something the database refuses:
            // each answer on its own, so that only the one at fault fails.
            foreach (var (pending, _) in applied)
            {
                await StoreAlone(pending, ct);
            }

            return;
        }

        foreach (var (pending, result) in applied)
        {
            pending.Done.TrySetResult(result);
        }
    }

    /// <summary>Reload, re-apply, save; after a conflict with another writer a few times more, with jitter.</summary>
    private async Task StoreAlone(Pending pending, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            try
            {
                var reads = new AnswerReads(scope.ServiceProvider.GetRequiredService<AllowedRecipientsSource>(), db);
                var result = await Apply(db, reads, pending, ct);
                await db.SaveChangesAsync(ct);
                pending.Done.TrySetResult(result);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task<RecordedAnswer> Apply(MeetingsDbContext db, AnswerReads reads, Pending pending, CancellationToken ct)
    {
        var request = pending.Request;
        // The invitation, its own aggregate (tracked: it changes and raises its own events), without its history, which is append-only: an answer adds an entry.
        var invitation = await reads.InvitationAsync(request, ct);

        // Its meeting (tracked: the rule reads it; a delegation names it in its event) with the agenda: shared by the batch's answers, loaded once.
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
        invitation.Answer(meeting, request.Answer, request.Via, request.Actor, clock.GetUtcNow(), allowed);
        var stamp = pending.Stamp ?? new AuditStamp(AuditActor.System with { Name = request.Actor }, "RecordAnswer");
        db.Audit.Attribute(InvitationResource, invitation.Id, stamp with { Actor = AuditActor.ForAnswer(request.Via, stamp.Actor, invitation.Id) });
        return new RecordedAnswer(invitation.Snapshot(stored), meeting);
    }

    /// <summary>One answer waiting to be stored, who sent it (for the audit log), and its caller waiting for the result.</summary>
    private sealed record Pending(AnswerRequest Request, AuditStamp? Stamp)
    {
        public TaskCompletionSource<RecordedAnswer> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
