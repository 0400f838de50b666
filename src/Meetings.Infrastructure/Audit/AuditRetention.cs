using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>How long audit entries are kept (<c>Audit:RetentionDays</c>, default 730: two years).</summary>
    public int RetentionDays { get; set; } = 730;
}

/// <summary><c>Audit:RetentionDays</c>, checked at start (<see cref="Hosting.SettingChecks"/>).</summary>
internal sealed class AuditOptionsCheck : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions audit)
    {
        var wrong = new List<string>();
        Hosting.SettingChecks.Within(wrong, "Audit:RetentionDays", audit.RetentionDays, 1, 36500, "a whole number of days");
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}

/// <summary>Deletes the audit entries older than <c>Audit:RetentionDays</c> (run daily by the job <c>audit-retention</c>).</summary>
public sealed class AuditRetention(MeetingsDbContext db, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
{
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        int deleted;
        using (await db.EnterWriteQueueAsync(ct))
        {
            deleted = await db.AuditLog.Where(e => e.At < before).ExecuteDeleteAsync(ct); // the index on At
        }

        if (deleted > 0)
        {
            logger.LogInformation("Audit retention: {Count} entries older than {Days} days deleted", deleted, options.Value.RetentionDays);
        }

        return deleted;
    }
}
