#if !POSTGRES // the same files on either database: checked once, by the SQLite run
using System.Diagnostics;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Client;

/// <summary>The committed client is what Kiota makes of the committed document (clients/generate.sh).</summary>
public sealed class GeneratedClientFilesTests
{
    private const string Generated = "clients/Meetings.Client/Generated";

    [Fact]
    public async Task Regenerating_the_client_from_the_committed_document_changes_nothing()
    {
        var temp = Path.Combine(Path.GetTempPath(), "meetings-kiota", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(temp, "docs"));
        File.Copy(Path.Combine(Repository.Root, "docs", "openapi.json"), Path.Combine(temp, "docs", "openapi.json"));
        try
        {
            // The same layout as the repository's, so that the lock file names the document by the same relative path.
            await Run("tool", "restore");
            await Run("kiota", "generate", "--language", "CSharp", "--openapi", Path.Combine(temp, "docs", "openapi.json"),
                "--class-name", "MeetingsClient", "--namespace-name", "Meetings.Client", "--output", Path.Combine(temp, Generated),
                "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning");

            var expected = Files(Path.Combine(Repository.Root, Generated));
            var actual = Files(Path.Combine(temp, Generated));
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            var differing = expected.Where(f => f.Value != actual[f.Key]).Select(f => f.Key).ToList();
            Assert.True(differing.Count == 0, $"Stale generated client ({string.Join(", ", differing)}): run clients/generate.sh and commit the result.");
        }
        finally
        {
            System.IO.Directory.Delete(temp, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string folder) =>
        System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);

    private static async Task Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{await output}\n{await errors}");
    }
}
#endif
