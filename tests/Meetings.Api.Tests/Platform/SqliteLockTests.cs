#if !POSTGRES
using System.Diagnostics;
using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// SQLite's counterpart of PostgreSQL's restart (tests/Meetings.Api.Tests.Postgres/ScaleOut): another
/// process holds the write lock past the busy timeout.
/// </summary>
public sealed class SqliteLockTests(SqliteLockTests.ImpatientApp app) : IClassFixture<SqliteLockTests.ImpatientApp>
{
    [Fact]
    public async Task A_file_locked_by_another_process_past_the_busy_timeout_is_a_503_with_retry_after_and_then_writes_work_again()
    {
        var admin = app.Admin();
        var city = await admin.CreatePartnerCity();
        await using var other = new SqliteConnection(app.Database.ConnectionString + ";Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        var write = await admin.PostJson("/api/cities", new { name = DirectoryData.Unique("Stadt "), kind = "partner", contactEmail = "k@partner.example" });
        watch.Stop();
        var read = await admin.GetAsync($"/api/cities/{city}");
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var problem = await write.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("database", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(write.Headers.RetryAfter);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        await read.Json(HttpStatusCode.OK); // WAL: readers are not blocked by a writer
        await admin.CreatePartnerCity();
    }

    /// <summary>Gives up on a lock after 1 s ("Default Timeout") instead of 30.</summary>
    public sealed class ImpatientApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Meetings", Database.ConnectionString + ";Default Timeout=1");
        }
    }
}
#endif
