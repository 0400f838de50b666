using System.Reflection;

namespace Meetings.Architecture.Tests;

/// <summary>The three assemblies of the service, as built.</summary>
internal static class Assemblies
{
    public static readonly Assembly Domain = typeof(Domain.Meetings.Meeting).Assembly;

    public static readonly Assembly Infrastructure = typeof(Infrastructure.Persistence.MeetingsDbContext).Assembly;

    public static readonly Assembly Api = typeof(Api.Features.AnswerPage.AnswerByPage).Assembly;

    /// <summary>The names of the assemblies <paramref name="assembly"/> references.</summary>
    public static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    /// <summary>The repository's root: the folder of <c>Meetings.sln</c>, above the test's output folder.</summary>
    public static DirectoryInfo Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meetings.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No Meetings.sln above {AppContext.BaseDirectory}.");
    }
}
