using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Meetings.Api.Tests.Security;

/// <summary>SPEC section 2, "Office sign-in": access tokens of a real OpenID provider (OpenIddict, started by the test) beside the keys.</summary>
public sealed class OfficeSignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    private const string Admin = "meetings-admin";
    private readonly HttpClient _admin = app.Admin();

    private async Task<HttpClient> Signed(params string[] roles) => app.WithToken(await app.Provider.TokenAsync(roles: roles));

    [Fact]
    public async Task A_token_with_the_admin_role_is_the_office()
    {
        var office = await Signed(Admin);

        var code = DirectoryData.Unique("S").ToUpperInvariant();
        await office.CreateDepartment(code);

        await (await office.GetAsync("/api/audit?take=1")).Json(HttpStatusCode.OK);
        await (await office.GetAsync("/api/api-keys")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_audit_log_names_the_person_not_a_key()
    {
        var token = await app.Provider.TokenAsync(subject: "a1b2c3-julia", roles: [Admin], name: "Julia Hoffmann", email: "julia.hoffmann@augsburg.example");

        var department = await app.WithToken(token).CreateDepartment();

        var entries = await (await _admin.GetAsync($"/api/audit?resourceType=department&resourceId={department}")).Json(HttpStatusCode.OK);
        var actor = Assert.Single(entries.GetProperty("items").EnumerateArray()).GetProperty("actor");
        Assert.Equal("person", actor.Str("kind"));
        Assert.Equal("a1b2c3-julia", actor.Str("subject"));
        Assert.Equal("Julia Hoffmann", actor.Str("name"));
        Assert.Equal("julia.hoffmann@augsburg.example", actor.Str("email"));
        Assert.False(actor.TryGetProperty("keyId", out _));
    }

    [Fact]
    public async Task A_token_with_a_department_role_is_that_department()
    {
        var code = DirectoryData.Unique("S").ToUpperInvariant();
        var own = await _admin.CreateDepartment(code);
        var other = await _admin.CreateDepartment();
        var head = await Signed($"meetings-department:{code.ToLowerInvariant()}"); // the code as the provider spells it

        var list = await (await head.GetAsync("/api/departments")).Json(HttpStatusCode.OK);

        Assert.Equal(own, Assert.Single(list.GetProperty("items").EnumerateArray()).Id());
        await (await head.GetAsync($"/api/departments/{own}")).Json(HttpStatusCode.OK);
        await (await head.GetAsync($"/api/departments/{other}")).Problem(HttpStatusCode.Forbidden);
        await (await head.PostJson("/api/departments", new { code = "X" })).Problem(HttpStatusCode.Forbidden);
        await (await head.GetAsync("/api/audit")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_token_without_a_role_of_the_service_is_a_403()
    {
        var inactive = DirectoryData.Unique("S").ToUpperInvariant();
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{await _admin.CreateDepartment(inactive)}")).StatusCode);

        foreach (var roles in new[] { Array.Empty<string>(), ["meetings-user"], ["meetings-department:NO-SUCH"], [$"meetings-department:{inactive}"], ["Meetings-Admin"] })
        {
            var client = await Signed(roles);

            await (await client.GetAsync("/api/meetings")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/departments")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/rsvp/no-such-link-0000000000000000")).Problem(HttpStatusCode.NotFound); // the personal links stay as they are
        }
    }

    [Fact]
    public async Task Tokens_of_another_audience_or_issuer_or_past_their_time_are_a_401()
    {
        var provider = app.Provider;
        var refused = new Dictionary<string, string>
        {
            ["another audience"] = await provider.TokenAsync(roles: [Admin], audience: "api://another-service"),
            ["another issuer"] = await provider.TokenAsync(roles: [Admin], host: "localhost"), // same keys, iss http://localhost:port/
            ["expired"] = await provider.TokenAsync(roles: [Admin], backdate: TimeSpan.FromMinutes(13)), // 10 minutes' lifetime: 3 minutes past
        };

        foreach (var (why, token) in refused)
        {
            var response = await app.WithToken(token).GetAsync("/api/meetings");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            await response.Problem(HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var withinSkew = await provider.TokenAsync(roles: [Admin], backdate: TimeSpan.FromMinutes(11)); // expired a minute ago: within the 2 minutes of skew
        await (await app.WithToken(withinSkew).GetAsync("/api/meetings")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unsigned_token_or_one_signed_HS256_with_the_public_key_is_a_401()
    {
        var key = (await app.Provider.KeysAsync()).Keys.Single(k => k.Kid == app.Provider.SigningKey.KeyId);
        var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(key.N), Exponent = Base64UrlEncoder.DecodeBytes(key.E) });
        var claims = Claims(app.Provider.Authority);
        var none = $"{Part(new { alg = "none", typ = "at+jwt" })}.{Part(claims)}.";
        var signingInput = $"{Part(new { alg = "HS256", typ = "at+jwt", kid = key.Kid })}.{Part(claims)}";
        var secret = Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        var hs256 = $"{signingInput}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)))}";
        var secretDer = rsa.ExportSubjectPublicKeyInfo();
        var hs256Der = $"{signingInput}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secretDer, Encoding.ASCII.GetBytes(signingInput)))}";

        foreach (var token in new[] { none, hs256, hs256Der, "not-a-token" })
        {
            await (await app.WithToken(token).GetAsync("/api/meetings")).Problem(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Tokens_signed_RS256_PS256_or_ES256_with_a_published_key_are_accepted()
    {
        foreach (var algorithm in new[] { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256 })
        {
            var response = await app.WithToken(app.Provider.TokenSignedWith(algorithm, [Admin])).GetAsync("/api/meetings");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{algorithm}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_token_signed_RS384_or_not_valid_before_five_minutes_from_now_is_a_401()
    {
        var refused = new Dictionary<string, string>
        {
            ["RS384 (asymmetric, with a published key, but not RS256, PS256 or ES256)"] = app.Provider.TokenSignedWith(SecurityAlgorithms.RsaSha384, [Admin]),
            ["nbf 5 minutes from now (beyond the 2 minutes of skew)"] = app.Provider.TokenSignedWith(SecurityAlgorithms.RsaSha256, [Admin], startsIn: TimeSpan.FromMinutes(5)),
        };

        foreach (var (why, token) in refused)
        {
            var response = await app.WithToken(token).GetAsync("/api/meetings");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            await response.Problem(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Keys_and_tokens_work_side_by_side_but_not_in_one_request()
    {
        var token = await app.Provider.TokenAsync(roles: [Admin]);
        var both = app.WithToken(token);
        both.DefaultRequestHeaders.Add("X-Api-Key", MeetingsApp.AdminKey);

        await (await _admin.GetAsync("/api/meetings")).Json(HttpStatusCode.OK);
        await (await app.WithToken(token).GetAsync("/api/meetings")).Json(HttpStatusCode.OK);
        var problem = await (await both.GetAsync("/api/meetings")).Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("not both", problem.Str("detail"), StringComparison.Ordinal);
        await (await app.Anonymous().GetAsync("/api/meetings")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Swagger_UI_offers_the_sign_in_with_authorization_code_and_PKCE_beside_the_key()
    {
        var browser = app.CreateClient();

        var document = await (await browser.GetAsync("/swagger/v1/swagger.json")).Json(HttpStatusCode.OK);
        var ui = await browser.GetStringAsync("/swagger/index.html") + await browser.GetStringAsync("/swagger/index.js");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").Str("type"));
        Assert.Equal("openIdConnect", schemes.GetProperty("Bearer").Str("type"));
        Assert.Equal($"{app.Provider.Authority}.well-known/openid-configuration", schemes.GetProperty("Bearer").Str("openIdConnectUrl"));
        var either = document.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ToList();
        Assert.Equal(["ApiKey", "Bearer"], either);
        Assert.Contains($"\"clientId\":\"{SignInApp.SwaggerClientId}\"", ui, StringComparison.Ordinal);
        Assert.Contains("\"usePkceWithAuthorizationCodeGrant\":true", ui, StringComparison.Ordinal);
        using var http = new HttpClient();
        var discovery = await http.GetFromJsonAsync<JsonElement>(schemes.GetProperty("Bearer").Str("openIdConnectUrl"));
        Assert.Equal(app.Provider.Authority, discovery.Str("issuer")); // what Swagger UI reads to sign in
    }

    /// <summary>What a forged token claims: everything right but its signature.</summary>
    private static object Claims(string issuer)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = OpenIdProvider.Audience, ["sub"] = "mallory", ["roles"] = new[] { Admin },
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
        };
    }

    private static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
}

/// <summary>Key rotation at the provider, on a service of its own (the keys it has read are its state).</summary>
public sealed class OfficeSignInKeyRotationTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task A_newly_published_key_is_accepted_within_60_seconds_and_a_withdrawn_key_is_refused()
    {
        var before = await app.Provider.TokenAsync(roles: ["meetings-admin"]);
        await (await app.WithToken(before).GetAsync("/api/meetings")).Json(HttpStatusCode.OK);

        await app.Provider.RotateKeyAsync();
        var after = await app.Provider.TokenAsync(roles: ["meetings-admin"]);
        var published = DateTimeOffset.UtcNow;
        HttpStatusCode status;
        while ((status = (await app.WithToken(after).GetAsync("/api/meetings")).StatusCode) != HttpStatusCode.OK && DateTimeOffset.UtcNow - published < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(HttpStatusCode.OK, status);
        await (await app.WithToken(before).GetAsync("/api/meetings")).Problem(HttpStatusCode.Unauthorized);
    }
}
