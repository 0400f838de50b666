using Meetings.Domain.Directory;

namespace Meetings.Api.Features.ApiKeys;

/// <summary>An API key as stored: never the key itself.</summary>
/// <param name="Id">Server-generated id.</param>
/// <param name="Name">What the key is for ("Intranet-Portal Amt 12").</param>
/// <param name="Role"><c>admin</c>, <c>department</c> or <c>partner</c>.</param>
/// <param name="DepartmentId">The department a department key is bound to.</param>
/// <param name="CityId">The partner city a partner key is bound to.</param>
/// <param name="Hint">The first characters of the key, to tell keys apart.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="RevokedAt">When it was revoked (UTC); a revoked key is refused with 401.</param>
public record ApiKeyResponse(
    Guid Id, string Name, ApiKeyRole Role, Guid? DepartmentId, Guid? CityId, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey k) => new(k.Id, k.Name, k.Role, k.DepartmentId, k.CityId, k.Hint, k.CreatedAt, k.RevokedAt);
}

/// <summary>The answer to creating a key: the stored fields and, this once, the plain <c>key</c>.</summary>
/// <param name="Key">The plain key. It is not stored and cannot be shown again.</param>
public sealed record ApiKeyCreatedResponse(
    Guid Id, string Name, ApiKeyRole Role, Guid? DepartmentId, Guid? CityId, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string Key)
    : ApiKeyResponse(Id, Name, Role, DepartmentId, CityId, Hint, CreatedAt, RevokedAt);

/// <summary>A new key.</summary>
public sealed record ApiKeyInput
{
    /// <summary>What the key is for.</summary>
    /// <example>Intranet-Portal Amt 12</example>
    public string? Name { get; init; }

    /// <summary><c>admin</c>, <c>department</c> or <c>partner</c>.</summary>
    /// <example>department</example>
    public ApiKeyRole? Role { get; init; }

    /// <summary>Required for a department key, not allowed otherwise.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Required for a partner key (a partner city), not allowed otherwise.</summary>
    public Guid? CityId { get; init; }
}
