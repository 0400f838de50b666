using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The service in a process of its own (the Meetings.Api assembly beside the tests, run by <c>dotnet</c>), as deployed:
/// Production settings, its Hangfire server, the default poll, the real clock. For the faults an in-process host cannot
/// show: a process killed in the middle of its work.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ServiceProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the service on <paramref name="database"/>, sending to 127.0.0.1:<paramref name="smtpPort"/>, and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(TestDatabase database, int smtpPort)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meetings-tests", "process-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__Meetings"] = database.ConnectionString;
        start.Environment["Auth__BootstrapAdminKey"] = MeetingsApp.AdminKey;
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Mail__Smtp__Host"] = "127.0.0.1";
        start.Environment["Mail__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Mail__From"] = "amtsleitung@augsburg.example";
        start.Environment["Mail__RsvpBaseUrl"] = "https://intranet.augsburg.example/rsvp/";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, folder, port);
        try
        {
            await service.WaitReady();
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return service;
    }

    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("X-Api-Key", MeetingsApp.AdminKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Kills the process at once (SIGKILL): nothing of it runs after this returns.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitReady()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The service process did not become ready (exited: {_process.HasExited}).");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
