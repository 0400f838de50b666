using Hangfire;
using Hangfire.AspNetCore;
using Meetings.Infrastructure.Hosting;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// Hangfire in the API process, registered here and nowhere else: the job storage, activator and server all come
/// from this host's services (never Hangfire's static globals, so parallel hosts never share job state), and the
/// recurring jobs. The dashboard is an HTTP surface and lives with the others in the Api.
/// </summary>
public static class JobsRegistration
{
    /// <param name="configuration">Read now for <c>Jobs:Enabled</c>: without it this instance has no job server at all.</param>
    public static IServiceCollection AddMeetingsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindChecked("Jobs").CheckedBy<JobsOptions, JobsOptionsCheck>();
        // Registered before AddHangfire, which then keeps them instead of falling back on JobStorage.Current and
        // JobActivator.Current.
        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLog.Instance);
            HangfireLog.Attach(sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddScoped<MailJobs>();
        services.AddSingleton<IDispatchWakeUp, DispatchWakeUps>();
        services.AddScoped<MaintenanceJobs>();
        services.AddScoped<AuditJobs>();
        if (!bool.TryParse(configuration["Jobs:Enabled"], out var enabled) || enabled) // a wrong value: JobsOptionsCheck stops the start
        {
            // The activator is left to AddHangfireServer, which takes this host's (registered above). Both start once the
            // database is migrated (StartupSequence), not before the port is bound.
            services.StartAfterDatabase(s => s.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = Math.Max(1, jobs.WorkerCount);
                // Every second, for the wake-ups scheduled for a due instant; it also runs the recurring jobs, whose own
                // schedules (the poll: every Jobs:PollingIntervalSeconds) say how often they fire.
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            }));
            services.StartAfterDatabase(s => s.AddHostedService<RecurringJobs>());
        }
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);
        return services;
    }
}

/// <summary>
/// Keeps the recurring jobs registered: the mail dispatch poll every <c>Jobs:PollingIntervalSeconds</c> — the safety net
/// behind the wake-ups (<see cref="DispatchWakeUps"/>) — and once right at start (the reconciler: rows that fell due
/// while no instance ran, rows a killed process left in "sending"; it also schedules the next wake-up), the daily
/// cadence check (also once at start; it plans each alert once, however often it runs), the hourly purge of
/// idempotency records older than 24 hours, the hourly removal of document chunks an upload killed midway left
/// (older than an hour, no version names them) and the audit log's daily retention (03:30). Only on an instance that runs
/// jobs (<c>Jobs:Enabled</c>).
/// </summary>
internal sealed class RecurringJobs(IOptions<JobsOptions> options, IRecurringJobManager recurring, ILogger<RecurringJobs> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        recurring.AddOrUpdate<MailJobs>(MailJobs.DispatchJobId, j => j.DispatchDue(CancellationToken.None), jobs.PollCron);
        recurring.AddOrUpdate<MailJobs>(MailJobs.CadenceJobId, j => j.CheckCadence(CancellationToken.None), jobs.CadenceCheckCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.CadenceCheckTimeZone) });
        recurring.AddOrUpdate<MaintenanceJobs>(MaintenanceJobs.IdempotencyPurgeJobId, j => j.PurgeIdempotencyRecords(), Cron.Hourly());
        recurring.AddOrUpdate<MaintenanceJobs>(MaintenanceJobs.OrphanChunksJobId, j => j.PurgeOrphanChunks(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<AuditJobs>(AuditJobs.RetentionJobId, j => j.Purge(CancellationToken.None), "30 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.CadenceCheckTimeZone) });
        recurring.Trigger(MailJobs.DispatchJobId);
        recurring.Trigger(MailJobs.CadenceJobId); // a day missed while no instance ran is checked now
        logger.LogInformation("Hangfire jobs registered: mail dispatch when mail falls due, polled as a safety net {Cron}.", jobs.PollCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
