using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Meetings.Api.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Hosting;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Auth;

/// <summary>
/// The <c>X-Api-Key</c> scheme. A key is looked up by its SHA-256 hash; the bootstrap admin key from
/// <c>Auth:BootstrapAdminKey</c> is compared in constant time. Unknown and revoked keys are 401. The key is taken from
/// <c>X-Api-Key</c> only — a header no other site can make a browser send. HTTP Basic (the key as password), which a
/// browser remembers and sends by itself, counts on the job dashboard alone, whose gate refuses state changes from
/// another site (<see cref="Jobs.JobsDashboard"/>). Keys looked up in the last second come from
/// <see cref="ApiKeyCache"/> while the number of revoked keys, read once a second, stays the same (a revocation reaches
/// every instance within a second).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyCache cache,
    TimeProvider clock,
    IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The look-up of a key not kept by <see cref="ApiKeyCache"/>, compiled once (an integration answering for many departments misses the cache often).</summary>
    private static readonly Func<MeetingsDbContext, string, CancellationToken, Task<Caller?>> KeyByHash = EF.CompileAsyncQuery<MeetingsDbContext, string, Caller?>(
        (MeetingsDbContext db, string hash, CancellationToken ct) => db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new Caller(k.Id, k.Name, k.Role, k.DepartmentId, k.CityId))
            .FirstOrDefault());

    /// <summary>How many keys are revoked: while the number stays the same, every key <see cref="ApiKeyCache"/> keeps is still good.</summary>
    private static readonly Func<MeetingsDbContext, CancellationToken, Task<int>> RevokedKeys = EF.CompileAsyncQuery(
        (MeetingsDbContext db, CancellationToken ct) => db.ApiKeys.Count(k => k.RevokedAt != null));

    public const string HeaderName = "X-Api-Key";
    private const string UnknownKey = "The API key is unknown or revoked.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString().Trim();
        if (presented.Length == 0 && Request.Path.StartsWithSegments(Jobs.JobsDashboard.Path))
        {
            presented = BasicPassword(Request.Headers.Authorization.ToString());
        }

        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Length > 256)
        {
            return AuthenticateResult.Fail(UnknownKey);
        }

        var hash = ApiKey.HashOf(presented);
        if (cache.BootstrapHash(configuration["Auth:BootstrapAdminKey"]) is { } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), bootstrap))
        {
            return Success(new Caller(null, "bootstrap admin", ApiKeyRole.Admin, null, null));
        }

        var db = Context.RequestServices.GetRequiredService<MeetingsDbContext>();
        if (!cache.Current)
        {
            var countedAt = clock.GetTimestamp();
            cache.Revocations(await RevokedKeys(db, Context.RequestAborted), countedAt);
        }

        if (cache.TryGet(hash, out var known))
        {
            return Success(known);
        }

        var lookedUpAt = clock.GetTimestamp();
        var key = await KeyByHash(db, hash, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail(UnknownKey);
        }

        cache.Add(hash, key, lookedUpAt);
        return Success(key);
    }

    /// <summary>
    /// A browser cannot send <c>X-Api-Key</c>: on the job dashboard the key may come as the password of HTTP Basic
    /// (the user name is ignored). Nowhere else.
    /// </summary>
    private static string BasicPassword(string authorization)
    {
        const string prefix = "Basic ";
        if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || authorization.Length > 1024)
        {
            return string.Empty;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[prefix.Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? string.Empty : decoded[(colon + 1)..].Trim();
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "An API key is required.", result.Failure is null
            ? $"Send an API key in the {HeaderName} header."
            : UnknownKey);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Outside the key's scope.", "This key's role does not allow this operation.");

    private AuthenticateResult Success(Caller caller)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, caller.Name),
            new(Caller.RoleClaim, Roles.Of(caller.Role)),
        };
        if (caller.KeyId is { } keyId)
        {
            claims.Add(new Claim(Caller.KeyIdClaim, keyId.ToString()));
        }

        if (caller.DepartmentId is { } departmentId)
        {
            claims.Add(new Claim(Caller.DepartmentClaim, departmentId.ToString()));
        }

        if (caller.CityId is { } cityId)
        {
            claims.Add(new Claim(Caller.CityClaim, cityId.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>The authorization policies endpoints name.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string AdminOrDepartment = "admin-or-department";
    public const string AdminOrPartner = "admin-or-partner";
    public const string AnyKey = "any-key";
}

internal static class Roles
{
    public static string Of(ApiKeyRole role) => role.ToString().ToLowerInvariant();
}

internal static class AuthSetup
{
    /// <summary>A bootstrap admin key is an admin key without a row: in Production it must be long enough not to be guessed.</summary>
    public const int MinProductionBootstrapKeyLength = 32;

    public static IServiceCollection AddMeetingsAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddOptions<AuthOptions>().BindChecked("Auth").CheckedBy<AuthOptions, AuthOptionsCheck>();
        services.AddOptions<OidcOptions>().BindChecked(OidcOptions.Section).CheckedBy<OidcOptions, OidcOptionsCheck>();
        services.AddAuthentication(OidcBearer.SelectorName)
            .AddPolicyScheme(OidcBearer.SelectorName, null, o => o.ForwardDefaultSelector = OidcBearer.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(OidcBearer.SchemeName, _ => { });
        services.AddOptions<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(OidcBearer.SchemeName)
            .Configure<IOptions<OidcOptions>>((jwt, oidc) => OidcBearer.Configure(jwt, oidc.Value))
            .PostConfigure(OidcBearer.ForgetWithdrawnKeys); // after JwtBearer's own post-configuration made the configuration manager

        var admin = Roles.Of(ApiKeyRole.Admin);
        var anyRole = new[] { admin, Roles.Of(ApiKeyRole.Department), Roles.Of(ApiKeyRole.Partner) };
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(admin))
            .AddPolicy(Policies.AdminOrDepartment, p => p.RequireRole(admin, Roles.Of(ApiKeyRole.Department)))
            .AddPolicy(Policies.AdminOrPartner, p => p.RequireRole(admin, Roles.Of(ApiKeyRole.Partner)))
            // A role, not only a sign-in: a token of the identity provider without one of its roles is a 403 everywhere.
            .AddPolicy(Policies.AnyKey, p => p.RequireRole(anyRole))
            // An endpoint that names no policy still needs a key (or a token with a role).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireRole(anyRole).Build());

        services.AddHttpContextAccessor();
        services.AddScoped(provider => Caller.From(provider.GetRequiredService<IHttpContextAccessor>().HttpContext!.User));
        return services;
    }
}

/// <summary>The <c>Auth</c> configuration section.</summary>
internal sealed class AuthOptions
{
    /// <summary>An admin key that needs no database row (empty: none).</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>
/// In Production a bootstrap key must be long enough not to be guessed: empty, or at least
/// <see cref="AuthSetup.MinProductionBootstrapKeyLength"/> characters. Checked at start; the key is never shown.
/// </summary>
internal sealed class AuthOptionsCheck(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions auth)
    {
        var key = auth.BootstrapAdminKey?.Trim() ?? string.Empty;
        return environment.IsProduction() && key.Length is > 0 and < AuthSetup.MinProductionBootstrapKeyLength
            ? ValidateOptionsResult.Fail(SettingChecks.Wrong("Auth:BootstrapAdminKey",
                $"at least {AuthSetup.MinProductionBootstrapKeyLength} characters in Production, or empty (for example: openssl rand -base64 32); it has {key.Length}"))
            : ValidateOptionsResult.Success;
    }
}
