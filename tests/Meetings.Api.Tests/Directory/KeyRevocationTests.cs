using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Directory;

/// <summary>
/// Keys are looked up once a second at most (integrations poll with the same key many times a second); a revocation
/// must still hold within a second, on every instance of a shared database.
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
}
