namespace Meetings.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    /// <summary>False: this instance runs no jobs (it still serves the API and plans mails into the ledger).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the mail dispatch runs as a safety net: due mail goes out when it falls due (a commit or a due instant
    /// wakes the dispatcher); the poll catches what a wake-up missed (a storage that could not be reached, a fault).
    /// </summary>
    public int PollingIntervalSeconds { get; set; } = 15;

    /// <summary>Hangfire workers of this instance.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>When the daily cadence check runs (cron, in <see cref="CadenceCheckTimeZone"/>).</summary>
    public string CadenceCheckCron { get; set; } = "0 7 * * *";

    public string CadenceCheckTimeZone { get; set; } = "Europe/Berlin";

    public DashboardAccess Dashboard { get; set; } = new();

    public TimeSpan PollingInterval => TimeSpan.FromSeconds(Math.Clamp(PollingIntervalSeconds, 1, 3600));

    /// <summary>
    /// The poll's schedule (Hangfire's cron with seconds): every N seconds below a minute (at the multiples of N within
    /// each minute: 15 → :00, :15, :30, :45), else every whole number of minutes, at most hourly.
    /// </summary>
    public string PollCron
    {
        get
        {
            var seconds = (int)PollingInterval.TotalSeconds;
            if (seconds < 60)
            {
                return seconds == 1 ? "* * * * * *" : $"*/{seconds} * * * * *";
            }

            var minutes = (int)Math.Round(seconds / 60.0);
            return minutes switch
            {
                1 => "0 * * * * *",
                >= 60 => "0 0 * * * *",
                _ => $"0 */{minutes} * * * *",
            };
        }
    }

    public sealed class DashboardAccess
    {
        /// <summary>False (default): <c>/hangfire</c> answers local requests only, and only with an admin key.</summary>
        public bool AllowRemote { get; set; }
    }
}
