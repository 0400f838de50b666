namespace Meetings.Architecture.Tests;

/// <summary>CONVENTIONS.md: no source file over 400 lines; a file that grows past it is split by concern.</summary>
public sealed class SourceFileTests
{
    public const int MaxLines = 400;

    /// <summary>Written by tools, not by hand: migrations, the Kiota client, resource designers, build output.</summary>
    private static readonly string[] Generated =
    [
        "/Migrations/", "/Generated/", "/bin/", "/obj/", "/node_modules/", "/TestResults/",
    ];

    [Fact]
    public void No_hand_written_source_file_is_over_400_lines()
    {
        var root = Assemblies.Repository();
        var tooLong = new[] { "src", "tests", "tools", "clients", "bench" }
            .Select(folder => Path.Combine(root.FullName, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(path => !path.EndsWith(".Designer.cs", StringComparison.Ordinal))
            .Where(path => !Generated.Any(g => path.Replace('\\', '/').Contains(g, StringComparison.Ordinal)))
            .Select(path => (Path: Path.GetRelativePath(root.FullName, path), Lines: File.ReadLines(path).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path} ({f.Lines} lines)")
            .ToList();

        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines: {string.Join(", ", tooLong)}");
    }
}
