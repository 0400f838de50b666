using Hangfire;
using Hangfire.InMemory;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// Where Hangfire keeps its jobs. With SQLite (one instance) the storage is in memory: Hangfire only
/// schedules the work, the delivery ledger in the application database is what says which mail is due,
/// sent or failed, so nothing is lost with the process (ADR 0005).
/// </summary>
public static class JobStorageFactory
{
    public static JobStorage Create(IConfiguration config)
    {
        var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        return provider switch
        {
            DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
            _ => throw new InvalidOperationException($"No job storage for Database:Provider '{provider}'."),
        };
    }
}
