using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Jobs;

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
