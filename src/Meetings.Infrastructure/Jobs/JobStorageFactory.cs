using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// Where Hangfire keeps its jobs. With SQLite (one instance) the storage is in memory: Hangfire only
/// schedules the work, the delivery ledger in the application database is what says which mail is due,
/// sent or failed, so nothing is lost with the process (ADR 0007). With PostgreSQL the instances share
/// Hangfire's schema in the same database (<c>ConnectionStrings:Hangfire</c>, default the Meetings
/// connection string), so recurring jobs fire once for all and the job load is shared.
/// </summary>
public static class JobStorageFactory
{
    /// <summary>
    /// Its own schema; a fetched job stays invisible to other instances only while its worker is alive. Long polling
    /// (LISTEN/NOTIFY; PostgreSQL 11 or later, one connection per idle worker): a job enqueued by any instance wakes
    /// an idle worker of every instance at once, not at its next look at the queue.
    /// </summary>
    private static readonly PostgreSqlStorageOptions Options = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        QueuePollInterval = TimeSpan.FromSeconds(1),
        EnableLongPolling = true,
    };

    public static JobStorage Create(DatabaseSettings database, IConfiguration config)
    {
        return database.Provider switch
        {
            DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
            DatabaseProvider.Postgres => new PostgreSqlStorage(
                new NpgsqlConnectionFactory(
                    config.GetConnectionString("Hangfire") is { Length: > 0 } own ? own : database.ConnectionString,
                    Options),
                Options),
            _ => throw new InvalidOperationException($"No job storage for Database:Provider '{database.Provider}'."),
        };
    }
}
