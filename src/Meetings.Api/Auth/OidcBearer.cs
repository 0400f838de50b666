using System.Security.Claims;
using Meetings.Api.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Meetings.Api.Auth;

/// <summary>
/// The office's sign-in with the city's identity provider (SPEC section 2, "Office sign-in"): an access token of
/// <c>Auth:Oidc:Authority</c> as <c>Authorization: Bearer</c>, verified by ASP.NET Core's JwtBearer against the keys the
/// provider publishes (discovery, JWKS). Its <c>iss</c> must be the authority, its <c>aud</c> contain the audience, it must
/// be within <c>exp</c>/<c>nbf</c> (2 minutes of clock skew) and signed RS256, PS256 or ES256; anything else is a 401.
/// A token signed with a key the provider has just published is accepted at once: a key id not known yet makes the
/// handler read the keys again (at most every <see cref="KeyRefreshInterval"/>), and the keys are read again every
/// <see cref="KeyMaxAge"/> anyway, so that a key the provider withdrew stops working. The role claim becomes the same
/// principal an API key gives (<see cref="Caller"/>): admin, or the department of the code (an unknown or inactive code,
/// or no role: 403); <c>sub</c>, name and e-mail name the person in the audit log.
/// </summary>
internal static class OidcBearer
{
    public const string SchemeName = "Bearer";

    /// <summary>The default scheme: a bearer token goes to <see cref="SchemeName"/> (when the sign-in is configured), anything else to the key.</summary>
    public const string SelectorName = "KeyOrBearer";

    /// <summary>How often at most a token with an unknown key id makes the handler read the provider's keys again.</summary>
    public static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>How old the keys read from the provider may get (the shortest IdentityModel allows).</summary>
    public static readonly TimeSpan KeyMaxAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    public const string SubjectClaim = "meetings:sub";
    public const string EmailClaim = "meetings:email";

    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && context.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled
            ? SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>JwtBearer as the <c>Auth:Oidc</c> settings say (read leniently: the start check judges them).</summary>
    public static void Configure(JwtBearerOptions jwt, OidcOptions oidc)
    {
        if (!oidc.Enabled)
        {
            return;
        }

        var authority = oidc.Authority!.Trim();
        jwt.Authority = authority;
        jwt.Audience = oidc.Audience?.Trim();
        jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        jwt.MapInboundClaims = false; // the claims by their names in the token: sub, name, email, roles
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.RefreshInterval = KeyRefreshInterval;
        jwt.AutomaticRefreshInterval = KeyMaxAge;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = [authority.TrimEnd('/'), authority.TrimEnd('/') + "/"],
            ValidateAudience = true,
            ValidAudience = oidc.Audience?.Trim(),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = Algorithms,
            NameClaimType = "name",
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = RefuseTwoCredentials,
            OnTokenValidated = context => AsCallerAsync(context, oidc),
            OnChallenge = WriteChallengeAsync,
            OnForbidden = context => Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Outside the token's roles.",
                $"The token's roles (claim '{oidc.RoleClaim}') do not allow this operation: '{oidc.AdminRole}', or '{oidc.DepartmentRolePrefix}' and the code of an active department."),
        };
    }

    /// <summary>
    /// IdentityModel keeps the keys it read before ("last known good") and tries them for an hour when a token fails
    /// with the current ones: a key the provider withdrew would keep working. Off: the keys are the ones published now.
    /// </summary>
    public static void ForgetWithdrawnKeys(JwtBearerOptions jwt)
    {
        if (jwt.ConfigurationManager is BaseConfigurationManager manager)
        {
            manager.UseLastKnownGoodConfiguration = false;
        }
    }

    /// <summary>A request with a key and a token is refused, not taken by either: which one speaks would be a guess.</summary>
    private static Task RefuseTwoCredentials(MessageReceivedContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            context.Fail($"Send either {ApiKeyAuthenticationHandler.HeaderName} or a bearer token, not both.");
        }

        return Task.CompletedTask;
    }

    /// <summary>The token's person as the principal a key gives: the role, the department by its code, the person's name.</summary>
    private static async Task AsCallerAsync(TokenValidatedContext context, OidcOptions oidc)
    {
        var token = context.Principal!;
        var subject = token.FindFirstValue("sub") ?? string.Empty;
        var email = token.FindFirstValue("email");
        var name = token.FindFirstValue("name") ?? token.FindFirstValue("preferred_username") ?? email ?? subject;
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(SubjectClaim, subject) };
        if (!string.IsNullOrWhiteSpace(email))
        {
            claims.Add(new Claim(EmailClaim, email));
        }

        var roles = token.FindAll(oidc.RoleClaim).Select(c => c.Value.Trim()).ToList();
        if (roles.Contains(oidc.AdminRole, StringComparer.Ordinal))
        {
            claims.Add(new Claim(Caller.RoleClaim, Roles.Of(ApiKeyRole.Admin)));
        }
        else if (roles.Where(r => r.StartsWith(oidc.DepartmentRolePrefix, StringComparison.Ordinal))
                     .Select(r => Department.NormalizeCode(r[oidc.DepartmentRolePrefix.Length..])).Distinct().ToList() is [var code])
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<MeetingsDbContext>();
            var department = await db.Departments.AsNoTracking().Where(d => d.Code == code && d.Active).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (department is { } id)
            {
                claims.Add(new Claim(Caller.RoleClaim, Roles.Of(ApiKeyRole.Department)));
                claims.Add(new Claim(Caller.DepartmentClaim, id.ToString()));
            }
        }

        // No role (none, an unknown or inactive department, several departments): signed in, but every endpoint answers 403.
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, Caller.RoleClaim));
    }

    private static Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = context.AuthenticateFailure switch
        {
            null => "Send an access token of the identity provider as Authorization: Bearer, or an API key as X-Api-Key.",
            SecurityTokenExpiredException => "The token has expired.",
            AuthenticationFailureException e => e.Message,
            _ => "The token is not accepted: its signature, algorithm, issuer, audience or lifetime does not verify.",
        };
        return Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "A valid access token is required.", detail);
    }
}
