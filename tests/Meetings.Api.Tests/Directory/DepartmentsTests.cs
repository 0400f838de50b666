using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Directory;

public sealed class DepartmentsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Admin_creates_reads_replaces_deactivates_and_reactivates_a_department()
    {
        var code = DirectoryData.Unique("amt-").ToLowerInvariant();

        var created = await _admin.PostJson("/api/departments", new
        {
            code, name = "Amt für Digitalisierung",
            head = new { name = "Julia Hoffmann", email = "Julia.Hoffmann@Augsburg.example", title = "Amtsleiterin" },
            deputy = new { name = "Stefan Koch", email = "stefan.koch@augsburg.example" },
        });
        var department = await created.Json(HttpStatusCode.Created);
        var id = department.Id();
        Assert.Equal($"/api/departments/{id}", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal(code.ToUpperInvariant(), department.Str("code"));
        Assert.Equal("julia.hoffmann@augsburg.example", department.GetProperty("head").Str("email"));
        Assert.True(department.GetProperty("active").GetBoolean());

        var replaced = await (await _admin.PutJson($"/api/departments/{id}", new
        {
            code, name = "Amt für Digitalisierung und Informationssicherheit",
            head = new { name = "Julia Hoffmann", email = "julia.hoffmann@augsburg.example", title = "Amtsleiterin" },
        })).Json(HttpStatusCode.OK);
        Assert.False(replaced.TryGetProperty("deputy", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{id}")).StatusCode);
        var inactive = await (await _admin.GetAsync($"/api/departments/{id}")).Json(HttpStatusCode.OK);
        Assert.False(inactive.GetProperty("active").GetBoolean()); // history stays readable
        var inactiveList = await (await _admin.GetAsync("/api/departments?active=false&take=200")).Json(HttpStatusCode.OK);
        Assert.Contains(inactiveList.GetProperty("items").EnumerateArray(), d => d.Id() == id);

        var reactivated = await (await _admin.PutJson($"/api/departments/{id}", new
        {
            code, name = "Amt für Digitalisierung", active = true,
            head = new { name = "Julia Hoffmann", email = "julia.hoffmann@augsburg.example" },
        })).Json(HttpStatusCode.OK);
        Assert.True(reactivated.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Invalid_departments_get_field_errors()
    {
        var response = await _admin.PostJson("/api/departments", new
        {
            code = "Amt 12", name = "",
            head = new { name = "A", email = "kein-postfach" },
            deputy = new { name = "B", email = "kein-postfach" },
        });
        var missingHead = await _admin.PostJson("/api/departments", new { code = "X1", name = "X" });
        var sameAsHead = await _admin.PostJson("/api/departments", new
        {
            code = "X2", name = "X", head = new { name = "A", email = "a@augsburg.example" }, deputy = new { name = "B", email = "A@augsburg.example" },
        });

        var errors = await response.ValidationErrors();
        foreach (var field in new[] { "code", "name", "head.email", "deputy.email" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.True((await missingHead.ValidationErrors()).TryGetProperty("head", out _));
        Assert.True((await sameAsHead.ValidationErrors()).TryGetProperty("deputy.email", out _));
    }

    [Fact]
    public async Task A_code_in_use_also_by_an_inactive_department_is_a_409()
    {
        var code = DirectoryData.Unique("C").ToUpperInvariant();
        var first = await _admin.CreateDepartment(code);
        await _admin.DeleteAsync($"/api/departments/{first}");

        var again = await _admin.PostJson("/api/departments", new { code = code.ToLowerInvariant(), name = "X", head = new { name = "A", email = "a@b.example" } });

        await again.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deactivating_twice_is_a_409_and_an_unknown_department_a_404()
    {
        var id = await _admin.CreateDepartment();
        await _admin.DeleteAsync($"/api/departments/{id}");

        await (await _admin.DeleteAsync($"/api/departments/{id}")).Problem(HttpStatusCode.Conflict);
        await (await _admin.DeleteAsync($"/api/departments/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_ETag_is_a_412()
    {
        var id = await _admin.CreateDepartment();
        var read = await _admin.GetAsync($"/api/departments/{id}");
        var department = await read.Json(HttpStatusCode.OK);
        var body = new { code = department.Str("code"), name = "Neu", head = new { name = "A", email = "a@b.example" } };
        await (await _admin.PutJson($"/api/departments/{id}", body, read.Headers.ETag!.ToString())).Json(HttpStatusCode.OK);

        var stale = await _admin.PutJson($"/api/departments/{id}", body with { name = "Noch neuer" }, read.Headers.ETag!.ToString());

        await stale.Problem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_department_key_reads_its_own_department_and_nothing_else()
    {
        var mine = await _admin.CreateDepartment();
        var other = await _admin.CreateDepartment();
        var (_, key) = await _admin.CreateKey("department", departmentId: mine);
        var department = app.WithKey(key);

        await (await department.GetAsync($"/api/departments/{mine}")).Json(HttpStatusCode.OK);
        await (await department.GetAsync($"/api/departments/{other}")).Problem(HttpStatusCode.Forbidden);
        var list = await (await department.GetAsync("/api/departments")).Json(HttpStatusCode.OK);
        Assert.Equal([mine], list.GetProperty("items").EnumerateArray().Select(d => d.Id()).ToArray());
        await (await department.PostJson("/api/departments", new { code = "Z9", name = "Z", head = new { name = "A", email = "a@b.example" } }))
            .Problem(HttpStatusCode.Forbidden);
        await (await department.PutJson($"/api/departments/{mine}", new { code = "Z9", name = "Z", head = new { name = "A", email = "a@b.example" } }))
            .Problem(HttpStatusCode.Forbidden);
        await (await department.DeleteAsync($"/api/departments/{mine}")).Problem(HttpStatusCode.Forbidden);
        await (await department.GetAsync("/api/cities")).Problem(HttpStatusCode.Forbidden);
        await (await department.GetAsync("/api/api-keys")).Problem(HttpStatusCode.Forbidden);
    }
}
