using System.Net.Http.Headers;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Mail.Planning;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The real service over real HTTP middleware, on a database of its own (<see cref="TestDatabase"/>: a
/// SQLite file, or a PostgreSQL database in the Postgres test project). The clock is the only thing
/// replaced. One instance per test class (xunit class fixture).
/// </summary>
public class MeetingsApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-long-enough-for-production"; // Production refuses a bootstrap key under 32 characters

    /// <summary>2026-03-02 08:00 UTC, a Monday; tests move it forward as they need.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetings-tests", Guid.NewGuid().ToString("N"));
    private readonly Lazy<TestDatabase> _database;
    private readonly bool _ownsDatabase;

    public MeetingsApp()
        : this(null)
    {
    }

    /// <param name="database">An existing database to share (it stays when this instance goes); null: a new one of its own.</param>
    protected MeetingsApp(TestDatabase? database)
    {
        System.IO.Directory.CreateDirectory(_folder);
        Clock = new FakeTimeProvider(InitialTime);
        _ownsDatabase = database is null;
        // Made when the service starts: a fixture of tests that are skipped (no PostgreSQL) never makes one.
        _database = new Lazy<TestDatabase>(() => database ?? TestDatabase.CreateNew());
    }

    /// <summary>Another instance on an existing database (a restart, a second instance).</summary>
    public static MeetingsApp OnDatabase(TestDatabase database) => new(database);

    /// <summary>The service's clock; it only moves forward.</summary>
    public FakeTimeProvider Clock { get; }

    protected virtual DateTimeOffset InitialTime => Start;

    /// <summary>What the service logged as errors (shown by failing assertions on a 500).</summary>
    public ServerErrors Errors { get; } = new();

    public TestDatabase Database => _database.Value;

    /// <summary>Where mails are written as .eml files when the test class has no SMTP server.</summary>
    public string PickupDirectory => Path.Combine(_folder, "mail-outbox");

    protected virtual bool SeedDemo => false;

    /// <summary>Where mails point for answers (<c>Mail:RsvpBaseUrl</c>); null leaves the service's default, the answer page.</summary>
    protected virtual string? RsvpBaseUrl => "https://intranet.augsburg.example/rsvp/";

    /// <summary>An SMTP server on loopback to send to; null writes .eml files to the pickup directory.</summary>
    protected virtual int? SmtpPort => null;

    /// <summary>False (default): Hangfire runs no jobs and the tests drive the dispatcher (<see cref="Dispatch"/>).</summary>
    protected virtual bool JobsEnabled => false;

    /// <summary><c>Jobs:PollingIntervalSeconds</c>: 1 s for the tests that move <see cref="Clock"/> and wait for the poll; null: the default (15 s).</summary>
    protected virtual int? PollingIntervalSeconds => 1;

    /// <summary>The service's clock: <see cref="Clock"/>, or the real one for tests of how soon mail goes out (then <see cref="Clock"/> is not used).</summary>
    protected virtual TimeProvider ServiceClock => Clock;

    /// <summary>Header that makes a test request come from another address than loopback (the job dashboard is local-only).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>Runs the mail dispatcher once (one batch), as the background job does.</summary>
    public async Task<DispatchResult> Dispatch()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync();
    }

    /// <summary>Runs the daily cadence check once, as its job does.</summary>
    public async Task CheckCadence()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CadenceAlerts>().CheckAsync(CancellationToken.None);
    }

    public HttpClient Admin() => WithKey(AdminKey);

    /// <summary>
    /// A client without a key. Every client this class hands out checks each response against the service's OpenAPI
    /// document (<see cref="OpenApiContract"/>); it follows redirects and keeps cookies like <c>CreateClient()</c>.
    /// </summary>
    public HttpClient Anonymous() =>
        CreateDefaultClient(new ContractCheckHandler(OpenApiContract.Of(Services)), new RedirectHandler(), new CookieContainerHandler());

    /// <summary>The service behind the same contract check, for a client that builds its own pipeline (the generated client).</summary>
    public HttpMessageHandler CheckedHandler() => new ContractCheckHandler(OpenApiContract.Of(Services)) { InnerHandler = Server.CreateHandler() };

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Runs <paramref name="action"/> against the service's own database context.</summary>
    public async Task<T> Db<T>(Func<MeetingsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MeetingsDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Meetings", Database.ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Jobs:Enabled", JobsEnabled ? "true" : "false");
        if (PollingIntervalSeconds is { } polling)
        {
            builder.UseSetting("Jobs:PollingIntervalSeconds", polling.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Mail:PickupDirectory", PickupDirectory);
        builder.UseSetting("Mail:From", "amtsleitung@augsburg.example");
        if (RsvpBaseUrl is { } rsvpBaseUrl)
        {
            builder.UseSetting("Mail:RsvpBaseUrl", rsvpBaseUrl);
        }

        if (SmtpPort is { } port)
        {
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(ServiceClock);
            // First of all startup filters: the address is the connection's, before anything (forwarded headers) reads it.
            services.Insert(0, ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClient>());
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_database.IsValueCreated && _ownsDatabase)
            {
                Database.Dispose();
            }
            else if (_database.IsValueCreated)
            {
                Database.ReleaseConnections();
            }

            try
            {
                System.IO.Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open by the OS; the temp folder is cleaned eventually.
            }
        }
    }
}

/// <summary>
/// The in-memory test server knows no client address; Kestrel on this machine would see loopback. Requests
/// come from 127.0.0.1 unless they name another address in <see cref="MeetingsApp.RemoteAddressHeader"/>.
/// </summary>
internal sealed class LoopbackClient : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(nextMiddleware => context =>
        {
            var named = context.Request.Headers[MeetingsApp.RemoteAddressHeader].ToString();
            context.Connection.RemoteIpAddress = named.Length > 0 ? System.Net.IPAddress.Parse(named) : System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>The same service with the demo data seeded, as a fresh `dotnet run` has it.</summary>
public sealed class SeededMeetingsApp : MeetingsApp
{
    protected override bool SeedDemo => true;
}
