using System.Diagnostics;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// Meetings.Api.dll from the tests' output folder, run by <c>dotnet</c> as an operator starts it (its environment as
/// given, Kestrel on a port of loopback), its output collected line by line: for what only a process shows (its exit
/// code, what it writes). <see cref="ServiceProcess"/> is the one for a running service on a test database.
/// </summary>
public sealed class ServiceRun : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServiceRun(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public int ExitCode => _process.ExitCode;

    public static ServiceRun Start(string folder, int port, IDictionary<string, string> environment) =>
        Start(folder, $"http://127.0.0.1:{port}", environment);

    /// <param name="urls">The addresses to listen on, as <c>--urls</c> takes them.</param>
    /// <param name="parent">
    /// A shell to start <c>dotnet</c> from, as its child (null: started directly). Named <c>systemd</c>, it is the parent
    /// the service takes for systemd's (Microsoft.Extensions.Hosting.Systemd looks at its parent's name).
    /// </param>
    public static ServiceRun Start(string folder, string urls, IDictionary<string, string> environment, string? parent = null)
    {
        string[] service = [Path.Combine(AppContext.BaseDirectory, "Meetings.Api.dll"), "--urls", urls];
        var start = new ProcessStartInfo(parent ?? "dotnet", parent is null ? service : ["-c", "dotnet \"$@\"; exit $?", "systemd", .. service])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceRun(Process.Start(start)!);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            _process.WaitForExit(); // the output streams are read to their end
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until <c>/health/ready</c> at <paramref name="address"/> answers 200; false when the process ended or time ran out.</summary>
    public async Task<bool> WaitReadyAsync(Uri address, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
