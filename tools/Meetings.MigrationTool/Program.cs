// Scaffolds an EF Core migration for one provider, as `dotnet ef migrations add` would.
// Usage: dotnet run --project tools/Meetings.MigrationTool -- <Name> [sqlite|postgres]
// The dotnet-ef tool is not on this project's package source; EF Core's own design-time services are.
#pragma warning disable EF1001 // DesignTimeServicesBuilder is EF Core's internal design-time entry point.
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Meetings.MigrationTool <MigrationName> [sqlite|postgres]");
    return 2;
}

var name = args[0];
var provider = args.Length > 1 ? args[1].ToLowerInvariant() : "sqlite";
var repoRoot = FindRepoRoot();
var projectDir = Path.Combine(repoRoot, "src", "Meetings.Infrastructure");

using DbContext context = provider switch
{
    "sqlite" => new SqliteMeetingsDbContext(new DbContextOptionsBuilder<SqliteMeetingsDbContext>()
        .UseSqlite("Data Source=:memory:").Options),
    // Scaffolding compares the model with the snapshot; it never connects, so no server is needed.
    "postgres" => new PostgresMeetingsDbContext(new DbContextOptionsBuilder<PostgresMeetingsDbContext>()
        .UseNpgsql("Host=localhost;Database=scaffolding").Options),
    _ => throw new ArgumentException($"unknown provider '{provider}' (sqlite or postgres)"),
};
var subNamespace = provider switch { "sqlite" => "Sqlite", "postgres" => "Postgres", _ => provider };

var reporter = new OperationReporter(new OperationReportHandler(
    Console.Error.WriteLine, Console.Error.WriteLine, Console.WriteLine, _ => { }));
var services = new DesignTimeServicesBuilder(
        typeof(MeetingsDbContext).Assembly, typeof(Program).Assembly, reporter, [])
    .Build(context);
using var scope = services.CreateScope();
var scaffolder = scope.ServiceProvider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(
    name, rootNamespace: "Meetings.Infrastructure", subNamespace: $"Persistence.Migrations.{subNamespace}", language: "C#");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Persistence", "Migrations", subNamespace));
Console.WriteLine($"Wrote {files.MigrationFile}");
Console.WriteLine($"Wrote {files.MetadataFile}");
Console.WriteLine($"Wrote {files.SnapshotFile}");
return 0;

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Meetings.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
