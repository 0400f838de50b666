using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server made for the tests from the machine's own binaries: <c>initdb</c> into a
/// temporary folder, <c>pg_ctl start</c> on a free port of 127.0.0.1 with the socket in that folder
/// and fsync off (test data need not survive a power cut). One server is shared by the whole test run
/// (<see cref="Shared"/>); a test that stops its server starts one of its own (<see cref="StartNew"/>).
/// A server is stopped and its folder deleted when the test process ends: by a process-exit hook, or,
/// should the process be killed, by a small watchdog started beside the server.
/// </summary>
/// <remarks>
/// initdb and postgres refuse to run as root. Run as root (CI), they run as the <c>postgres</c> system
/// user that Debian's package creates (<c>runuser -u postgres</c>), in a folder that user owns.
/// <c>MEETINGS_TEST_POSTGRES_BIN</c> names the folder of the binaries instead of the search (PATH, then
/// /usr/lib/postgresql/*/bin, newest first); a folder without them shows the skip path.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    public const string BinariesVariable = "MEETINGS_TEST_POSTGRES_BIN";
    private static readonly string[] Binaries = ["initdb", "pg_ctl", "postgres"];
    private static readonly Lazy<(PostgresServer? Server, string? Reason)> SharedServer = new(TryStart, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _disposed;

    private PostgresServer(string bin, bool asPostgresUser, string folder)
    {
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Folder = folder;
    }

    /// <summary>The server of this test run, started on first use; null when none can be started.</summary>
    public static PostgresServer? Shared => SharedServer.Value.Server;

    /// <summary>Why no server could be started (no binaries, no user to run them as, …); null when there is one.</summary>
    public static string? UnavailableReason => SharedServer.Value.Reason;

    public string Folder { get; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Folder, "data");

    private string LogFile => Path.Combine(Folder, "postgres.log");

    /// <summary>A server of its own, for a test that stops and starts it.</summary>
    public static PostgresServer StartNew()
    {
        var (server, reason) = TryStart();
        return server ?? throw new InvalidOperationException("PostgreSQL could not be started: " + reason);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    public void CreateDatabase(string name) => Admin($"CREATE DATABASE \"{name}\"");

    public void DropDatabase(string name) => Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Stops the server as an operator would for a restart (fast shutdown: sessions are ended).</summary>
    public void Stop() => Require(Run(PgCtl("stop", "-m", "fast")), "pg_ctl stop");

    /// <summary>Starts the stopped server again on the same port and waits until it takes connections.</summary>
    public void Start() => Require(Run(PgCtl("start", "-l", LogFile, "-o", ServerOptions(Port))), "pg_ctl start");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Run(PgCtl("stop", "-m", "immediate"));
            try
            {
                System.IO.Directory.Delete(Folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the watchdog deletes it once this process is gone
            }
        }
    }

    private static (PostgresServer? Server, string? Reason) TryStart()
    {
        try
        {
            if (FindBinaries() is not { } bin)
            {
                var where = Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } dir ? dir : "PATH or /usr/lib/postgresql/*/bin";
                return (null, $"no PostgreSQL server binaries ({string.Join(", ", Binaries)}) in {where}; install Debian's 'postgresql' package (.ci/apt-packages)");
            }

            var asPostgresUser = Environment.IsPrivilegedProcess;
            if (asPostgresUser && Run(new ProcessStartInfo("id", ["-u", "postgres"])).Code != 0)
            {
                return (null, "running as root, and initdb/postgres refuse root; there is no 'postgres' user to run them as");
            }

            var folder = Path.Combine(Path.GetTempPath(), "meetings-pg-" + Guid.NewGuid().ToString("N")[..12]);
            System.IO.Directory.CreateDirectory(folder);
            if (asPostgresUser)
            {
                Require(Run(new ProcessStartInfo("chown", ["postgres:", folder])), "chown");
            }

            var server = new PostgresServer(bin, asPostgresUser, folder);
            try
            {
                server.InitAndStart();
            }
            catch
            {
                server.Dispose();
                throw;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return (server, null);
        }
        catch (Exception e)
        {
            return (null, e.Message);
        }
    }

    private static string? FindBinaries()
    {
        IEnumerable<string> candidates = Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured
            ? [configured]
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(System.IO.Directory.Exists("/usr/lib/postgresql")
                    ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                        .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                        .Select(d => Path.Combine(d, "bin"))
                    : []);
        foreach (var dir in candidates)
        {
            if (Binaries.All(b => File.Exists(Path.Combine(dir, b))))
            {
                // PATH may hold symlinks (/usr/local/bin/initdb → …/15/bin/initdb): use the real folder,
                // where pg_ctl finds its postgres.
                var initdb = new FileInfo(Path.Combine(dir, "initdb"));
                return Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName);
            }
        }

        return null;
    }

    private void InitAndStart()
    {
        // A German ICU collation as the database default where initdb offers it (PostgreSQL 15+), as a
        // city's server would have: the model's own collation must make the lists come out as on SQLite.
        string[][] locales = [["--locale-provider=icu", "--icu-locale=de-DE", "--locale=C.UTF-8"], ["--locale=C.UTF-8"], []];
        var failures = new List<string>();
        foreach (var locale in locales)
        {
            var init = Run(As(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", .. locale]), TimeSpan.FromMinutes(2));
            if (init.Code == 0)
            {
                failures.Clear();
                break;
            }

            failures.Add(init.Output.Trim());
            Run(As("rm", ["-rf", DataDirectory]));
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("initdb failed: " + failures[^1]);
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var started = Run(PgCtl("start", "-l", LogFile, "-o", ServerOptions(Port)), TimeSpan.FromMinutes(1));
            if (started.Code == 0)
            {
                break;
            }

            if (attempt == 3)
            {
                Require(started, "pg_ctl start");
            }
        }

        StartWatchdog();
    }

    /// <summary>Stops the server and deletes the folder once the test process is gone, however it ended.</summary>
    private void StartWatchdog()
    {
        var pgCtl = PgCtl("stop", "-m", "immediate");
        var stop = string.Join(' ', new[] { pgCtl.FileName }.Concat(pgCtl.ArgumentList).Select(Quote));
        var script = $"while [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done; {stop}; rm -rf {Quote(Folder)}";
        var watchdog = new ProcessStartInfo("sh", ["-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process.Start(watchdog);
    }

    private string ServerOptions(int port) => string.Join(' ',
        $"-p {port.ToString(CultureInfo.InvariantCulture)}",
        "-c listen_addresses=127.0.0.1",
        "-c unix_socket_directories=" + Folder,
        "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
        "-c max_connections=300", "-c shared_buffers=64MB");

    private ProcessStartInfo PgCtl(string action, params string[] more) =>
        As(Path.Combine(_bin, "pg_ctl"), [action, "-D", DataDirectory, "-w", "-t", "60", .. more]);

    private ProcessStartInfo As(string file, string[] args) =>
        _asPostgresUser ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static (int Code, string Output) Run(ProcessStartInfo start, TimeSpan? timeout = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{start.FileName} timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void Require((int Code, string Output) result, string what)
    {
        if (result.Code != 0)
        {
            throw new InvalidOperationException($"{what} failed ({result.Code}): {result.Output.Trim()}");
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
