using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Platform;

public sealed class PlatformTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_without_a_key(string path)
    {
        var health = await (await app.Anonymous().GetAsync(path)).Json(HttpStatusCode.OK);

        Assert.Equal("healthy", health.Str("status"));
    }

    [Fact]
    public async Task Readiness_reports_the_database()
    {
        var health = await (await app.Anonymous().GetAsync("/health/ready")).Json(HttpStatusCode.OK);

        Assert.Contains(health.GetProperty("checks").EnumerateArray(), c => c.Str("name") == "database" && c.Str("status") == "healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_key_scheme_summaries_and_string_enums()
    {
        var doc = await (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).Json(HttpStatusCode.OK);

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.Str("type"));
        Assert.Equal("X-Api-Key", scheme.Str("name"));
        Assert.Equal("header", scheme.Str("in"));
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var s) ? s.GetString() : null), $"{operation.Name} {path.Name} has no summary");
            }
        }

        var kinds = doc.GetProperty("components").GetProperty("schemas").GetProperty("CityKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["host", "partner"], kinds);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        await (await app.Admin().GetAsync("/api/nothing-here")).Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_migrations_of_each_provider_cover_the_whole_model(string provider)
    {
        // No server needed: the model is compared with the provider's snapshot. Runs on both test projects.
        using MeetingsDbContext db = provider == "sqlite"
            ? new SqliteMeetingsDbContext(new DbContextOptionsBuilder<SqliteMeetingsDbContext>().UseSqlite("Data Source=:memory:").Options)
            : new PostgresMeetingsDbContext(new DbContextOptionsBuilder<PostgresMeetingsDbContext>().UseNpgsql("Host=localhost").Options);

        var pending = db.Database.HasPendingModelChanges();

        Assert.False(pending, $"The model changed without a migration: dotnet run --project tools/Meetings.MigrationTool -- <Name> {provider} (docs/architecture.md, \"Adding a migration\")");
    }

    [Fact]
    public async Task The_service_runs_on_the_provider_of_this_test_project()
    {
        var provider = await app.Db(db => Task.FromResult(db.Database.ProviderName));

        Assert.Equal(app.Database.Provider == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }

    [Fact]
    public async Task Data_survives_a_restart_of_the_service()
    {
        var city = await app.Admin().CreatePartnerCity();
        using var restarted = MeetingsApp.OnDatabase(app.Database);

        var read = await restarted.Admin().GetAsync($"/api/cities/{city}");

        await read.Json(HttpStatusCode.OK);
    }
}
