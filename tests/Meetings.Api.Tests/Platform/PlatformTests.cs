using System.Net;
using Meetings.Api.Tests.Infrastructure;
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

    [Fact]
    public async Task The_migrations_cover_the_whole_model()
    {
        var pending = await app.Db(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model changed without a migration: dotnet run --project tools/Meetings.MigrationTool -- <Name> sqlite");
    }

    [Fact]
    public async Task Data_survives_a_restart_of_the_service()
    {
        var city = await app.Admin().CreatePartnerCity();
        using var restarted = MeetingsApp.OnDatabase(app.DatabasePath);

        var read = await restarted.Admin().GetAsync($"/api/cities/{city}");

        await read.Json(HttpStatusCode.OK);
    }
}
