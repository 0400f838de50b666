namespace Meetings.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    /// <summary>False: this instance runs no jobs (it still serves the API and plans mails into the ledger).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often Hangfire polls its schedule, and so how often due mails are picked up.</summary>
    public int PollingIntervalSeconds { get; set; } = 15;

    /// <summary>Hangfire workers of this instance.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>When the daily cadence check runs (cron, in <see cref="CadenceCheckTimeZone"/>).</summary>
    public string CadenceCheckCron { get; set; } = "0 7 * * *";

    public string CadenceCheckTimeZone { get; set; } = "Europe/Berlin";

    public DashboardAccess Dashboard { get; set; } = new();

    public TimeSpan PollingInterval => TimeSpan.FromSeconds(Math.Clamp(PollingIntervalSeconds, 1, 3600));

    public sealed class DashboardAccess
    {
        /// <summary>False (default): <c>/hangfire</c> answers local requests only, and only with an admin key.</summary>
        public bool AllowRemote { get; set; }
    }
}
