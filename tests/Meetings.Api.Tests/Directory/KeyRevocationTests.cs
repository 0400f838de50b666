using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Directory;

/// <summary>
/// A key is looked up once and kept while the number of revoked keys, read once a second, stays the same (integrations
/// poll with the same key many times a second, some with a key for each of a thousand departments); a revocation must
/// still hold within a second, on every instance of a shared database.
/// </summary>
public sealed class KeyRevocationTests
{
    [Fact]
    public async Task A_key_in_use_is_refused_by_the_instance_that_revoked_it_at_once()
    {
        using var app = new MeetingsApp();
        var admin = app.Admin();
        var department = await admin.CreateDepartment();
        var (id, key) = await admin.CreateKey("department", department);
        var integration = app.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync($"/api/departments/{department}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode);

        await (await integration.GetAsync($"/api/departments/{department}")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_revoked_on_one_instance_is_refused_by_another_within_a_second()
    {
        using var first = new MeetingsApp();
        var admin = first.Admin();
        var department = await admin.CreateDepartment();
        var (id, key) = await admin.CreateKey("department", department);
        using var second = MeetingsApp.OnDatabase(first.Database);
        var integration = second.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync($"/api/departments/{department}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode);
        second.Clock.Advance(TimeSpan.FromSeconds(1));

        await (await integration.GetAsync($"/api/departments/{department}")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_created_on_one_instance_works_on_another_at_once()
    {
        using var first = new MeetingsApp();
        using var second = MeetingsApp.OnDatabase(first.Database);
        var department = await first.Admin().CreateDepartment();
        await (await second.WithKey("not-yet-a-key").GetAsync($"/api/departments/{department}")).Problem(HttpStatusCode.Unauthorized);

        var (_, key) = await first.Admin().CreateKey("department", department);

        Assert.Equal(HttpStatusCode.OK, (await second.WithKey(key).GetAsync($"/api/departments/{department}")).StatusCode);
    }

    [Fact]
    public async Task A_key_in_use_is_not_looked_up_again_until_some_key_is_revoked()
    {
        using var app = new SqlCapturingApp();
        var admin = app.Admin();
        var department = await admin.CreateDepartment();
        var (_, key) = await admin.CreateKey("department", department);
        var (other, _) = await admin.CreateKey("department", department);
        var integration = app.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync($"/api/departments/{department}")).StatusCode);

        // Minutes later, nothing revoked: the key is known; the instance only counts the revoked keys again.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await KeySqlAsync(app, () => integration.GetAsync($"/api/departments/{department}"));
        Assert.Equal((0, 1), later);

        // Another key is revoked: within a second, every kept key is looked up again (this one is still good).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-keys/{other}")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((1, 1), await KeySqlAsync(app, () => integration.GetAsync($"/api/departments/{department}")));
        Assert.Equal((0, 0), await KeySqlAsync(app, () => integration.GetAsync($"/api/departments/{department}")));
    }

    /// <summary>The key look-ups by hash and the counts of revoked keys that one request of <paramref name="send"/> ran (it must succeed).</summary>
    private static async Task<(int LookUps, int Counts)> KeySqlAsync(SqlCapturingApp app, Func<Task<HttpResponseMessage>> send)
    {
        app.Sql.Start();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await send()).StatusCode);
        }
        finally
        {
            app.Sql.Stop();
        }

        var keys = app.Sql.Commands.Select(c => c.Sql).Where(sql => sql.Contains("\"ApiKeys\"", StringComparison.Ordinal)).ToList();
        return (keys.Count(sql => sql.Contains("\"Hash\" =", StringComparison.Ordinal)), keys.Count(sql => sql.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase)));
    }
}
