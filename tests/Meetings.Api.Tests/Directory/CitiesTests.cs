using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Directory;

public sealed class CitiesTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Admin_creates_reads_replaces_lists_and_deletes_a_city()
    {
        var name = DirectoryData.Unique("Ulm ");

        var created = await _admin.PostJson("/api/cities", new { name, kind = "partner", contactEmail = "Digital@Ulm.example" });
        var city = await created.Json(HttpStatusCode.Created);
        var id = city.Id();
        Assert.Equal($"/api/cities/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("partner", city.Str("kind"));
        Assert.Equal("digital@ulm.example", city.Str("contactEmail"));

        var read = await _admin.GetAsync($"/api/cities/{id}");
        Assert.Equal(name, (await read.Json(HttpStatusCode.OK)).Str("name"));
        var replaced = await _admin.PutJson($"/api/cities/{id}", new { name = name + " (Donau)", kind = "partner", contactEmail = "it@ulm.example" });
        Assert.Equal("it@ulm.example", (await replaced.Json(HttpStatusCode.OK)).Str("contactEmail"));
        var list = await (await _admin.GetAsync("/api/cities?take=200")).Json(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.Id() == id);
        Assert.True(list.GetProperty("total").GetInt32() >= 1);

        var deleted = await _admin.DeleteAsync($"/api/cities/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _admin.GetAsync($"/api/cities/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cities_are_listed_by_name_in_byte_order_on_every_database()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "ärzte", "Zell", "ahorn", "Öhringen", "Ahorn" })
        {
            await _admin.CreatePartnerCity($"{name} {suffix}");
        }

        var list = await (await _admin.GetAsync("/api/cities?take=200")).Json(HttpStatusCode.OK);

        // SQLite compares bytes; PostgreSQL's columns use collation "C", whatever the database's locale.
        var names = list.GetProperty("items").EnumerateArray().Select(c => c.Str("name")).Where(n => n.EndsWith(suffix, StringComparison.Ordinal));
        Assert.Equal(["Ahorn", "Zell", "ahorn", "Öhringen", "ärzte"], names.Select(n => n[..^(suffix.Length + 1)]));
    }

    [Fact]
    public async Task Text_with_a_NUL_character_is_a_400_naming_the_field_on_every_database()
    {
        var response = await _admin.PostJson("/api/cities", new { name = "Nul\u0000Stadt", kind = "partner", contactEmail = "k@partner.example" });

        var errors = await response.ValidationErrors();

        Assert.True(errors.TryGetProperty("name", out _), errors.ToString());
    }

    [Fact]
    public async Task Creating_a_city_without_fields_lists_every_field_error()
    {
        var response = await _admin.PostJson("/api/cities", new { name = " ", contactEmail = "not-an-address" });

        var errors = await response.ValidationErrors();
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("contactEmail", out _));
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_naming_the_field()
    {
        var response = await _admin.PostRaw("/api/cities", """{"name":"Augsburg-Land","kind":"capital","contactEmail":"a@b.example"}""");

        var errors = await response.ValidationErrors();
        Assert.True(errors.TryGetProperty("kind", out _));
    }

    [Theory]
    [InlineData("""{"name":"X","kind":1,"contactEmail":"a@b.example"}""")]
    [InlineData("""{"name":"X","kind":"Partner ","contactEmail":"a@b.example"}""")]
    [InlineData("""{"name":"X","kind":"host,partner","contactEmail":"a@b.example"}""")]
    [InlineData("""{"name":"X","kind":"1","contactEmail":"a@b.example"}""")]
    [InlineData("""{"name": 5, "kind":"partner"}""")]
    [InlineData("""{"name":"X", """)]
    [InlineData("""[1,2,3]""")]
    [InlineData("""not json at all""")]
    public async Task Malformed_bodies_are_400_problems_never_500(string body)
    {
        var response = await _admin.PostRaw("/api/cities", body);

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_refused_with_a_4xx_problem()
    {
        var response = await _admin.PostRaw("/api/cities", "name=Ulm", "application/x-www-form-urlencoded");

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unparsable_id_is_a_400_and_an_unknown_id_a_404()
    {
        await (await _admin.GetAsync("/api/cities/not-a-guid")).Problem(HttpStatusCode.BadRequest);
        await (await _admin.GetAsync($"/api/cities/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_city_with_the_same_name_is_a_409()
    {
        var name = DirectoryData.Unique("Kempten ");
        await (await _admin.PostJson("/api/cities", new { name, kind = "partner", contactEmail = "a@kempten.example" })).Json(HttpStatusCode.Created);

        var again = await _admin.PostJson("/api/cities", new { name, kind = "partner", contactEmail = "b@kempten.example" });

        await again.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_refused_with_412_and_changes_nothing()
    {
        var id = await _admin.CreatePartnerCity();
        var read = await _admin.GetAsync($"/api/cities/{id}");
        var etag = read.Headers.ETag!.ToString();
        var first = await _admin.PutJson($"/api/cities/{id}", new { name = DirectoryData.Unique("A "), kind = "partner", contactEmail = "a@x.example" }, etag);
        await first.Json(HttpStatusCode.OK);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());

        var stale = await _admin.PutJson($"/api/cities/{id}", new { name = DirectoryData.Unique("B "), kind = "partner", contactEmail = "b@x.example" }, etag);

        await stale.Problem(HttpStatusCode.PreconditionFailed);
        var now = await (await _admin.GetAsync($"/api/cities/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("a@x.example", now.Str("contactEmail"));
    }

    [Fact]
    public async Task A_write_without_If_Match_goes_through()
    {
        var id = await _admin.CreatePartnerCity();

        var response = await _admin.PutJson($"/api/cities/{id}", new { name = DirectoryData.Unique("C "), kind = "partner", contactEmail = "c@x.example" });

        await response.Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_city_that_keys_refer_to_is_not_deleted()
    {
        var id = await _admin.CreatePartnerCity();
        await _admin.CreateKey("partner", cityId: id);

        var response = await _admin.DeleteAsync($"/api/cities/{id}");

        await response.Problem(HttpStatusCode.Conflict);
        await (await _admin.GetAsync($"/api/cities/{id}")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413_problem()
    {
        var huge = new string('x', 1_100_000);

        var response = await _admin.PostJson("/api/cities", new { name = huge, kind = "partner", contactEmail = "a@b.example" });

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Paging_outside_its_bounds_is_a_400_with_field_errors()
    {
        var errors = await (await _admin.GetAsync("/api/cities?skip=-1&take=500")).ValidationErrors();

        Assert.True(errors.TryGetProperty("skip", out _));
        Assert.True(errors.TryGetProperty("take", out _));
    }
}
