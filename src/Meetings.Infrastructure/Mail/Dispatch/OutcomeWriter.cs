using System.Data.Common;
using System.Diagnostics;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// Writes the outcome of each claimed row (sent, retry, failed, skipped) to the ledger while the dispatcher
/// already sends the next mail: a group commit. The dispatcher applies the outcome to its copy of the row
/// (<see cref="Delivery.MarkSent"/>, <see cref="Delivery.Retry"/>, …) and hands the row over; a snapshot of
/// its state is taken at once, so the writer never touches the dispatcher's objects. The writer has its own
/// DbContext and commits whatever snapshots are waiting when it is free in one transaction. So a dispatch
/// takes about max(send, commit) per mail instead of send + commit, and a mail the server accepted is
/// marked sent within about one group commit (at most <see cref="Window"/> plus the commit).
/// <para>
/// The dispatcher never runs ahead by more than <see cref="MaxUnwritten"/> outcomes: when that many wait, it
/// waits too. A crash can therefore resend at most that many mails — in practice those of the group being
/// committed: one or two at low rates, about 16 at full speed (docs/design/mail.md, "Benchmark finding"; why a thread
/// of its own and why the window: docs/adr/0008-group-commit.md).
/// </para>
/// <para>
/// The writer is also the claim's heartbeat: every <see cref="RenewEvery"/> (real time, on its own thread, whatever the
/// dispatcher is waiting for) it extends the lease of the rows still claimed (<see cref="LeaseUntil"/>). A process that
/// dies stops renewing, and its rows are free again within one lease (docs/design/mail.md, "After a fault").
/// </para>
/// Writes are not cancelled: an outcome the server has given is written even while the host stops.
/// </summary>
internal sealed class OutcomeWriter : IAsyncDisposable
{
    /// <summary>Outcomes handed over but not yet committed, at most (waiting or in the group being written).</summary>
    public const int MaxUnwritten = Group;

    private const int Group = 32;

    /// <summary>
    /// How long a group waits for more outcomes while fewer than half a group wait: 5 ms. Each commit costs an fsync,
    /// which on the benchmark's VM cost more CPU than anything else the writer does: with 2 ms the service sent
    /// ~3,000 mails/s at 0.45–0.5 ms of CPU each, with 5 ms ~3,700 at 0.37 ms.
    /// </summary>
    private static readonly long Window = Stopwatch.Frequency / 200;

    /// <summary>How often the lease is renewed: a third of it, so that one renewal may fail late without the lease running out.</summary>
    private static readonly TimeSpan RenewEvery = MailDispatcher.Lease / 3;

    private readonly Queue<State> _waiting = new(); // guarded by itself; the writer waits on it (Monitor)
    private readonly SemaphoreSlim _room = new(Group); // outcomes that may still be handed over; the dispatcher waits on it
    private readonly Task _writing;
    private bool _completed;
    private bool _idle; // the writer waits for a first outcome (not in its group-commit window)
    private Exception? _failure;
    private long _leaseUntil; // UTC ticks of the lease as last written

    /// <summary>
    /// Starts the writer on a thread of its own: it blocks in SQLite's commit (fsync) and in waiting for work,
    /// neither of which should hold a thread of the pool that serves requests and the dispatcher's continuations.
    /// </summary>
    /// <param name="scopes">For the writer's own DbContext (a DbContext serves one thread at a time).</param>
    /// <param name="claim">The claim token of the rows this writer may write; a row claimed by no one else.</param>
    /// <param name="clock">The ledger's clock (the lease's new end).</param>
    /// <param name="leaseUntil">The lease as the claim set it.</param>
    public OutcomeWriter(IServiceScopeFactory scopes, Guid claim, TimeProvider clock, DateTimeOffset leaseUntil)
    {
        _leaseUntil = leaseUntil.UtcTicks;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writing = done.Task;
        new Thread(() =>
        {
            try
            {
                Write(scopes, claim, clock);
                done.SetResult();
            }
            catch (Exception e)
            {
                lock (_waiting)
                {
                    _failure = e;
                }

                _room.Release(Group); // a dispatcher waiting for room sees the failure
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "ledger marks" }.Start();
    }

    /// <summary>Until when the claim is held: the claim's lease, extended by each renewal.</summary>
    public DateTimeOffset LeaseUntil => new(Interlocked.Read(ref _leaseUntil), TimeSpan.Zero);

    /// <summary>
    /// Hands over <paramref name="row"/>'s state after its outcome; waits while <see cref="MaxUnwritten"/>
    /// outcomes are not yet committed. Throws what the writer failed with.
    /// </summary>
    public async ValueTask AddAsync(Delivery row)
    {
        await _room.WaitAsync();
        lock (_waiting)
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("The ledger writer failed; the rows not marked stay leased.", _failure);
            }

            _waiting.Enqueue(State.Of(row));
            if (_idle || _waiting.Count >= Group / 2)
            {
                Monitor.Pulse(_waiting);
            }
        }
    }

    /// <summary>Waits until every outcome handed over is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_waiting)
        {
            _completed = true;
            Monitor.Pulse(_waiting);
        }

        try
        {
            await _writing;
        }
        finally
        {
            _room.Dispose();
        }
    }

    private void Write(IServiceScopeFactory scopes, Guid claim, TimeProvider clock)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        db.Database.OpenConnection(); // one connection for the writer's life
        try
        {
            using var update = new OutcomeUpdate(db, claim);
            var group = new List<State>(Group);
            var renewAt = Stopwatch.GetTimestamp() + (long)(RenewEvery.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                lock (_waiting)
                {
                    _idle = true;
                    while (_waiting.Count == 0 && !_completed && Stopwatch.GetTimestamp() < renewAt)
                    {
                        Monitor.Wait(_waiting, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), renewAt));
                    }

                    _idle = false;
                    if (_waiting.Count == 0 && _completed)
                    {
                        return; // completed and all written
                    }

                    // the group-commit window: a few more outcomes may join, so that one fsync covers several mails
                    var until = Stopwatch.GetTimestamp() + Window;
                    while (_waiting.Count > 0 && _waiting.Count < Group / 2 && !_completed)
                    {
                        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
                        if (left <= TimeSpan.Zero)
                        {
                            break;
                        }

                        Monitor.Wait(_waiting, left);
                    }

                    while (_waiting.Count > 0)
                    {
                        group.Add(_waiting.Dequeue());
                    }
                }

                if (Stopwatch.GetTimestamp() >= renewAt)
                {
                    Renew(db, claim, clock.GetUtcNow() + MailDispatcher.Lease);
                    renewAt = Stopwatch.GetTimestamp() + (long)(RenewEvery.TotalSeconds * Stopwatch.Frequency);
                }

                if (group.Count == 0)
                {
                    continue;
                }

                using (db.EnterWriteQueue())
                using (var transaction = db.Database.BeginTransaction())
                {
                    foreach (var state in group)
                    {
                        update.Run(transaction.GetDbTransaction(), state);
                    }

                    transaction.Commit();
                }

                _room.Release(group.Count); // only now: until committed, an outcome counts as unwritten
                group.Clear();
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>The heartbeat: the rows still claimed are held until <paramref name="until"/>.</summary>
    private void Renew(MeetingsDbContext db, Guid claim, DateTimeOffset until)
    {
        using (db.EnterWriteQueue())
        {
            db.Deliveries.Where(d => d.Status == DeliveryStatus.Sending && d.ClaimToken == claim)
                .ExecuteUpdate(u => u.SetProperty(d => d.LeaseUntil, until));
        }

        Interlocked.Exchange(ref _leaseUntil, until.UtcTicks);
    }

    /// <summary>
    /// The UPDATE of one row's outcome columns, built once per writer from EF's model and provider (table and column
    /// names, quoting, parameter types, value converters) and run as one prepared command per row. A LINQ
    /// ExecuteUpdate per row made EF translate and look up the query each time: more CPU than the UPDATE itself.
    /// </summary>
    private sealed class OutcomeUpdate : IDisposable
    {
        private static readonly string[] Columns =
        [
            nameof(Delivery.Status), nameof(Delivery.Attempts), nameof(Delivery.SentAt), nameof(Delivery.LastError),
            nameof(Delivery.DueAt), nameof(Delivery.ClaimToken), nameof(Delivery.LeaseUntil), nameof(Delivery.Id),
        ];

        private readonly DbCommand _command;
        private readonly (RelationalTypeMapping Mapping, DbParameter Parameter)[] _values;

        public OutcomeUpdate(MeetingsDbContext db, Guid claim)
        {
            var type = db.Model.FindEntityType(typeof(Delivery))!;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            _command = db.Database.GetDbConnection().CreateCommand();
            var columns = Columns.Append(nameof(Delivery.ClaimToken)).Select((name, n) =>
            {
                var property = type.FindProperty(name)!;
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                var parameter = mapping.CreateParameter(_command, $"p{n}", null, nullable: true);
                _command.Parameters.Add(parameter);
                return (Column: sql.DelimitIdentifier(property.GetColumnName(table)!), Placeholder: sql.GenerateParameterNamePlaceholder($"p{n}"), mapping, parameter);
            }).ToList();
            var set = columns.Take(Columns.Length - 1).Select(c => $"{c.Column} = {c.Placeholder}");
            _command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", set)} "
                + $"WHERE {columns[^2].Column} = {columns[^2].Placeholder} AND {columns[^1].Column} = {columns[^1].Placeholder}";
            _values = columns.Select(c => (c.mapping, c.parameter)).ToArray();
            Set(_values.Length - 1, claim);
        }

        public void Run(DbTransaction transaction, State row)
        {
            _command.Transaction = transaction;
            object?[] values = [row.Status, row.Attempts, row.SentAt, row.LastError, row.DueAt, row.ClaimToken, row.LeaseUntil, row.Id];
            for (var n = 0; n < values.Length; n++)
            {
                Set(n, values[n]);
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();

        private void Set(int n, object? value)
        {
            var (mapping, parameter) = _values[n];
            parameter.Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
        }
    }

    /// <summary>What <see cref="Delivery.MarkSent"/>, <see cref="Delivery.Retry"/>, <see cref="Delivery.Fail"/> and <see cref="Delivery.Skip"/> change.</summary>
    private sealed record State(
        Guid Id, DeliveryStatus Status, int Attempts, DateTimeOffset? SentAt, string? LastError, DateTimeOffset DueAt, Guid? ClaimToken, DateTimeOffset? LeaseUntil)
    {
        public static State Of(Delivery d) => new(d.Id, d.Status, d.Attempts, d.SentAt, d.LastError, d.DueAt, d.ClaimToken, d.LeaseUntil);
    }
}
