using Hangfire;
using Meetings.Infrastructure.Idempotency;

namespace Meetings.Infrastructure.Jobs;

/// <summary>Housekeeping: what is kept only for a while is removed once its time is over.</summary>
public sealed class MaintenanceJobs(IdempotencyStore idempotency, TimeProvider clock)
{
    public const string IdempotencyPurgeJobId = "idempotency-purge";

    /// <summary>Removes the first answers kept for <c>Idempotency-Key</c> retries once they are older than 24 hours.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Purge expired idempotency records")]
    public Task<int> PurgeIdempotencyRecords() => idempotency.PurgeExpiredAsync(clock.GetUtcNow());
}
