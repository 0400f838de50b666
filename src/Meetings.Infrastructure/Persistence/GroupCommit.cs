using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// Group commit: many small pieces of work stored in one transaction (docs/adr/0008-group-commit.md). The database
/// commits one transaction at a time; hundreds of callers writing at once would queue for the lock one by one. The
/// group commit takes whatever pieces are waiting (up to <see cref="MaxBatch"/>), applies each on its own in one shared
/// unit of work — its own rules, its own errors, its own result — and commits them together. Pieces racing on one row
/// meet in the same unit of work and are applied in arrival order. When the commit fails — a conflict with another
/// process (optimistic concurrency), or anything one piece brought along — the batch's pieces are stored one by one,
/// each in a fresh unit of work, so that a failed piece fails alone. It knows nothing of what the pieces change: the
/// answers (Api/Features/Answers/RecordAnswer.cs) are its one caller today.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> logger) : BackgroundService
{
    public const int MaxBatch = 64;
    private const int Attempts = 8;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Applies <paramref name="work"/> together with whatever else waits and commits it; the result is the piece's own,
    /// or its own exception. Not cancelled with the caller: once applied, a piece is stored or fails.
    /// </summary>
    public async Task<TResult> CommitAsync<TResult>(IGroupedWork<TResult> work, CancellationToken ct)
    {
        var pending = new Pending<TResult>(work);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw ShuttingDown();
        }

        return await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Run(stoppingToken);
        }
        finally
        {
            // The host stops: no caller may wait for ever on work that will not be stored.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Fail(ShuttingDown());
            }
        }
    }

    private static OperationCanceledException ShuttingDown() => new("The service is shutting down; the change was not stored.");

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
                logger.LogError(e, "A group commit of {Count} changes failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(e);
                }
            }
        }
    }

    private async Task StoreTogether(List<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = new GroupUnit(scope.ServiceProvider);
        var applied = await ApplyAll(unit, batch, ct);
        if (applied.Count == 0)
        {
            return;
        }

        try
        {
            await unit.Db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException && !DatabaseFailure.IsTransient(e))
        {
            // Another writer changed a row meanwhile, or one piece brought something the database refuses:
            // each piece on its own, so that only the one at fault fails.
            foreach (var pending in applied)
            {
                await StoreAlone(pending, ct);
            }

            return;
        }

        foreach (var pending in applied)
        {
            pending.Succeed();
        }
    }

    /// <summary>Announces every piece (so that the unit's shared reads fetch for all at once), reads, then applies each; the pieces applied.</summary>
    private static async Task<List<Pending>> ApplyAll(GroupUnit unit, List<Pending> batch, CancellationToken ct)
    {
        var announced = new List<Pending>(batch.Count);
        foreach (var pending in batch)
        {
            try
            {
                pending.Announce(unit);
                announced.Add(pending);
            }
            catch (Exception e)
            {
                pending.Fail(e);
            }
        }

        await unit.ReadSharedAsync(ct);
        var applied = new List<Pending>(announced.Count);
        foreach (var pending in announced)
        {
            try
            {
                await pending.ApplyAsync(unit, ct);
                applied.Add(pending);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                pending.Fail(e); // this piece's own 4xx; the others go on
            }
        }

        return applied;
    }

    /// <summary>Apply again in a fresh unit of work, save; after a conflict with another writer a few times more, with jitter.</summary>
    private async Task StoreAlone(Pending pending, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var unit = new GroupUnit(scope.ServiceProvider);
            try
            {
                pending.Announce(unit);
                await unit.ReadSharedAsync(ct);
                await pending.ApplyAsync(unit, ct);
                await unit.Db.SaveChangesAsync(ct);
                pending.Succeed();
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                pending.Fail(e);
                return;
            }
        }
    }

    /// <summary>One piece of work waiting to be stored, and its caller waiting for the result.</summary>
    private abstract class Pending
    {
        public abstract void Announce(GroupUnit unit);

        public abstract Task ApplyAsync(GroupUnit unit, CancellationToken ct);

        public abstract void Succeed();

        public abstract void Fail(Exception e);
    }

    private sealed class Pending<TResult>(IGroupedWork<TResult> work) : Pending
    {
        private TResult? _result;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Announce(GroupUnit unit) => work.Announce(unit);

        public override async Task ApplyAsync(GroupUnit unit, CancellationToken ct) => _result = await work.ApplyAsync(unit, ct);

        public override void Succeed() => Done.TrySetResult(_result!);

        public override void Fail(Exception e) => Done.TrySetException(e);
    }
}

/// <summary>
/// A piece of work for the <see cref="GroupCommit"/>: changes to a <see cref="GroupUnit"/>'s DbContext that the group
/// commit saves together with others'. Its result is taken right after it is applied (a snapshot, if later pieces of the
/// same unit change the same rows); it is handed to the caller once the unit is committed. A piece may be applied twice
/// (again, in a fresh unit, after a failed group commit): it must change nothing outside its unit.
/// </summary>
public interface IGroupedWork<TResult>
{
    /// <summary>Before the unit's pieces are applied: tell the unit's shared reads (<see cref="GroupUnit.Shared{T}"/>) what this piece will read.</summary>
    void Announce(GroupUnit unit)
    {
    }

    /// <summary>Apply the change to <see cref="GroupUnit.Db"/> (not saving it); a refusal throws and fails this piece alone.</summary>
    Task<TResult> ApplyAsync(GroupUnit unit, CancellationToken ct);
}

/// <summary>
/// A read a unit's pieces share (<see cref="GroupUnit.Shared{T}"/>): the pieces announce what they need, then it reads
/// for all of them at once, before any is applied (one query a batch instead of one a piece).
/// </summary>
public interface ISharedRead
{
    Task ReadAsync(CancellationToken ct);
}

/// <summary>One unit of work of the <see cref="GroupCommit"/>: a DbContext and a service scope shared by its pieces, and the reads they share.</summary>
public sealed class GroupUnit(IServiceProvider services)
{
    private readonly Dictionary<Type, object> _shared = [];

    public IServiceProvider Services { get; } = services;

    public MeetingsDbContext Db { get; } = services.GetRequiredService<MeetingsDbContext>();

    /// <summary>The unit's one <typeparamref name="T"/>, made from its services on first use (an <see cref="ISharedRead"/> reads before the pieces are applied).</summary>
    public T Shared<T>()
        where T : class
    {
        if (!_shared.TryGetValue(typeof(T), out var shared))
        {
            _shared[typeof(T)] = shared = ActivatorUtilities.CreateInstance<T>(Services);
        }

        return (T)shared;
    }

    internal async Task ReadSharedAsync(CancellationToken ct)
    {
        foreach (var read in _shared.Values.OfType<ISharedRead>().ToList())
        {
            await read.ReadAsync(ct);
        }
    }
}
