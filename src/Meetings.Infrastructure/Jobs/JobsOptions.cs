using Microsoft.Extensions.Options;

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

/// <summary>
/// Every key of the <c>Jobs</c> section, checked at start (<see cref="Hosting.SettingChecks"/>). The cadence check's
/// schedule is read by Hangfire's own parser: a throwaway job manager on a storage in memory registers it once.
/// </summary>
internal sealed class JobsOptionsCheck : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions jobs)
    {
        var wrong = new List<string>();
        Hosting.SettingChecks.Within(wrong, "Jobs:PollingIntervalSeconds", jobs.PollingIntervalSeconds, 1, 3600, "a whole number of seconds");
        Hosting.SettingChecks.Within(wrong, "Jobs:WorkerCount", jobs.WorkerCount, 1, 100, "a whole number of workers");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(jobs.CadenceCheckTimeZone ?? string.Empty, out _))
        {
            wrong.Add(Hosting.SettingChecks.Wrong("Jobs:CadenceCheckTimeZone", "a time zone id such as Europe/Berlin", jobs.CadenceCheckTimeZone ?? string.Empty));
        }

        if (!IsCron(jobs.CadenceCheckCron))
        {
            wrong.Add(Hosting.SettingChecks.Wrong("Jobs:CadenceCheckCron", "a cron expression of 5 fields (or 6 with seconds) such as 0 7 * * *", jobs.CadenceCheckCron ?? string.Empty));
        }

        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }

    private static bool IsCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        using var storage = new Hangfire.InMemory.InMemoryStorage();
        try
        {
            new Hangfire.RecurringJobManager(storage).AddOrUpdate("cron-check", Hangfire.Common.Job.FromExpression(() => Nothing()), cron, new Hangfire.RecurringJobOptions());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The throwaway job's method; never run.</summary>
    public static void Nothing()
    {
    }
}
