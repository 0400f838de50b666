using System.Diagnostics;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>The operator's own tools that some tests run (promtool, systemd-analyze), found on the PATH.</summary>
public static class Tools
{
    /// <summary>The full path of <paramref name="name"/> on the PATH, or null.</summary>
    public static string? Find(string name) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> (and <paramref name="input"/> on its standard input); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> arguments, string? input = null, string? folder = null)
    {
        var start = new ProcessStartInfo(Find(tool) ?? tool, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder ?? Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, ((await output) + (await errors)).Trim());
    }
}

/// <summary>xunit's <c>[Fact]</c>, skipped with the reason when the tool it needs is not installed (CI installs it: .ci/apt-packages).</summary>
public sealed class ToolFactAttribute : Xunit.FactAttribute
{
    public ToolFactAttribute(string tool, string debianPackage)
    {
        if (Tools.Find(tool) is null)
        {
            Skip = $"{tool} is not installed (Debian package {debianPackage})";
        }
    }
}
