using System.Security.Claims;
using Meetings.Api.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Audit;

namespace Meetings.Api.Auth;

/// <summary>Who is calling: the role and scope of the API key that authenticated the request.</summary>
public sealed record Caller(Guid? KeyId, string Name, ApiKeyRole Role, Guid? DepartmentId, Guid? CityId)
{
    public const string RoleClaim = ClaimTypes.Role;
    public const string DepartmentClaim = "meetings:department";
    public const string CityClaim = "meetings:city";
    public const string KeyIdClaim = "meetings:key";

    /// <summary>A person signed in with the identity provider: the token's <c>sub</c> (null for a key).</summary>
    public string? Subject { get; init; }

    /// <summary>A person signed in with the identity provider: the token's <c>email</c>, where it has one.</summary>
    public string? Email { get; init; }

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>How the caller is named in an answer's history: the key's name and id, or the person's name and e-mail (or <c>sub</c>).</summary>
    public string Actor => Subject is not null ? $"{Name} ({Email ?? Subject})" : KeyId is null ? $"{Name}" : $"{Name} ({KeyId})";

    /// <summary>Who the audit log names: the person signed in, or the key.</summary>
    public AuditActor AuditActor => Subject is { } subject ? AuditActor.Person(subject, Name, Email) : AuditActor.Key(KeyId, Name);

    public static Caller From(ClaimsPrincipal user) =>
        TryFrom(user) ?? throw new InvalidOperationException("The request is not authenticated with an API key.");

    /// <summary>The caller, or null for a request without a key (or with a token of the identity provider that has no role).</summary>
    public static Caller? TryFrom(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Enum.TryParse<ApiKeyRole>(user.FindFirstValue(RoleClaim), true, out var role))
        {
            return null;
        }

        return new Caller(
            GuidClaim(user, KeyIdClaim),
            user.Identity.Name ?? "unknown",
            role,
            GuidClaim(user, DepartmentClaim),
            GuidClaim(user, CityClaim))
        {
            Subject = user.FindFirstValue(OidcBearer.SubjectClaim),
            Email = user.FindFirstValue(OidcBearer.EmailClaim),
        };
    }

    /// <summary>A department key's department, to which its answers and reads are confined; null for an admin.</summary>
    public Guid? DepartmentScope => IsAdmin ? null : DepartmentId;

    /// <summary>A partner key's city, to which its speakers are confined; null for an admin.</summary>
    public Guid? CityScope => IsAdmin ? null : CityId;

    /// <summary>The meetings this caller may see: the office all of them, every other key no drafts.</summary>
    public IQueryable<Meeting> MaySee(IQueryable<Meeting> meetings) => IsAdmin ? meetings : meetings.Where(Meeting.VisibleBeyondOffice);

    /// <summary>The speakers this caller may see: the office all of them, a partner key its own city's.</summary>
    public IQueryable<Speaker> MaySee(IQueryable<Speaker> speakers) => CityScope is { } city ? speakers.Where(Speaker.OfCity(city)) : speakers;

    /// <summary>Admins and the department's own key may read a department; others get 403.</summary>
    public void EnsureMayRead(Department department)
    {
        if (!IsAdmin && !(Role == ApiKeyRole.Department && DepartmentId == department.Id))
        {
            throw new ForbiddenException("This key may read only its own department.");
        }
    }

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirstValue(type), out var id) ? id : null;
}
