using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>Collects the service's error logs so that a failing test can show why the server answered 500.</summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>Errors of every service instance of this test run, newest last.</summary>
    public static ConcurrentQueue<string> Everywhere { get; } = new();

    public IReadOnlyCollection<string> All => _errors;

    public ILogger CreateLogger(string categoryName) => new Collector(_errors);

    /// <summary>The last few errors of any instance, for an assertion message.</summary>
    public static string Recent() => string.Join("\n", Everywhere.TakeLast(3));

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var text = $"{formatter(state, exception)} {exception}";
                errors.Enqueue(text);
                Everywhere.Enqueue(text);
            }
        }
    }
}
