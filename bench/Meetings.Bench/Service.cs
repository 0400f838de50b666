using System.Diagnostics;
using System.Text.Json;

namespace Meetings.Bench;

/// <summary>Starting a process that serves HTTP on loopback, and talking JSON to it.</summary>
internal static class Service
{
    /// <summary>The bootstrap admin key of every scenario: Production wants at least 32 characters.</summary>
    public const string AdminKey = "bench-admin-key-0123456789abcdef0123";

    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // BENCH_SERVICE_LOG=1: the service's own log on stderr (its mail dispatch runs, with Meetings at Information), for diagnosis.
        var passLog = Environment.GetEnvironmentVariable("BENCH_SERVICE_LOG") == "1";
        process.OutputDataReceived += (_, e) =>
        {
            if (passLog && e.Data is not null)
            {
                Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(fileName)} {DateTime.UtcNow:HH:mm:ss.fff}] {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(fileName)}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static Process StartApi(string apiDll, string folder, string key, int port, IDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Meetings"] = $"Data Source={Path.Combine(folder, "meetings.db")}",
            ["Auth__BootstrapAdminKey"] = key,
            ["Seed__Demo"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (Environment.GetEnvironmentVariable("BENCH_SERVICE_LOG") == "1")
        {
            environment["Logging__LogLevel__Meetings"] = "Information";
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        return Start("dotnet", [Path.GetFullPath(apiDll), "--urls", $"http://127.0.0.1:{port}"], folder, environment);
    }

    public static async Task WaitReady(HttpClient http, string path)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{http.BaseAddress} did not become ready.");
    }

    public static async Task<string> Post(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static double Median(IReadOnlyList<double> xs) => Percentile(xs, 50);

    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        var sorted = xs.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
