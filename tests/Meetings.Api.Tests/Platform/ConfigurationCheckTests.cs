#if !POSTGRES // the process-level tests run on SQLite only: what they show does not depend on the provider
using System.Net;
using System.Net.Sockets;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// SPEC "Configuration that cannot work": the service started as an operator starts it (its own process, Production),
/// with a value that cannot work. It stops at once with exit code 1 and one line that names the key (in its
/// <c>Section:Key</c> form) and what it must be — no stack trace, no abort, the database untouched. One test per family
/// of keys; the processes of a test run side by side.
/// </summary>
public sealed class ConfigurationCheckTests : IDisposable
{
    private const string Key = "configuration-test-admin-key-of-forty-chars";
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("meetings-config-").FullName;

    [Fact]
    public Task A_sender_organizer_or_bounce_address_that_is_no_mailbox_stops_the_start() => EachStops(
        new("Mail:From", "'not-an-address'", ("Mail__From", "not-an-address")),
        new("Mail:Organizer", "'x'", ("Mail__Organizer", "x")),
        new("Mail:BounceAddress", "mailbox", ("Mail__BounceAddress", "bounces@@c.example")));

    [Fact]
    public Task A_link_base_that_is_no_absolute_http_url_ending_in_a_slash_stops_the_start() => EachStops(
        new("Mail:RsvpBaseUrl", "'not a url'", ("Mail__RsvpBaseUrl", "not a url")),
        new("Mail:RsvpBaseUrl", "https URL", ("Mail__RsvpBaseUrl", "ftp://meetings.augsburg.example/rsvp/")),
        new("Mail:RsvpBaseUrl", "ends with /", ("Mail__RsvpBaseUrl", "https://meetings.augsburg.example/rsvp")));

    [Fact]
    public Task An_smtp_port_or_mail_domain_that_cannot_work_stops_the_start() => EachStops(
        new("Mail:Smtp:Port", "from 1 to 65535", ("Mail__Smtp__Host", "127.0.0.1"), ("Mail__Smtp__Port", "70000")),
        new("Mail:Smtp:Port", "a whole number", ("Mail__Smtp__Port", "smtp")),
        new("Mail:AllowedDomains", "'domain'", ("Mail__AllowedDomains", "augsburg.de,not a domain")));

    [Fact]
    public Task An_unknown_provider_or_a_postgres_without_a_host_stops_the_start() => EachStops(
        new("Database:Provider", "'Oracle'", ("Database__Provider", "Oracle")),
        new("ConnectionStrings:Meetings", "Host=", ("Database__Provider", "Postgres"), ("ConnectionStrings__Meetings", "Database=meetings")));

    [Fact]
    public Task A_duration_that_is_not_a_positive_one_stops_the_start() => EachStops(
        new("Tasks:DueReminder", "'P-1D'", ("Tasks__DueReminder", "P-1D")),
        new("Tasks:DueReminder", "ISO 8601", ("Tasks__DueReminder", "banana")),
        new("Audit:RetentionDays", "'0'", ("Audit__RetentionDays", "0")));

    [Fact]
    public Task A_job_setting_that_cannot_work_stops_the_start_naming_each_wrong_key_in_the_one_line() => EachStops(
        new("Jobs:PollingIntervalSeconds", "'0'", ("Jobs__PollingIntervalSeconds", "0"), ("Jobs__WorkerCount", "0")) { AlsoNamed = ["Jobs:WorkerCount"] },
        new("Jobs:Enabled", "true or false", ("Jobs__Enabled", "banana")),
        new("Jobs:CadenceCheckCron", "cron", ("Jobs__CadenceCheckCron", "every morning"), ("Jobs__CadenceCheckTimeZone", "Mars/Olympus"))
        {
            AlsoNamed = ["Jobs:CadenceCheckTimeZone"],
        });

    [Fact]
    public Task A_secret_too_short_or_missing_in_Production_stops_the_start_without_showing_it() => EachStops(
        new("Auth:BootstrapAdminKey", "at least 32", ("Auth__BootstrapAdminKey", "short-key")) { Hidden = "short-key" },
        new("Feedback:PseudonymSecret", "Auth:BootstrapAdminKey", ("Auth__BootstrapAdminKey", null)),
        new("Feedback:PseudonymSecret", "at least 32", ("Feedback__PseudonymSecret", "tiny-secret")) { Hidden = "tiny-secret" });

    [Fact]
    public Task A_proxy_rate_limit_or_switch_that_cannot_be_read_stops_the_start() => EachStops(
        new("ReverseProxy:KnownProxies", "'proxy.example'", ("ReverseProxy__KnownProxies", "10.0.0.5,proxy.example")),
        new("RateLimiting:UnknownToken:PermitLimit", "'0'", ("RateLimiting__UnknownToken__PermitLimit", "0")),
        new("Swagger:Enabled", "true or false", ("Swagger__Enabled", "maybe")),
        new("Seed:Demo", "true or false", ("Seed__Demo", "perhaps")));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned eventually.
        }
    }

    /// <summary>Starts a process for each case at once; each must end by itself with exit code 1 and its one line.</summary>
    private async Task EachStops(params Case[] cases)
    {
        var runs = cases.Select(Start).ToList();
        try
        {
            var exited = await Task.WhenAll(runs.Select(r => r.Service.WaitForExitAsync(TimeSpan.FromSeconds(45))));

            foreach (var ((@case, run), n) in cases.Zip(runs).Select((c, n) => (c, n)))
            {
                var output = $"{string.Join(", ", @case.Settings.Select(s => $"{s.Key}={s.Value}"))}:\n{run.Service.Output}";
                Assert.True(exited[n], "the service should stop by itself: " + output);
                Assert.True(run.Service.ExitCode == 1, $"exit code {run.Service.ExitCode}: {output}");
                var line = Assert.Single(run.Service.Lines, l => l.Contains("The service cannot start", StringComparison.Ordinal));
                foreach (var key in new[] { @case.Key }.Concat(@case.AlsoNamed))
                {
                    Assert.Contains($"{key} ({key.Replace(":", "__", StringComparison.Ordinal)}) must be", line, StringComparison.Ordinal);
                }

                Assert.Contains(@case.Says, line, StringComparison.Ordinal);
                Assert.Single(run.Service.Lines, l => l.StartsWith("crit:", StringComparison.Ordinal));
                Assert.DoesNotContain(run.Service.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
                Assert.DoesNotContain(run.Service.Lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal));
                Assert.False(File.Exists(run.Database), "nothing is migrated or seeded: " + output);
                if (@case.Hidden is { } secret)
                {
                    Assert.DoesNotContain(secret, run.Service.Output, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            runs.ForEach(r => r.Service.Dispose());
        }
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
        };
        foreach (var (key, value) in @case.Settings)
        {
            settings[key] = value;
        }

        var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        return (ServiceRun.Start(folder, FreePort(), environment), database);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Settings over a working Production configuration (null: the key unset), the key the line names and what it says.</summary>
    private sealed record Case(string Key, string Says, params (string Key, string? Value)[] Settings)
    {
        /// <summary>Further keys the same line names (several wrong values of one start).</summary>
        public string[] AlsoNamed { get; init; } = [];

        /// <summary>A secret that must not appear in the output.</summary>
        public string? Hidden { get; init; }
    }
}
#endif
