#if !POSTGRES // processes of their own on SQLite: what they show does not depend on the provider
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// SPEC 5, "Running on a server": the unit file of the repository (<c>deploy/meetings.service</c>) and its environment
/// file (<c>deploy/meetings.env.example</c>) as an operator installs them. systemd itself does not run here: its
/// <c>systemd-analyze verify</c> reads the unit, and the service is started with the unit's environment from a parent
/// named <c>systemd</c> with a <c>NOTIFY_SOCKET</c>, as systemd starts a <c>Type=notify</c> service.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string Deploy = Path.Combine(Repository.Root, "deploy");

    private static string Unit => File.ReadAllText(Path.Combine(Deploy, "meetings.service"));

    [ToolFact("systemd-analyze", "systemd")]
    public async Task The_unit_file_passes_systemd_analyze_verify()
    {
        using var folder = new TempFolder();
        var unit = Path.Combine(folder.Path, "meetings.service");
        // verify wants ExecStart's program to exist: /usr/bin/dotnet of Debian's and Microsoft's packages, else this machine's.
        File.WriteAllText(unit, File.Exists("/usr/bin/dotnet") ? Unit : Unit.Replace("/usr/bin/dotnet", Tools.Find("dotnet"), StringComparison.Ordinal));

        var (exitCode, output) = await Tools.RunAsync("systemd-analyze", ["verify", unit]);

        Assert.True(exitCode == 0 && output.Length == 0, $"systemd-analyze verify: exit code {exitCode}\n{output}");
    }

    [Fact]
    public void The_unit_runs_the_service_as_its_own_user_hardened_with_its_database_in_its_state_directory_and_its_secrets_in_a_file()
    {
        var settings = Settings(Unit);

        Assert.Equal("notify", settings["Type"].Single());
        Assert.Equal(("meetings", "meetings"), (settings["User"].Single(), settings["Group"].Single()));
        Assert.Equal("meetings", settings["StateDirectory"].Single());
        Assert.Equal("/etc/meetings/meetings.env", settings["EnvironmentFile"].Single());
        Assert.Contains("\"ConnectionStrings__Meetings=Data Source=/var/lib/meetings/meetings.db\"", settings["Environment"]);
        foreach (var (key, value) in new[] { ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("PrivateTmp", "yes"), ("ProtectHome", "yes") })
        {
            Assert.Equal(value, settings[key].Single());
        }
    }

    [Fact]
    public async Task The_service_started_with_the_units_environment_tells_systemd_it_is_ready_once_its_database_is_migrated()
    {
        using var folder = new TempFolder();
        await using var smtp = new SmtpSink();
        var state = System.IO.Directory.CreateDirectory(Path.Combine(folder.Path, "var-lib-meetings")).FullName;
        var port = FreePort();
        var environment = Settings(Unit)["Environment"].Select(e => e.Trim('"'))
            .Concat(File.ReadAllLines(Path.Combine(Deploy, "meetings.env.example")).Where(l => l.Length > 0 && l[0] != '#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Replace("/var/lib/meetings", state, StringComparison.Ordinal));
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; // the unit's port, 8080, may be taken here
        environment["Auth__BootstrapAdminKey"] = MeetingsApp.AdminKey; // what the operator fills in
        environment["Feedback__PseudonymSecret"] = "a-pseudonym-secret-of-at-least-32-characters";
        environment["Mail__Smtp__Host"] = "127.0.0.1"; // the city's mail server: the tests' own
        environment["Mail__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        environment["Mail__Smtp__UseStartTls"] = "false";
        var notify = Path.Combine(folder.Path, "notify");
        environment["NOTIFY_SOCKET"] = notify;
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(notify));
        var parent = Path.Combine(folder.Path, "systemd"); // a shell by that name: the service's parent looks like systemd
        File.Copy("/bin/sh", parent);

        using var service = ServiceRun.Start(state, $"http://127.0.0.1:{port}", environment, parent);
        var messages = new List<string>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (!messages.Contains("READY=1"))
            {
                var buffer = new byte[512];
                int received;
                try
                {
                    received = await systemd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"No READY=1 within a minute; received {string.Join(", ", messages)}:\n{service.Output}");
                    return;
                }

                messages.AddRange(Encoding.UTF8.GetString(buffer, 0, received).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        // Ready means ready: the database is there and migrated, the first request answers.
        Assert.True(File.Exists(Path.Combine(state, "meetings.db")), "the database in the state directory");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        http.DefaultRequestHeaders.Add("X-Api-Key", MeetingsApp.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" })).StatusCode);
    }

    /// <summary>The settings of a unit file: each key with its values in order (a key may be given more than once).</summary>
    private static ILookup<string, string> Settings(string unit) => unit.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && line[0] is not '#' and not '[' && line.Contains('=', StringComparison.Ordinal))
        .Select(line => line.Split('=', 2))
        .ToLookup(pair => pair[0], pair => pair[1]);

    /// <summary>A folder of its own under the temp folder, removed at the end.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Directory.CreateTempSubdirectory("meetings-deploy-").FullName;

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open; the temp folder is cleaned eventually.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
#endif
