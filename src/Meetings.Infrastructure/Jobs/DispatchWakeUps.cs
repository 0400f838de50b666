using Hangfire;
using Hangfire.States;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// Wakes the mail dispatcher through Hangfire when mail falls due: mail due now (or within
/// <see cref="MailDispatcher.NearlyDue"/>) gets a dispatch job enqueued at once, mail due later a job scheduled for
/// just before its due instant (Hangfire's scheduler looks every second; the dispatcher waits for the instant itself).
/// <para>
/// Coalesced: while the dispatch job enqueued last has not started, it will see every row committed before it starts,
/// so no second one is enqueued (30 answers delegating at once made 4 jobs in the test, not 30); while the wake-up
/// scheduled last is still waiting and not later than the new instant, none is added, and an earlier one replaces it
/// (the dispatch it starts schedules the next). With PostgreSQL the jobs are in the shared storage: any instance may run
/// them, and an instance without jobs of its own (<c>Jobs:Enabled=false</c>) still wakes the others.
/// </para>
/// Requests are handed to Hangfire off the caller's thread, one at a time; a storage that cannot be reached (the
/// database restarting) is logged and left to the poll, the safety net. Never throws to the caller.
/// </summary>
internal sealed class DispatchWakeUps : IDispatchWakeUp
{
    /// <summary>
    /// A wake-up is scheduled this much before the due instant. Hangfire's scheduler looks every second and keeps whole
    /// seconds, so the job starts between two seconds and a moment before the instant; the dispatcher waits for the rest
    /// (at most <see cref="MailDispatcher.NearlyDue"/>) and sends on the dot, instead of up to a second late.
    /// </summary>
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(1);

    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger<DispatchWakeUps> _logger;
    private readonly bool _enabled;
    private readonly Lock _gate = new();
    private DateTimeOffset? _wanted; // the earliest instant asked for and not yet handed to Hangfire
    private bool _pumping;
    private string? _enqueued; // the dispatch job enqueued last
    private (DateTimeOffset At, string Id)? _scheduled; // the wake-up scheduled last

    /// <param name="services">Hangfire's client and storage, taken at the first wake-up: the storage connects when it is made.</param>
    public DispatchWakeUps(IServiceProvider services, TimeProvider clock, DatabaseSettings database, IConfiguration configuration, ILogger<DispatchWakeUps> logger)
    {
        (_services, _clock, _logger) = (services, clock, logger);
        // The in-memory storage (SQLite) is this process's: without a job server here nobody would run the jobs.
        _enabled = database.Provider == DatabaseProvider.Postgres || configuration.GetValue("Jobs:Enabled", true);
    }

    public void DueAt(DateTimeOffset at)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            _wanted = _wanted is { } earlier && earlier <= at ? earlier : at;
            if (_pumping)
            {
                return; // the pump takes it with the next round
            }

            _pumping = true;
        }

        _ = Task.Run(Pump);
    }

    private void Pump()
    {
        while (true)
        {
            DateTimeOffset at;
            lock (_gate)
            {
                if (_wanted is not { } wanted)
                {
                    _pumping = false;
                    return;
                }

                at = wanted;
                _wanted = null;
            }

            try
            {
                var wait = at - _clock.GetUtcNow();
                if (wait <= MailDispatcher.NearlyDue)
                {
                    EnsureEnqueued();
                }
                else
                {
                    EnsureScheduled(at, wait);
                }
            }
            catch (ObjectDisposedException)
            {
                return; // the host is stopping: its jobs stop with it, and the next start reconciles
            }
            catch (Exception e)
            {
                _logger.LogWarning("The mail dispatcher could not be woken ({Error}); the next poll sends the mail.", e.Message);
            }
        }
    }

    private void EnsureEnqueued()
    {
        if (_enqueued is { } last && StateOf(last) == EnqueuedState.StateName)
        {
            return; // it has not started yet: it will see the new rows
        }

        _enqueued = Jobs.Enqueue<MailJobs>(j => j.DispatchDue(CancellationToken.None));
    }

    private void EnsureScheduled(DateTimeOffset at, TimeSpan wait)
    {
        if (_scheduled is { } last && StateOf(last.Id) == ScheduledState.StateName)
        {
            if (last.At <= at)
            {
                return; // the dispatch it starts schedules the next wake-up, for this one too
            }

            Jobs.Delete(last.Id, ScheduledState.StateName); // only if it is still waiting
        }

        _scheduled = (at, Jobs.Schedule<MailJobs>(j => j.DispatchDue(CancellationToken.None), wait - Lead));
    }

    private IBackgroundJobClient Jobs => _services.GetRequiredService<IBackgroundJobClient>();

    private string? StateOf(string jobId)
    {
        using var connection = _services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
