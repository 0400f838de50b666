using System.Net;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Meetings.Api.Features.Mail;
using Meetings.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

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

/// <summary>
/// Hangfire in the API process: one job storage, activator and server per host (never Hangfire's static
/// globals, so parallel hosts never share job state), the recurring jobs, the dashboard for admins.
/// </summary>
internal static class JobsSetup
{
    public static IServiceCollection AddMeetingsJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration("Jobs");
        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<Infrastructure.Persistence.DatabaseSettings>(), sp.GetRequiredService<IConfiguration>()));
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
        services.AddHostedService<JobServer>();
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// <c>/hangfire</c>: an admin key (the <c>X-Api-Key</c> header, or HTTP Basic with the key as password so
    /// a browser can ask for it) and, unless <c>Jobs:Dashboard:AllowRemote</c>, a local request. Runs after
    /// authentication and before the endpoints' authorization.
    /// </summary>
    public static WebApplication UseMeetingsJobsDashboard(this WebApplication app)
    {
        var access = new DashboardGate(app.Services.GetRequiredService<IOptions<JobsOptions>>());
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hangfire"), branch => branch.Use(access.InvokeAsync));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [access],
            DashboardTitle = "Meetings – Jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class DashboardGate(IOptions<JobsOptions> options) : IDashboardAuthorizationFilter
    {
        public async Task InvokeAsync(HttpContext context, Func<Task> next)
        {
            if (context.User.Identity?.IsAuthenticated == true && !context.User.IsInRole(Auth.Roles.Of(Domain.Directory.ApiKeyRole.Admin)))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Outside the key's scope.", "The job dashboard is for admin keys only.");
                return;
            }

            if (!context.User.IsInRole(Auth.Roles.Of(Domain.Directory.ApiKeyRole.Admin)))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Meetings jobs\", charset=\"UTF-8\"";
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "An admin key is required.",
                    "The job dashboard is for admins: send an admin key in X-Api-Key, or as the password of HTTP Basic.");
                return;
            }

            if (!IsAllowedFrom(context))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Local requests only.",
                    "The job dashboard answers requests from this machine only (Jobs:Dashboard:AllowRemote is off).");
                return;
            }

            await next();
        }

        /// <summary>The same rule, checked again by Hangfire itself.</summary>
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.IsInRole(Auth.Roles.Of(Domain.Directory.ApiKeyRole.Admin)) && IsAllowedFrom(http);
        }

        private bool IsAllowedFrom(HttpContext context) => options.Value.Dashboard.AllowRemote || IsLocal(context.Connection);

        /// <summary>Loopback or the server's own address. Behind a proxy this needs forwarded headers (README).</summary>
        private static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is { } remote
            && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
    }
}

/// <summary>
/// Starts this instance's Hangfire server when <c>Jobs:Enabled</c> and keeps the recurring jobs registered:
/// mail dispatch on every poll (<c>Jobs:PollingIntervalSeconds</c>) and once right at start (the reconciler:
/// rows that fell due while no instance ran, rows a killed process left in "sending"), and the daily cadence check
/// (also once at start; it plans each alert once, however often it runs).
/// </summary>
internal sealed class JobServer(
    IOptions<JobsOptions> options, JobStorage storage, JobActivator activator, IRecurringJobManager recurring, ILogger<JobServer> logger)
    : IHostedService, IAsyncDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        if (!jobs.Enabled)
        {
            logger.LogInformation("Jobs:Enabled is false: this instance sends no mail.");
            return Task.CompletedTask;
        }

        // Every second by the schedule; the scheduler polls every PollingInterval and runs a due job once.
        recurring.AddOrUpdate<MailJobs>(MailJobs.DispatchJobId, j => j.DispatchDue(CancellationToken.None), "* * * * * *");
        recurring.AddOrUpdate<MailJobs>(MailJobs.CadenceJobId, j => j.CheckCadence(CancellationToken.None), jobs.CadenceCheckCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.CadenceCheckTimeZone) });
        recurring.Trigger(MailJobs.DispatchJobId);
        recurring.Trigger(MailJobs.CadenceJobId); // a day missed while no instance ran is checked now
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = Math.Max(1, jobs.WorkerCount),
                SchedulePollingInterval = jobs.PollingInterval,
                Activator = activator,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
            },
            storage);
        logger.LogInformation("Hangfire server started: mail dispatch every {Interval}.", jobs.PollingInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Hangfire's log goes through one process-wide provider (Hangfire keeps it in a static). It writes to the
/// logger factory of the host that configured Hangfire last — in production the only one — and drops
/// messages once that host is gone, instead of failing on its disposed factory (parallel test hosts).
/// </summary>
internal sealed class HangfireLog : Hangfire.Logging.ILogProvider
{
    public static readonly HangfireLog Instance = new();
    private static volatile ILoggerFactory? _factory;

    public static void Attach(ILoggerFactory factory) => _factory = factory;

    public Hangfire.Logging.ILog GetLogger(string name) => new Forwarder(name);

    private sealed class Forwarder(string name) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                var logger = _factory?.CreateLogger(name);
                if (logger is null || !logger.IsEnabled(level))
                {
                    return false;
                }

                if (messageFunc is not null)
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over a finished message, not a template
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host that logged here has stopped
            }
        }
    }
}

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
