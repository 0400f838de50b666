#if !POSTGRES // the process-level tests run on SQLite only: what they show does not depend on the provider
using System.Net;
using System.Net.Sockets;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// SPEC "Configuration that cannot work": the service started as an operator starts it (its own process, Production),
/// with a value that cannot work. It stops at once with exit code 1 and one line that names the key (in its
/// <c>Section:Key</c> form) and what it must be — no stack trace, no abort, the database untouched. One test per family
/// of keys, where one start may hold several wrong values (the one line then names each); the fixture starts the
/// processes of every test at once, side by side.
/// </summary>
public sealed class ConfigurationCheckTests(ConfigurationCheckTests.Starts starts) : IClassFixture<ConfigurationCheckTests.Starts>
{
    /// <summary>A setting given as <c>--urls</c> instead of an environment variable.</summary>
    private const string Urls = "--urls";

    private static readonly Case[] Addresses =
    [
        new("Mail:From", "'not-an-address'", ("Mail__From", "not-an-address"), ("Mail__Organizer", "x"), ("Mail__BounceAddress", "bounces@@c.example"))
        {
            AlsoNamed = ["Mail:Organizer", "Mail:BounceAddress"],
        },
        new("Mail:BounceAddress", "'a%b@c.example'", ("Mail__BounceAddress", "a%b@c.example")), // the address rule refuses '%'
    ];

    [Fact]
    public void A_sender_organizer_or_bounce_address_that_is_no_mailbox_stops_the_start() => starts.EachStopped(Addresses);

    private static readonly Case[] LinkBases =
    [
        new("Mail:RsvpBaseUrl", "'not a url'", ("Mail__RsvpBaseUrl", "not a url")),
        new("Mail:RsvpBaseUrl", "absolute http or https URL", ("Mail__RsvpBaseUrl", "ftp://meetings.augsburg.example/rsvp/")),
    ];

    [Fact]
    public void A_link_base_that_is_no_absolute_http_url_stops_the_start() => starts.EachStopped(LinkBases);

    private static readonly Case[] SmtpAndDomains =
    [
        new("Mail:Smtp:Port", "from 1 to 65535", ("Mail__Smtp__Host", "127.0.0.1"), ("Mail__Smtp__Port", "70000"), ("Mail__AllowedDomains", "augsburg.de,not a domain"))
        {
            AlsoNamed = ["Mail:AllowedDomains"],
        },
        new("Mail:Smtp:Port", "a whole number; it is 'smtp'", ("Mail__Smtp__Port", "smtp")),
    ];

    [Fact]
    public void An_smtp_port_or_mail_domain_that_cannot_work_stops_the_start() => starts.EachStopped(SmtpAndDomains);

    private static readonly Case[] Databases =
    [
        new("Database:Provider", "'Oracle'", ("Database__Provider", "Oracle")),
        new("ConnectionStrings:Meetings", "Host=", ("Database__Provider", "Postgres"), ("ConnectionStrings__Meetings", "Database=meetings")),
    ];

    [Fact]
    public void An_unknown_provider_or_a_postgres_without_a_host_stops_the_start() => starts.EachStopped(Databases);

    private static readonly Case[] Durations =
    [
        new("Tasks:DueReminder", "'P-1D'", ("Tasks__DueReminder", "P-1D"), ("Audit__RetentionDays", "0")) { AlsoNamed = ["Audit:RetentionDays"] },
        new("Tasks:DueReminder", "ISO 8601 duration such as P7D; it is 'banana'", ("Tasks__DueReminder", "banana")),
    ];

    [Fact]
    public void A_duration_that_is_not_a_positive_one_stops_the_start() => starts.EachStopped(Durations);

    private static readonly Case[] Jobs =
    [
        new("Jobs:PollingIntervalSeconds", "'0'", ("Jobs__PollingIntervalSeconds", "0"), ("Jobs__WorkerCount", "0"),
            ("Jobs__CadenceCheckCron", "every morning"), ("Jobs__CadenceCheckTimeZone", "Mars/Olympus"))
        {
            AlsoNamed = ["Jobs:WorkerCount", "Jobs:CadenceCheckCron", "Jobs:CadenceCheckTimeZone"],
        },
        new("Jobs:Enabled", "true or false; it is 'banana'", ("Jobs__Enabled", "banana")),
    ];

    [Fact]
    public void A_job_setting_that_cannot_work_stops_the_start_naming_each_wrong_key_in_the_one_line() => starts.EachStopped(Jobs);

    private static readonly Case[] Secrets =
    [
        new("Auth:BootstrapAdminKey", "at least 32", ("Auth__BootstrapAdminKey", "short-bootstrap-key"), ("Feedback__PseudonymSecret", "tiny-secret"))
        {
            AlsoNamed = ["Feedback:PseudonymSecret"],
            Hidden = ["short-bootstrap-key", "tiny-secret"],
        },
        new("Feedback:PseudonymSecret", "or Auth:BootstrapAdminKey", ("Auth__BootstrapAdminKey", null)),
    ];

    [Fact]
    public void A_secret_too_short_or_missing_in_Production_stops_the_start_without_showing_it() => starts.EachStopped(Secrets);

    private static readonly Case[] ProxiesLimitsSwitches =
    [
        new("ReverseProxy:KnownProxies", "'proxy.example'", ("ReverseProxy__KnownProxies", "10.0.0.5,proxy.example"), ("RateLimiting__UnknownToken__PermitLimit", "0"))
        {
            AlsoNamed = ["RateLimiting:UnknownToken:PermitLimit"],
        },
        new("Swagger:Enabled", "true or false", ("Swagger__Enabled", "maybe"), ("Seed__Demo", "perhaps")) { AlsoNamed = ["Seed:Demo"] },
    ];

    [Fact]
    public void A_proxy_rate_limit_or_switch_that_cannot_be_read_stops_the_start() => starts.EachStopped(ProxiesLimitsSwitches);

    private static readonly Case[] SignIn =
    [
        new("Auth:Oidc:Authority", "an https URL", ("Auth__Oidc__Authority", "http://sso.augsburg.example/realms/stadt"), ("Auth__Oidc__AdminRole", " "))
        {
            AlsoNamed = ["Auth:Oidc:Audience", "Auth:Oidc:AdminRole"],
        },
    ];

    [Fact]
    public void A_sign_in_setting_that_cannot_work_stops_the_start() => starts.EachStopped(SignIn);

    /// <summary>Kestrel would listen on every address at port 80 for the first, and fail with its stack for the second.</summary>
    private static readonly Case[] ListeningAddresses =
    [
        new("urls", "'http://127.0.0.1:abc' is not one", (Urls, "http://127.0.0.1:abc")),
        new("urls", "from 0 to 65535", (Urls, "http://127.0.0.1:70000")),
    ];

    [Fact]
    public void A_listening_address_that_cannot_work_stops_the_start() => starts.EachStopped(ListeningAddresses);

    private static readonly Case[] Telemetry =
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", "absolute http or https URL", ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "udp"))
        {
            AlsoNamed = ["OTEL_EXPORTER_OTLP_PROTOCOL"],
        },
    ];

    [Fact]
    public void An_otlp_endpoint_or_protocol_that_cannot_work_stops_the_start() => starts.EachStopped(Telemetry);

    /// <summary>Every case of this class: the fixture starts them all at once.</summary>
    private static IEnumerable<Case> All => [.. Addresses, .. LinkBases, .. SmtpAndDomains, .. Databases, .. Durations, .. Jobs, .. Secrets, .. ProxiesLimitsSwitches, .. ListeningAddresses, .. Telemetry, .. SignIn];

    /// <summary>Every case of this class started at once, each in a process of its own; the runs once they ended by themselves.</summary>
    public sealed class Starts : IAsyncLifetime
    {
        private const string Key = "configuration-test-admin-key-of-forty-chars";
        private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("meetings-config-").FullName;
        private readonly Dictionary<Case, (ServiceRun Service, string Database, bool Exited)> _runs = [];

        public async Task InitializeAsync()
        {
            var started = All.Select(c => (Case: c, Run: Start(c))).ToList();
            var until = DateTime.UtcNow.AddSeconds(120); // all at once on a machine shared with other builds
            foreach (var (@case, run) in started) // one after the other: they all run meanwhile
            {
                var left = until - DateTime.UtcNow;
                _runs[@case] = (run.Service, run.Database, await run.Service.WaitForExitAsync(left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1)));
            }
        }

        /// <summary>Each case ended by itself with exit code 1 and the one line naming its key, and touched nothing.</summary>
        public void EachStopped(IEnumerable<Case> cases)
        {
            foreach (var @case in cases)
            {
                var (service, database, exited) = _runs[@case];
                var output = $"{string.Join(", ", @case.Settings.Select(s => $"{s.Key}={s.Value}"))}:\n{service.Output}";
                Assert.True(exited, "the service should stop by itself: " + output);
                Assert.True(service.ExitCode == 1, $"exit code {service.ExitCode}: {output}");
                var line = Assert.Single(service.Lines, l => l.Contains("The service cannot start", StringComparison.Ordinal));
                foreach (var key in new[] { @case.Key }.Concat(@case.AlsoNamed))
                {
                    Assert.Contains(key == "urls" ? "urls (ASPNETCORE_URLS or --urls) must be"
                        : key.Contains(':', StringComparison.Ordinal) ? $"{key} ({key.Replace(":", "__", StringComparison.Ordinal)}) must be" : $"{key} must be",
                        line, StringComparison.Ordinal);
                }

                Assert.Contains(@case.Says, line, StringComparison.Ordinal);
                Assert.Single(service.Lines, l => l.StartsWith("crit:", StringComparison.Ordinal));
                Assert.DoesNotContain(service.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
                Assert.DoesNotContain(service.Lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal));
                Assert.False(File.Exists(database), "nothing is migrated or seeded: " + output);
                foreach (var secret in @case.Hidden)
                {
                    Assert.DoesNotContain(secret, service.Output, StringComparison.Ordinal);
                }
            }
        }

        public Task DisposeAsync()
        {
            foreach (var (service, _, _) in _runs.Values)
            {
                service.Dispose();
            }

            try
            {
                System.IO.Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open; the temp folder is cleaned eventually.
            }

            return Task.CompletedTask;
        }

        private (ServiceRun Service, string Database) Start(Case @case)
        {
            var folder = System.IO.Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;
            var database = Path.Combine(folder, "meetings.db");
            var settings = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Meetings"] = $"Data Source={database}",
                ["Auth__BootstrapAdminKey"] = Key,
                ["Mail__From"] = "amtsleitung@augsburg.example",
                ["Mail__PickupDirectory"] = Path.Combine(folder, "outbox"),
                ["DOTNET_gcServer"] = "0", // many at once: one small heap each
            };
            foreach (var (key, value) in @case.Settings)
            {
                settings[key] = value;
            }

            var urls = settings.Remove(Urls, out var given) ? given! : $"http://127.0.0.1:{FreePort()}";
            var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
            return (ServiceRun.Start(folder, urls, environment), database);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>Settings over a working Production configuration (null: the key unset), the key the line names and what it says.</summary>
    public sealed record Case(string Key, string Says, params (string Key, string? Value)[] Settings)
    {
        /// <summary>Further keys the same line names (several wrong values of one start).</summary>
        public string[] AlsoNamed { get; init; } = [];

        /// <summary>Secrets that must not appear in the output.</summary>
        public string[] Hidden { get; init; } = [];
    }
}
#endif
