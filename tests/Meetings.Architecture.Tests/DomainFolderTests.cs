using NetArchTest.Rules;

namespace Meetings.Architecture.Tests;

/// <summary>
/// The domain's folders (namespaces under <c>Meetings.Domain</c>) depend on each other in one direction only, so each can
/// be read knowing only those below it (docs/architecture.md, "The domain's folders").
/// </summary>
public sealed class DomainFolderTests
{
    private const string Root = "Meetings.Domain.";

    [Fact]
    public void No_circle_between_the_domain_folders()
    {
        var graph = Dependencies();

        var circle = FindCircle(graph);

        Assert.True(circle is null, circle is null ? null
            : $"the domain folders depend on each other in a circle: {string.Join(" -> ", circle)}; "
              + string.Join("; ", circle.Zip(circle.Skip(1)).Select(e => $"{e.First} -> {e.Second} through {string.Join(", ", graph[e.First][e.Second])}")));
    }

    [Fact]
    public void The_mail_ledger_depends_on_no_area_folder()
    {
        var uses = Dependencies()["Mail"];

        var areas = uses.Keys.Except(["Common", "Directory"], StringComparer.Ordinal).ToList();

        Assert.True(areas.Count == 0, $"Domain/Mail (the ledger's own types) uses area folders: {string.Join("; ", areas.Select(a => $"{a} through {string.Join(", ", uses[a])}"))}");
    }

    /// <summary>Folder → folder it uses → the types that use it.</summary>
    internal static Dictionary<string, Dictionary<string, IReadOnlyList<string>>> Dependencies()
    {
        var folders = Assemblies.Domain.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(Root, StringComparison.Ordinal))
            .Select(n => n[Root.Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var graph = folders.ToDictionary(f => f, _ => new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(f => f != from))
            {
                var result = Types.InAssembly(Assemblies.Domain).That().ResideInNamespace(Root + from)
                    .ShouldNot().HaveDependencyOn(Root + to).GetResult();
                if (!result.IsSuccessful)
                {
                    graph[from][to] = result.FailingTypeNames?.ToList() ?? [];
                }
            }
        }

        return graph;
    }

    /// <summary>A path that returns to where it began (first folder repeated at the end), or null.</summary>
    private static List<string>? FindCircle(Dictionary<string, Dictionary<string, IReadOnlyList<string>>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys)
        {
            var path = new List<string>();
            if (Visit(start) is { } found)
            {
                return found;
            }

            List<string>? Visit(string folder)
            {
                var at = path.IndexOf(folder);
                if (at >= 0)
                {
                    return [.. path[at..], folder];
                }

                if (!done.Add(folder))
                {
                    return null;
                }

                path.Add(folder);
                foreach (var next in graph[folder].Keys)
                {
                    if (Visit(next) is { } circle)
                    {
                        return circle;
                    }
                }

                path.RemoveAt(path.Count - 1);
                return null;
            }
        }

        return null;
    }
}
