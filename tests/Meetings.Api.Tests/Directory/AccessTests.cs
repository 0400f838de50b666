using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Directory;

public sealed class AccessTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mtg_unknown-key")]
    public async Task A_missing_or_unknown_key_is_a_401_problem_with_a_challenge(string? key)
    {
        var client = key is null ? app.Anonymous() : app.WithKey(key);

        var response = await client.GetAsync("/api/departments");

        await response.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_key_is_a_401_not_a_500()
    {
        var response = await app.WithKey(new string('k', 300)).GetAsync("/api/cities");

        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_outside_their_role_get_403_problems()
    {
        var admin = app.Admin();
        var (_, partnerKey) = await admin.CreateKey("partner", cityId: await admin.CreatePartnerCity());
        var (_, departmentKey) = await admin.CreateKey("department", departmentId: await admin.CreateDepartment());

        await (await app.WithKey(partnerKey).GetAsync("/api/departments")).Problem(HttpStatusCode.Forbidden);
        await (await app.WithKey(departmentKey).PostJson("/api/cities", new { name = "X", kind = "partner", contactEmail = "a@b.example" }))
            .Problem(HttpStatusCode.Forbidden);
        await (await app.WithKey(partnerKey).PostJson("/api/api-keys", new { name = "x", role = "admin" })).Problem(HttpStatusCode.Forbidden);
    }
}
