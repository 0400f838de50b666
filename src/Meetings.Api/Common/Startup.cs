using System.Net.Sockets;
using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary>
/// Starting and running the service (the order itself is <see cref="StartupSequence"/>'s): a configuration value that
/// cannot work (<see cref="SettingChecks"/>) or a port that cannot be bound ends the start with one line that says so,
/// and exit code 1, before the database is touched; requests that come while the database
/// is being migrated get a 503 with <c>Retry-After</c> (<c>/health/live</c> answers at once).
/// </summary>
internal static class Startup
{
    /// <summary>
    /// The host's options: the content root is the service's own folder, wherever it is started from — appsettings.json
    /// (the log levels, the defaults) comes with the service, while data on relative paths (the SQLite file, the mail
    /// outbox) stays relative to the working directory, where an operator keeps it. An explicit content root
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, as the integration tests give one) wins.
    /// </summary>
    public static WebApplicationOptions HostOptions(string[] args) => new()
    {
        Args = args,
        ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                          || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
                          || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 }
            ? null
            : AppContext.BaseDirectory,
    };

    /// <summary>The host's own report of a failed start repeats the exception with its stack: <see cref="RunMeetingsAsync"/> says it instead.</summary>
    public static WebApplicationBuilder AddStartupReporting(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddOptions<ServerUrls>().CheckedBy<ServerUrls, ServerUrlsCheck>();
        return builder;
    }

    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var startup = app.Services.GetRequiredService<StartupSequence>();
        app.Use(async (context, next) =>
        {
            if (!startup.Ready.IsCompletedSuccessfully && !context.Request.Path.StartsWithSegments("/health/live"))
            {
                context.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The service is starting.",
                    "The database is being prepared; try again in a moment.");
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Every configuration value checked (<see cref="SettingChecks"/>: the options validators), before anything is
    /// composed, started or touched. False when one cannot work: then the one line that names it is written, the
    /// services are disposed (the log written out), and the service ends with exit code 1.
    /// </summary>
    public static async Task<bool> SettingsHoldAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception e) when (SettingChecks.FailuresOf(e) is { Count: > 0 } wrong)
        {
            CannotStart(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Meetings.Startup"), wrong);
            await app.DisposeAsync();
            return false;
        }
    }

    /// <returns>The process's exit code: 0 after a normal stop, 1 when the service could not start.</returns>
    public static async Task<int> RunMeetingsAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Meetings.Startup");
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is SocketException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Kestrel's own words name the address and the reason ("address already in use", "permission denied").
            logger.LogCritical("The service cannot start: {Reason} Nothing was changed; choose another port (ASPNETCORE_URLS or --urls) or stop the process that holds it.",
                e.Message);
            return 1;
        }
        catch (Exception e) when (SettingChecks.FailuresOf(e) is { Count: > 0 } wrong)
        {
            CannotStart(logger, wrong); // SettingsHold saw them first; the host checks them again
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical(e, "The service could not start.");
            return 1;
        }
    }

    private static void CannotStart(ILogger logger, IEnumerable<string> wrong) =>
        logger.LogCritical("The service cannot start: {Reason} Nothing was changed; correct the setting and start again.", string.Join(" ", wrong));
}

/// <summary>Where the service listens: <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>--urls</c>), checked at start with the configuration.</summary>
internal sealed class ServerUrls;

/// <summary>
/// Each address of <c>urls</c> must be one Kestrel binds as meant: Kestrel itself reads <c>http://127.0.0.1:abc</c> as a
/// host name and listens on every address at port 80, and fails on a port over 65535 with a stack trace.
/// </summary>
internal sealed class ServerUrlsCheck(IConfiguration configuration) : IValidateOptions<ServerUrls>
{
    public ValidateOptionsResult Validate(string? name, ServerUrls options)
    {
        var wrong = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !Binds(url))
            .Select(url => "urls (ASPNETCORE_URLS or --urls) must be http or https addresses with a port from 0 to 65535, separated by ';', "
                + $"such as http://0.0.0.0:8080; '{url}' is not one.")
            .ToList();
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }

    private static bool Binds(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && (uri.Host.Length > 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0 || uri.Host == "unix");
}
