using System.Net;
using System.Security.Cryptography;
using System.Text;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Directory;

public sealed class ApiKeysTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_new_key_is_shown_once_works_at_once_and_only_its_hash_is_stored()
    {
        var department = await _admin.CreateDepartment();

        var created = await (await _admin.PostJson("/api/api-keys", new { name = "Intranet-Portal", role = "department", departmentId = department }))
            .Json(HttpStatusCode.Created);

        var id = created.Id();
        var plain = created.Str("key");
        Assert.StartsWith(created.Str("hint"), plain, StringComparison.Ordinal);
        await (await app.WithKey(plain).GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK);
        var read = await (await _admin.GetAsync($"/api/api-keys/{id}")).Json(HttpStatusCode.OK);
        Assert.False(read.TryGetProperty("key", out _));
        var list = await (await _admin.GetAsync("/api/api-keys?take=200")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(plain, list.ToString(), StringComparison.Ordinal);
        var stored = await app.Db(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == Guid.Parse(id)));
        Assert.NotEqual(plain, stored.Hash);
        Assert.DoesNotContain(plain, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain))), stored.Hash);
    }

    [Fact]
    public async Task Keys_that_do_not_fit_their_role_are_400s()
    {
        var host = await (await _admin.PostJson("/api/cities", new { name = DirectoryData.Unique("Host "), kind = "host", contactEmail = "a@b.example" })).Json(HttpStatusCode.Created);

        var noDepartment = await _admin.PostJson("/api/api-keys", new { name = "x", role = "department" });
        var unknownDepartment = await _admin.PostJson("/api/api-keys", new { name = "x", role = "department", departmentId = Guid.NewGuid() });
        var hostCity = await _admin.PostJson("/api/api-keys", new { name = "x", role = "partner", cityId = host.Id() });
        var unknownRole = await _admin.PostJson("/api/api-keys", new { name = "x", role = "root" });

        Assert.True((await noDepartment.ValidationErrors()).TryGetProperty("departmentId", out _));
        Assert.True((await unknownDepartment.ValidationErrors()).TryGetProperty("departmentId", out _));
        Assert.True((await hostCity.ValidationErrors()).TryGetProperty("cityId", out _));
        Assert.True((await unknownRole.ValidationErrors()).TryGetProperty("role", out _));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401_and_hidden_from_the_default_list()
    {
        var (id, key) = await _admin.CreateKey("admin");
        await (await app.WithKey(key).GetAsync("/api/cities")).Json(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode);

        await (await app.WithKey(key).GetAsync("/api/cities")).Problem(HttpStatusCode.Unauthorized);
        await (await _admin.DeleteAsync($"/api/api-keys/{id}")).Problem(HttpStatusCode.Conflict);
        var active = await (await _admin.GetAsync("/api/api-keys?take=200")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), k => k.Id() == id);
        var all = await (await _admin.GetAsync("/api/api-keys?includeRevoked=true&take=200")).Json(HttpStatusCode.OK);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), k => k.Id() == id && k.TryGetProperty("revokedAt", out _));
    }
}
