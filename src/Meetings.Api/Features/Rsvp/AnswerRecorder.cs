using System.Threading.Channels;
using Meetings.Api.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// The one way an answer is stored, whatever the channel (key, personal link, calendar reply).
/// Handlers describe the answer (which invitation, what answer, how to show the result); the
/// <see cref="AnswerBatcher"/> stores it.
/// </summary>
internal sealed class AnswerRecorder(AnswerBatcher batcher)
{
    /// <param name="find">Narrows the invitations to the one answered (and to the caller's scope).</param>
    /// <param name="answerFor">The answer, given the invitation and its meeting.</param>
    /// <param name="show">The response, taken right after this answer was applied.</param>
    /// <param name="withHistory">Load the answer's history too (for responses that show it).</param>
    /// <param name="withAgenda">Load the meeting's agenda too (once per meeting and batch).</param>
    public async Task<T> RecordAsync<T>(
        Func<IQueryable<Invitation>, IQueryable<Invitation>> find,
        Func<RsvpAnswerContext, RsvpAnswer> answerFor,
        Func<Invitation, Meeting, T> show,
        RsvpChannel via,
        string actor,
        bool withHistory = false,
        bool withAgenda = false)
        where T : class
    {
        var work = new AnswerWork(find, answerFor, (i, m) => show(i, m), via, actor, withHistory, withAgenda);
        return (T)await batcher.SubmitAsync(work);
    }
}

/// <summary>The invitation and meeting an answer is about, for answers that depend on them (calendar replies).</summary>
internal sealed record RsvpAnswerContext(Invitation Invitation, Meeting Meeting);

/// <summary>One answer waiting to be stored, and the caller waiting for its response.</summary>
internal sealed record AnswerWork(
    Func<IQueryable<Invitation>, IQueryable<Invitation>> Find,
    Func<RsvpAnswerContext, RsvpAnswer> AnswerFor,
    Func<Invitation, Meeting, object> Show,
    RsvpChannel Via,
    string Actor,
    bool WithHistory,
    bool WithAgenda)
{
    public TaskCompletionSource<object> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for answers. SQLite (and any database, for that matter) commits one transaction at a
/// time; hundreds of heads answering at once would queue for the lock one by one. The batcher takes
/// whatever answers are waiting (up to <see cref="MaxBatch"/>), applies each on its own — its own
/// rules, its own errors, its own response — and commits them together. Answers racing on one
/// invitation meet in the same unit of work and are applied in order; a conflict with another
/// process (optimistic concurrency) sends the batch's answers through one-by-one retries.
/// </summary>
internal sealed class AnswerBatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AnswerBatcher> logger) : BackgroundService
{
    public const int MaxBatch = 64;
    private const int Attempts = 8;

    private readonly Channel<AnswerWork> _queue = Channel.CreateUnbounded<AnswerWork>(new UnboundedChannelOptions { SingleReader = true });

    public async Task<object> SubmitAsync(AnswerWork work)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            throw new OperationCanceledException("The service is shutting down; the answer was not stored.");
        }

        return await work.Done.Task;
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
            while (_queue.Reader.TryRead(out var work))
            {
                work.Done.TrySetException(new OperationCanceledException("The service is shutting down; the answer was not stored."));
            }
        }
    }

    private async Task Run(CancellationToken stoppingToken)
    {
        var batch = new List<AnswerWork>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            try
            {
                await StoreTogether(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A batch of {Count} answers failed", batch.Count);
                foreach (var work in batch)
                {
                    work.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task StoreTogether(List<AnswerWork> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var applied = new List<(AnswerWork Work, object Response)>(batch.Count);
        foreach (var work in batch)
        {
            try
            {
                applied.Add((work, await Apply(db, work, ct)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                work.Done.TrySetException(e); // this answer's own 4xx; the others go on
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
        catch (DbUpdateConcurrencyException)
        {
            foreach (var (work, _) in applied)
            {
                await StoreAlone(work, ct);
            }

            return;
        }

        foreach (var (work, response) in applied)
        {
            work.Done.TrySetResult(response);
        }
    }

    /// <summary>After a conflict with another writer: reload, re-apply, save; a few times, with jitter.</summary>
    private async Task StoreAlone(AnswerWork work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            try
            {
                var response = await Apply(db, work, ct);
                await db.SaveChangesAsync(ct);
                work.Done.TrySetResult(response);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                work.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task<object> Apply(MeetingsDbContext db, AnswerWork work, CancellationToken ct)
    {
        // One round trip for both: the invitation (tracked, it changes) and its meeting (read only).
        IQueryable<Invitation> invitations = work.WithHistory ? db.Invitations.Include(i => i.History.OrderBy(h => h.Id)) : db.Invitations;
        var found = await work.Find(invitations)
            .Select(i => new { Invitation = i, Meeting = db.Meetings.Single(m => m.Id == i.MeetingId) })
            .SingleOrDefaultAsync(ct) ?? throw NotFoundException.Invitation();
        if (work.WithAgenda && db.Entry(found.Meeting).Collection(m => m.Agenda) is { IsLoaded: false } agenda)
        {
            await agenda.LoadAsync(ct); // the meeting is shared by the batch's answers: loaded once
        }

        var answer = work.AnswerFor(new RsvpAnswerContext(found.Invitation, found.Meeting));
        found.Invitation.Respond(found.Meeting, answer, work.Via, work.Actor, clock.GetUtcNow());
        return work.Show(found.Invitation, found.Meeting);
    }
}
