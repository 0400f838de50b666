using Meetings.Infrastructure.Persistence;
using Npgsql;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// One reader at a time across instances. PostgreSQL: a session-level advisory lock held on a connection of its own for
/// as long as the reader is connected; an instance that does not get it tries again every few seconds, so when the
/// holder dies (its connection closes, the lock goes with it) another takes over. SQLite: one instance per database
/// file, nothing to share.
/// </summary>
internal sealed class InboxLock(DatabaseSettings settings)
{
    /// <summary>The lock's key: any constant the service uses for nothing else ("MEETINGS" in ASCII, as a number).</summary>
    private const long Key = 0x4D45_4554_494E_4753;

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken ct)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return new Nothing();
        }

        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return connection; // closing it releases the lock
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
