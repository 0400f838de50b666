using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// SQLite flavour. SQLite cannot compare or order <see cref="DateTimeOffset"/> in SQL, so instants are
/// stored as UTC ticks (INTEGER); the meeting's IANA time zone is kept in its own column.
/// </summary>
public sealed class SqliteMeetingsDbContext(DbContextOptions<SqliteMeetingsDbContext> options) : MeetingsDbContext(options)
{
    private const int SqliteBusy = 5;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    /// <summary>
    /// SQLite has one writer at a time. Left to itself, a second writer spins in SQLite's busy handler,
    /// which sleeps in growing steps (up to 100 ms) and wastes the lock when it is free again. Writers of
    /// this process therefore queue here, asynchronously, per database file; the busy timeout still
    /// covers another process on the same file. A writer waits in the queue no longer than the busy
    /// timeout either: then the database counts as locked (a 503), not as a request that hangs.
    /// </summary>
    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        var (gate, timeout) = Queue();
        return await gate.WaitAsync(timeout, ct) ? new Release(gate) : throw Locked(timeout);
    }

    protected override IDisposable? EnterWrite()
    {
        var (gate, timeout) = Queue();
        return gate.Wait(timeout) ? new Release(gate) : throw Locked(timeout);
    }

    private (SemaphoreSlim Gate, TimeSpan Timeout) Queue() => (
        Writers.GetOrAdd(Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1)),
        TimeSpan.FromSeconds(Database.GetCommandTimeout() ?? (Database.GetDbConnection() as SqliteConnection)?.DefaultTimeout ?? 30));

    private static SqliteException Locked(TimeSpan timeout) =>
        new($"database is locked: the writers of this process did not get their turn within {timeout.TotalSeconds:0} s", SqliteBusy);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
