using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// Sets the per-connection SQLite pragmas: a busy timeout so that concurrent writers wait for the
/// lock instead of failing at once, and enforced foreign keys. WAL is a property of the database
/// file and is switched on once at start (<see cref="DatabaseInitializer"/>).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;
    private const string Sql = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
