using Meetings.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Persistence;

/// <summary>Applies the migrations at start and, on a new database with <c>Seed:Demo</c> on, seeds the demo data.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        var isNew = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; it is stored in the file, so once is enough.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
        logger.LogInformation("Database schema is up to date ({Provider}).", db.Database.ProviderName);

        if (isNew && config.GetValue("Seed:Demo", false))
        {
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoData.SeedAsync(db, clock.GetUtcNow(), ct);
            logger.LogInformation("Seeded the demo data (Seed:Demo is on and the database was new).");
        }
    }
}
