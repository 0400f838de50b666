using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Auth;

/// <summary>
/// The <c>Auth:Oidc</c> configuration section: the city's identity provider (OpenID Connect) whose access tokens the
/// API takes as <c>Authorization: Bearer</c> beside the API keys (<see cref="OidcBearer"/>). Off while
/// <see cref="Authority"/> is empty.
/// </summary>
internal sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c> or <c>https://sso.stadt.example/realms/stadt</c>; its discovery document is read from <c>.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>What the token's <c>aud</c> must contain: the API's client id or application ID URI at the provider.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim the roles are in.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role value that makes a person an admin (the mayor's office).</summary>
    public string AdminRole { get; set; } = "meetings-admin";

    /// <summary>A role value of this prefix plus a department code is that department's role.</summary>
    public string DepartmentRolePrefix { get; set; } = "meetings-department:";

    /// <summary>The client Swagger UI signs in with (authorization code + PKCE, a public client); empty: no sign-in in Swagger UI.</summary>
    public string? SwaggerClientId { get; set; }

    /// <summary>
    /// The scopes Swagger UI asks for, separated by spaces. Microsoft Entra ID issues a token for the API only when one of
    /// the API's own scopes is asked for: add it, e.g. <c>openid profile email api://meetings/access</c>.
    /// </summary>
    public string SwaggerScopes { get; set; } = "openid profile email";

    /// <summary>The authority must be https; false only for a provider on loopback (tests, a developer's machine).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary><c>Auth:Oidc:*</c>, checked at start (<see cref="SettingChecks"/>): nothing is checked while the authority is empty.</summary>
internal sealed class OidcOptionsCheck : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions oidc)
    {
        if (!oidc.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var wrong = new List<string>();
        var authority = oidc.Authority!.Trim();
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            wrong.Add(SettingChecks.Wrong($"{OidcOptions.Section}:Authority", "the identity provider's issuer, an absolute https URL", authority));
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && oidc.RequireHttpsMetadata)
        {
            wrong.Add(SettingChecks.Wrong($"{OidcOptions.Section}:Authority",
                $"an https URL (http only with {OidcOptions.Section}:RequireHttpsMetadata false, for a provider on loopback)", authority));
        }

        Required(wrong, "Audience", oidc.Audience, "the API's client id or application ID URI at the identity provider (what the tokens' aud contains)");
        Required(wrong, "RoleClaim", oidc.RoleClaim, "the name of the claim with the roles, such as roles");
        Required(wrong, "AdminRole", oidc.AdminRole, "the role value of the office, such as meetings-admin");
        Required(wrong, "DepartmentRolePrefix", oidc.DepartmentRolePrefix, "the prefix of the department roles, such as meetings-department:");
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }

    private static void Required(List<string> wrong, string key, string? value, string mustBe)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            wrong.Add(SettingChecks.Wrong($"{OidcOptions.Section}:{key}", mustBe + " (it is empty)"));
        }
    }
}
