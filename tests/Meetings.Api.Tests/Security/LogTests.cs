using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Api.Tests.Security;

/// <summary>Finding 7 of the security review: tokens and keys never reach a log, also when the database fails.</summary>
public sealed class LogTests(LogTests.LoggedApp app) : IClassFixture<LogTests.LoggedApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Tokens_and_keys_appear_in_no_log_line_when_requests_succeed_fail_or_meet_a_database_away()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "department"));
        var (_, key) = await _admin.CreateKey("admin");
        var withKey = app.WithKey(key);

        await (await app.Anonymous().GetAsync($"/api/rsvp/{token}")).Json(HttpStatusCode.OK);
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "delegated" })).Problem(HttpStatusCode.BadRequest);
        await (await withKey.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);
        app.Faults.Next = new SqliteException("database is locked (test)", 5);
        await (await app.Anonymous().GetAsync($"/api/rsvp/{token}")).Problem(HttpStatusCode.ServiceUnavailable);
        app.Faults.Next = new InvalidOperationException("a bug (test)");
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "accepted" })).Problem(HttpStatusCode.InternalServerError);
        app.Faults.Next = new InvalidOperationException("a bug (test)");
        await (await withKey.GetAsync($"/api/meetings/{meeting}")).Problem(HttpStatusCode.InternalServerError);

        Assert.Contains(app.Lines, l => l.Contains("/api/rsvp/{token}", StringComparison.Ordinal)); // the route template is logged
        Assert.DoesNotContain(app.Lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(MeetingsApp.AdminKey, StringComparison.Ordinal));
    }

    /// <summary>Every log line at the levels the shipped configuration writes (our own code down to Debug).</summary>
    public sealed class LoggedApp : MeetingsApp
    {
        private readonly Collecting _provider = new();

        public ConcurrentQueue<string> Lines => _provider.Lines;

        public FaultInjector Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.ConfigureLogging(logging => logging.AddProvider(_provider));
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Faults));
        }

        private sealed class Collecting : ILoggerProvider
        {
            public ConcurrentQueue<string> Lines { get; } = new();

            public ILogger CreateLogger(string categoryName) => new Collector(categoryName, Lines);

            public void Dispose()
            {
            }
        }

        private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }

    /// <summary>Makes the next database command fail with the exception given (once).</summary>
    public sealed class FaultInjector : DbCommandInterceptor
    {
        private Exception? _next;

        public Exception? Next
        {
            get => _next;
            set => _next = value;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _next, null) is { } fault ? throw fault : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
