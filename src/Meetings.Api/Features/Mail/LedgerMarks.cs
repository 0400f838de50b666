using System.Threading.Channels;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>
/// Writes the outcome of each claimed row (sent, retry, failed, skipped) to the ledger while the dispatcher
/// already sends the next mail: a group commit. The dispatcher applies the outcome to its copy of the row
/// (<see cref="Delivery.MarkSent"/>, <see cref="Delivery.Retry"/>, …) and hands the row over; a snapshot of
/// its state is taken at once, so the writer never touches the dispatcher's objects. The writer has its own
/// DbContext and commits whatever snapshots are waiting when it is free in one transaction. So a dispatch
/// takes about max(send, commit) per mail instead of send + commit, and a mail the server accepted is
/// marked sent within about one commit.
/// <para>
/// The dispatcher never runs ahead by more than <see cref="MaxUnwritten"/> outcomes: when that many wait, it
/// waits too. A crash can therefore resend at most that many mails — in practice the few accepted during
/// the last commit (docs/design/mail.md, "Benchmark finding").
/// </para>
/// Writes are not cancelled: an outcome the server has given is written even while the host stops.
/// </summary>
internal sealed class LedgerMarks : IAsyncDisposable
{
    /// <summary>Outcomes handed over but not yet committed, at most: the waiting ones plus the group being written.</summary>
    public const int MaxUnwritten = 2 * Group;

    private const int Group = 16;

    private readonly Channel<State> _waiting = Channel.CreateBounded<State>(
        new BoundedChannelOptions(Group) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _writing;

    /// <summary>
    /// Starts the writer on a thread of its own: it blocks in SQLite's commit (fsync), which should not hold a
    /// thread of the pool that serves requests and the dispatcher's own continuations.
    /// </summary>
    /// <param name="scopes">For the writer's own DbContext (a DbContext serves one thread at a time).</param>
    /// <param name="claim">The claim token of the rows this writer may write; a row claimed by no one else.</param>
    public LedgerMarks(IServiceScopeFactory scopes, Guid claim)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writing = done.Task;
        new Thread(() =>
        {
            try
            {
                Write(scopes, claim);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "ledger marks" }.Start();
    }

    /// <summary>
    /// Hands over <paramref name="row"/>'s state after its outcome; waits while <see cref="MaxUnwritten"/>
    /// outcomes are not yet committed. Throws what the writer failed with.
    /// </summary>
    public async ValueTask AddAsync(Delivery row)
    {
        try
        {
            await _waiting.Writer.WriteAsync(State.Of(row));
        }
        catch (ChannelClosedException)
        {
            await _writing; // throws the writer's failure
            throw;
        }
    }

    /// <summary>Waits until every outcome handed over is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _writing;
    }

    private void Write(IServiceScopeFactory scopes, Guid claim)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            var reader = _waiting.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) // blocks this thread only, never a pool thread
            {
                using var queue = db.EnterWriteQueueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                using var transaction = db.Database.BeginTransaction();
                for (var n = 0; n < Group && reader.TryRead(out var state); n++)
                {
                    Write(db, state, claim);
                }

                transaction.Commit();
            }
        }
        catch (Exception e)
        {
            _waiting.Writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>
    /// One UPDATE of the columns an outcome changes, whose SQL EF caches (a SaveChanges per group builds its
    /// UPDATEs anew each time: several times the cost, measured by the mail benchmark).
    /// </summary>
    private static int Write(MeetingsDbContext db, State row, Guid claim) =>
        db.Deliveries.Where(d => d.Id == row.Id && d.ClaimToken == claim).ExecuteUpdate(u => u
            .SetProperty(d => d.Status, row.Status)
            .SetProperty(d => d.Attempts, row.Attempts)
            .SetProperty(d => d.SentAt, row.SentAt)
            .SetProperty(d => d.LastError, row.LastError)
            .SetProperty(d => d.DueAt, row.DueAt)
            .SetProperty(d => d.ClaimToken, row.ClaimToken)
            .SetProperty(d => d.LeaseUntil, row.LeaseUntil));

    /// <summary>What <see cref="Delivery.MarkSent"/>, <see cref="Delivery.Retry"/>, <see cref="Delivery.Fail"/> and <see cref="Delivery.Skip"/> change.</summary>
    private sealed record State(
        Guid Id, DeliveryStatus Status, int Attempts, DateTimeOffset? SentAt, string? LastError, DateTimeOffset DueAt, Guid? ClaimToken, DateTimeOffset? LeaseUntil)
    {
        public static State Of(Delivery d) => new(d.Id, d.Status, d.Attempts, d.SentAt, d.LastError, d.DueAt, d.ClaimToken, d.LeaseUntil);
    }
}
