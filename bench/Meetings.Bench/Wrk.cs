using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Meetings.Bench;

/// <summary>
/// wrk (Debian's package) as the load client of the reads and RSVP scenarios: C and epoll, so that the load client takes
/// less of the two cores than the server it measures. Two threads; with a Lua script for requests that differ.
/// </summary>
internal static class Wrk
{
    /// <param name="script">A wrk Lua script (null: GET <paramref name="url"/>).</param>
    /// <param name="scriptArguments">Passed to the script's <c>init(args)</c>.</param>
    /// <param name="server">The server's process, for the CPU it spent on the run.</param>
    public static async Task<WrkResult> RunAsync(
        string url, int seconds, int connections, Process? server = null, string? header = null, string? script = null, IReadOnlyList<string>? scriptArguments = null)
    {
        server?.Refresh();
        var cpuBefore = server?.TotalProcessorTime ?? TimeSpan.Zero;
        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "30s" };
        if (header is not null)
        {
            arguments.AddRange(["-H", header]);
        }

        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url);
        if (scriptArguments is { Count: > 0 })
        {
            arguments.Add("--");
            arguments.AddRange(scriptArguments);
        }

        var start = new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start)!;
        var errorOutput = wrk.StandardError.ReadToEndAsync();
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        server?.Refresh();
        var cpu = (server?.TotalProcessorTime ?? TimeSpan.Zero) - cpuBefore;
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}{await errorOutput}");
        }

        var result = WrkResult.Parse(output) is var parsed && parsed.Requests > 0
            ? parsed with { CpuMicroseconds = cpu.TotalMicroseconds / parsed.Requests }
            : parsed;
        if (result.Errors > 0)
        {
            Console.Error.WriteLine($"[wrk] {url}: {result.Errors} non-2xx/3xx or socket errors\n{output}");
        }

        return result;
    }
}

/// <param name="State">What the script printed as <c>STATE name value</c> lines in its <c>done()</c>.</param>
internal sealed partial record WrkResult(
    double Throughput, double P50, double P99, long Requests, long Errors, double CpuMicroseconds = 0, IReadOnlyDictionary<string, string>? State = null)
{
    public static WrkResult Parse(string output)
    {
        double Latency(string percentile) => Milliseconds(LatencyLine().Matches(output).Single(m => m.Groups[1].Value == percentile));
        var errors = NonSuccess().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        var state = StateLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Latency("50"), Latency("99"),
            long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), errors, State: state);
    }

    public static WrkResult Median(IReadOnlyList<WrkResult> rounds) => new(
        Service.Median(rounds.Select(r => r.Throughput).ToList()), Service.Median(rounds.Select(r => r.P50).ToList()),
        Service.Median(rounds.Select(r => r.P99).ToList()), rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors),
        Service.Median(rounds.Select(r => r.CpuMicroseconds).ToList()));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Throughput:F0} req/s, p50 {P50:F2} ms, p99 {P99:F2} ms, {Requests} requests, {Errors} errors");

    private static double Milliseconds(Match m)
    {
        var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return m.Groups[3].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
    }

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"^STATE (\S+) (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex StateLine();
}
