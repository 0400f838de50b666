using Hangfire;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Idempotency;

namespace Meetings.Infrastructure.Jobs;

/// <summary>Housekeeping: what is kept only for a while is removed once its time is over.</summary>
public sealed class MaintenanceJobs(IdempotencyStore idempotency, DocumentBlobs blobs, TimeProvider clock)
{
    public const string IdempotencyPurgeJobId = "idempotency-purge";
    public const string OrphanChunksJobId = "document-orphan-chunks";

    /// <summary>Removes the first answers kept for <c>Idempotency-Key</c> retries once they are older than 24 hours.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Purge expired idempotency records")]
    public Task<int> PurgeIdempotencyRecords() => idempotency.PurgeExpiredAsync(clock.GetUtcNow());

    /// <summary>Removes the chunks that an upload killed midway left (no document version names them) once they are older than an hour.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Delete orphan document chunks")]
    public Task<int> PurgeOrphanChunks(CancellationToken ct) => blobs.DeleteOrphansAsync(clock.GetUtcNow() - DocumentBlobs.OrphanAge, ct);
}
