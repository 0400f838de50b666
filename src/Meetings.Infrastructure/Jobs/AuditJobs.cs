using Hangfire;
using Meetings.Infrastructure.Audit;

namespace Meetings.Infrastructure.Jobs;

/// <summary>The audit log's retention, as a Hangfire job (daily; what is left today is deleted tomorrow).</summary>
public sealed class AuditJobs(AuditRetention retention)
{
    public const string RetentionJobId = "audit-retention";

    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Delete audit entries past Audit:RetentionDays")]
    public Task Purge(CancellationToken ct) => retention.PurgeAsync(ct);
}
