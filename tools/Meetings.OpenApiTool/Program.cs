// Writes the service's OpenAPI document as GET /swagger/v1/swagger.json answers it on a local `dotnet run`
// (http://localhost:5080). Usage: dotnet run --project tools/Meetings.OpenApiTool -- [file]   (default: docs/openapi.json)
// The service runs in-process: no port is bound, no job runs, the database is an empty SQLite file that is deleted after.
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Meetings.OpenApiTool;

internal static class OpenApiTool
{
    public static async Task<int> Main(string[] args)
    {
        var target = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(FindRepoRoot(), "docs", "openapi.json");
        var folder = Path.Combine(Path.GetTempPath(), "meetings-openapi", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        try
        {
            await using var service = new InProcessService(folder);
            using var client = service.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:5080") });
            using var response = await client.GetAsync("/swagger/v1/swagger.json");
            response.EnsureSuccessStatusCode();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, await response.Content.ReadAsStringAsync());
            Console.WriteLine($"Wrote {target}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string FindRepoRoot()
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

/// <summary>The service as `dotnet run` starts it in Development, on a database of its own and without jobs.</summary>
internal sealed class InProcessService(string folder) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Meetings", $"Data Source={Path.Combine(folder, "meetings.db")}");
        builder.UseSetting("ConnectionStrings:Hangfire", Path.Combine(folder, "hangfire.db"));
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Mail:PickupDirectory", Path.Combine(folder, "mail-outbox"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
