using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meetings.Infrastructure.Jobs;

/// <summary>Ready when the job storage answers (with PostgreSQL: the shared Hangfire schema).</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"Job storage reachable ({storage.GetType().Name}); {servers} job server(s)."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage cannot be reached: " + e.GetType().Name));
        }
    }
}
