using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// A real OpenID provider for the tests: OpenIddict's server on a loopback port (Kestrel), with discovery
/// (<c>/.well-known/openid-configuration</c>), its keys (<c>/.well-known/jwks</c>) and a token endpoint for the client
/// credentials grant. The token request names the claims the test wants (<c>sub</c>, <c>name</c>, <c>email</c>, <c>roles</c>,
/// <c>audience</c>, <c>backdate</c> in seconds): the provider signs the access token as a JWT with its RSA key (RS256, not
/// encrypted), as Entra ID or Keycloak would. <see cref="RotateKeyAsync"/> replaces the key the provider signs with and
/// publishes, as a provider rotates its keys. Its issuer is the address it was asked at: asked at <c>localhost</c>
/// instead of <c>127.0.0.1</c>, it signs the same way for another issuer.
/// <para>
/// Beside its own key it publishes three it never signs with — an RSA key and a P-256 key for PS256 and ES256, and an RSA
/// key for RS384 — so that a test can sign a token itself by another algorithm, or with other times (<see cref="TokenSignedWith"/>).
/// </para>
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "meetings-tests";
    public const string ClientSecret = "meetings-tests-secret";
    public const string Audience = "api://meetings";

    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private readonly RsaSecurityKey _pssKey;
    private readonly ECDsaSecurityKey _ecKey;
    private readonly RsaSecurityKey _rs384Key;

    private OpenIdProvider(WebApplication app, RsaSecurityKey pssKey, ECDsaSecurityKey ecKey, RsaSecurityKey rs384Key)
    {
        _app = app;
        Port = new Uri(app.Urls.Single()).Port;
        (_pssKey, _ecKey, _rs384Key) = (pssKey, ecKey, rs384Key);
    }

    public int Port { get; }

    /// <summary>The issuer, as the service is configured with it (<c>Auth:Oidc:Authority</c>).</summary>
    public string Authority => $"http://127.0.0.1:{Port}/";

    /// <summary>The key the provider signs with now.</summary>
    public RsaSecurityKey SigningKey { get; private set; } = NewKey();

    public static async Task<OpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var clock = new BackdatingClock();
        var key = NewKey();
        var (pssKey, ecKey, rs384Key) = (NewKey(), new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Guid.NewGuid().ToString("N") }, NewKey());
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.EnableDegradedMode(); // no stores: the test is the client registry
            options.SetTokenEndpointUris("connect/token");
            options.AllowClientCredentialsFlow();
            options.AddSigningKey(key);
            options.AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption(); // a JWT the API can verify, as Entra ID and Keycloak issue
            options.DisableTokenStorage();
            options.DisableAuthorizationStorage();
            options.SetAccessTokenLifetime(TimeSpan.FromMinutes(10));
            options.Configure(o => o.TimeProvider = clock);
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return ValueTask.CompletedTask;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleJsonWebKeySetRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                context.Keys.Add(Published(pssKey));
                context.Keys.Add(Published(ecKey));
                context.Keys.Add(Published(rs384Key));
                return ValueTask.CompletedTask;
            }));
            options.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
        });
        var app = builder.Build();
        app.MapPost("/connect/token", Issue);
        await app.StartAsync();
        return new OpenIdProvider(app, pssKey, ecKey, rs384Key) { SigningKey = key };
    }

    /// <summary>An access token with these claims (roles: each a value of the <c>roles</c> claim); <paramref name="backdate"/> issues it as if that long ago.</summary>
    public async Task<string> TokenAsync(string subject = "u-4711", string[]? roles = null, string? name = "Erika Mustermann", string? email = "erika.mustermann@augsburg.example",
        string audience = Audience, TimeSpan backdate = default, string host = "127.0.0.1")
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["test_sub"] = subject,
            ["test_audience"] = audience,
            ["test_roles"] = string.Join(' ', roles ?? []),
            ["test_name"] = name ?? string.Empty,
            ["test_email"] = email ?? string.Empty,
            ["test_backdate"] = ((int)backdate.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var response = await _http.PostAsync($"http://{host}:{Port}/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// A token made and signed here, not at the token endpoint: signed <paramref name="algorithm"/> (RS256 with the provider's
    /// own key, PS256, ES256 or RS384 with a published key of its own), valid from <paramref name="startsIn"/> from now for 10 minutes.
    /// </summary>
    public string TokenSignedWith(string algorithm, string[] roles, TimeSpan startsIn = default)
    {
        SecurityKey key = algorithm switch
        {
            SecurityAlgorithms.RsaSha256 => SigningKey,
            SecurityAlgorithms.RsaSsaPssSha256 => _pssKey,
            SecurityAlgorithms.EcdsaSha256 => _ecKey,
            SecurityAlgorithms.RsaSha384 => _rs384Key,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "No key for it."),
        };
        var now = DateTime.UtcNow;
        var notBefore = now + startsIn;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = notBefore,
            Expires = notBefore.AddMinutes(10),
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "u-4711", ["name"] = "Erika Mustermann", ["email"] = "erika.mustermann@augsburg.example", ["roles"] = roles,
            },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>The provider signs with a new key from now on and publishes only that one (the old key is withdrawn).</summary>
    public Task RotateKeyAsync()
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        SigningKey = NewKey();
        options.SigningCredentials.Clear();
        options.SigningCredentials.Add(new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256));
        return Task.CompletedTask;
    }

    /// <summary>The published keys (JWKS), as anyone can read them.</summary>
    public async Task<JsonWebKeySet> KeysAsync() => new(await _http.GetStringAsync($"{Authority}.well-known/jwks"));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>The public half of a key as the JWKS lists it (no <c>alg</c>: the service's list of algorithms decides).</summary>
    private static JsonWebKey Published(SecurityKey key)
    {
        if (key is RsaSecurityKey rsa)
        {
            var p = rsa.Rsa.ExportParameters(false);
            return new JsonWebKey { Kty = "RSA", Use = "sig", Kid = rsa.KeyId, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
        }

        var ec = ((ECDsaSecurityKey)key).ECDsa.ExportParameters(false);
        return new JsonWebKey { Kty = "EC", Use = "sig", Kid = key.KeyId, Crv = "P-256", X = Base64UrlEncoder.Encode(ec.Q.X), Y = Base64UrlEncoder.Encode(ec.Q.Y) };
    }

    private static IResult Issue(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()!;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, (string?)request["test_sub"]);
        identity.SetClaim(Claims.Name, NullIfEmpty((string?)request["test_name"]));
        identity.SetClaim(Claims.Email, NullIfEmpty((string?)request["test_email"]));
        var roles = ((string?)request["test_roles"] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        identity.SetClaims("roles", [.. roles]);
        identity.SetAudiences(ImmutableArray.Create((string?)request["test_audience"] ?? Audience));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        var clock = (BackdatingClock)context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.TimeProvider!;
        clock.Backdate(TimeSpan.FromSeconds(int.Parse((string?)request["test_backdate"] ?? "0", System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.Http.Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The real time, or — for the one token request that asked for it — the time of long ago.</summary>
    private sealed class BackdatingClock : TimeProvider
    {
        private readonly AsyncLocal<TimeSpan> _backdate = new();

        /// <summary>For the rest of this request (the token is made after the endpoint returned, in the same flow).</summary>
        public void Backdate(TimeSpan by) => _backdate.Value = by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - _backdate.Value;
    }
}
