namespace Meetings.Api.Tests.Infrastructure;

/// <summary>The checkout the tests run from (for files committed beside the code: the OpenAPI document, the generated client).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meetings.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Meetings.sln not found above " + AppContext.BaseDirectory);
    }
}
