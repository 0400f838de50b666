using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// Applies the migrations at start and, on a new database with <c>Seed:Demo</c> on, seeds the demo data.
/// On PostgreSQL several instances may start at once: they take turns (an advisory lock), so the schema
/// is migrated and the demo data seeded exactly once. On SQLite (one process per file) the mails that a
/// killed process left claimed go back to the queue.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>The key of the advisory lock held while one instance migrates (the bytes of "Meetings").</summary>
    public const long MigrationLockKey = 0x4D656574696E6773;

    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        if (db.Database.IsNpgsql())
        {
            await CreatePostgresDatabaseIfMissing(db, logger, ct);
        }

        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10)); // waiting for another instance's migration, or a long one
        await db.Database.OpenConnectionAsync(ct);
        var locked = false;
        try
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while one writer commits; it is stored in the file, so once is enough.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            }
            else if (db.Database.IsNpgsql())
            {
                // EF Core locks the history table while it applies migrations, but not while it creates that
                // table, and not around the seed. A session lock around all of it: the others wait their turn
                // and then find nothing left to do. Should this process die, the session ends and frees it.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
                locked = true;
            }

            // On a new database EF Core would first query the missing history table and log that as an error;
            // creating the (empty) table first keeps the log of a first start clean.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);

            var isNew = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
            var migrating = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("Database schema is up to date ({Provider}).", db.Database.ProviderName);
            if (db.Database.IsSqlite() && await DeliveryClaims.ReleaseAllAsync(db, ct) is > 0 and var released)
            {
                // One process per SQLite file: the mails a killed process had claimed are free at once, not after their lease.
                logger.LogWarning("{Count} mails claimed by a process that is gone went back to the queue.", released);
            }

            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            if (isNew && seed.Demo)
            {
                await DemoData.SeedAsync(db, clock.GetUtcNow(), ct);
                logger.LogInformation("Seeded the demo data (Seed:Demo is on and the database was new).");
            }

            // Only when this start changed the schema or the database is new: the personal feeds of a directory that had
            // none yet (the migration that brought feeds, the demo data); an ordinary start does not read the whole directory.
            if ((isNew || migrating) && await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct))
            {
                await db.SaveChangesAsync(ct);
            }
        }
        finally
        {
            if (locked)
            {
                await Unlock(db, logger);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Explicitly: closing only returns the connection to Npgsql's pool, where the session — and the lock
    /// with it — would live on until the connection is used again.
    /// </summary>
    private static async Task Unlock(MeetingsDbContext db, ILogger logger)
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
        catch (Exception e) when (DatabaseFailure.IsTransient(e))
        {
            logger.LogWarning("The migration lock could not be released ({Error}); it ends with the connection.", e.Message);
        }
    }

    /// <summary>
    /// A PostgreSQL database named in the connection string that does not exist yet is created (when the
    /// user may); usually the operator creates it (docs/operations.md).
    /// </summary>
    private static async Task CreatePostgresDatabaseIfMissing(MeetingsDbContext db, ILogger logger, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
            logger.LogInformation("Created the PostgreSQL database.");
        }
        catch (PostgresException e) when (e.SqlState == "42P04")
        {
            // duplicate_database: another instance created it a moment ago.
        }
    }
}
