using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Hosting;

/// <summary>
/// The order a start needs: first the port — the host starts the web server, which binds it (a port that is taken
/// ends the start here, before the database is touched) — then the database (migrations, the demo seed on a new
/// database), then what works on it (<see cref="AfterDatabase"/>: the group commit, the job server, the recurring
/// jobs). Until then requests get a 503 (<see cref="Ready"/>). Stops in reverse: the web server first (requests in
/// flight finish), then the work on the database.
/// </summary>
public sealed class StartupSequence(
    IServiceProvider services, IEnumerable<AfterDatabase> deferred, IHostApplicationLifetime lifetime, ILogger<StartupSequence> logger) : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IHostedService> _started = [];

    /// <summary>Completed once the database is migrated and the work on it has started.</summary>
    public Task Ready => _ready.Task;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service's start, the web server's included: the port is bound.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Mail links start with {RsvpBaseUrl}", services.GetRequiredService<IOptions<MailOptions>>().Value.RsvpBaseUrl);
        _ = services.GetRequiredService<Feedback.FeedbackPseudonyms>(); // made now: it warns at start when no secret is configured
        await services.InitializeDatabaseAsync(cancellationToken);
        foreach (var after in deferred)
        {
            await after.Service.StartAsync(cancellationToken);
            _started.Add(after.Service);
            if (after.Service is BackgroundService { ExecuteTask: { } running })
            {
                _ = Watch(after.Service, running);
            }
        }

        _ready.TrySetResult();
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the host does for the background services it starts itself: one that fails stops the service.</summary>
    private async Task Watch(IHostedService service, Task running)
    {
        try
        {
            await running;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical(e, "{Service} failed; the service stops.", service.GetType().Name);
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ready.TrySetCanceled(CancellationToken.None);
        for (var n = _started.Count - 1; n >= 0; n--)
        {
            await _started[n].StopAsync(cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A hosted service that <see cref="StartupSequence"/> starts once the database is ready, not the host at its start.</summary>
public sealed record AfterDatabase(IHostedService Service);

public static class StartupRegistration
{
    /// <summary>
    /// Runs <paramref name="register"/> and turns the hosted services it adds into ones started after the database
    /// (<see cref="AfterDatabase"/>), in the order registered.
    /// </summary>
    public static IServiceCollection StartAfterDatabase(this IServiceCollection services, Action<IServiceCollection> register)
    {
        var before = services.ToList();
        register(services);
        foreach (var added in services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList())
        {
            services.Remove(added);
            services.AddSingleton(sp => new AfterDatabase(added switch
            {
                { ImplementationInstance: IHostedService instance } => instance,
                { ImplementationFactory: { } factory } => (IHostedService)factory(sp),
                _ => (IHostedService)ActivatorUtilities.CreateInstance(sp, added.ImplementationType!),
            }));
        }

        return services;
    }

    /// <summary>
    /// Defers hosted services that the framework registers and that read the database at their start: data
    /// protection's warm-up loads the key ring (kept in the database, <c>DatabaseKeyRepository</c>), which on a new
    /// database would query a table the migrations have not made yet. Call it last, once every framework
    /// registration (Razor, antiforgery) is in: a later <c>AddDataProtection</c> would register the warm-up again.
    /// </summary>
    public static IServiceCollection StartFrameworkServicesAfterDatabase(this IServiceCollection services)
    {
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            services.Remove(warmUp);
            services.AddSingleton(sp => new AfterDatabase((IHostedService)ActivatorUtilities.CreateInstance(sp, warmUp.ImplementationType!)));
        }

        return services;
    }
}
