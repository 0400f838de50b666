using System.Security.Cryptography;
using System.Text;
using Meetings.Domain.Common;

namespace Meetings.Domain.Directory;

public enum ApiKeyRole
{
    /// <summary>The mayor's office: everything.</summary>
    Admin,

    /// <summary>An integration of one department (intranet portal, calendar connector).</summary>
    Department,

    /// <summary>The system of one partner city.</summary>
    Partner,
}

/// <summary>
/// An API key. Only the SHA-256 hash of the plain key is stored: keys are 256 random bits, so a
/// fast hash is as safe as a slow one and lets every request find its key by an index lookup.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 200;
    public const string Prefix = "mtg_";

    /// <summary>Hex SHA-256: 64 characters.</summary>
    public const int HashLength = 64;

    public const int HintMaxLength = 16;

    private ApiKey()
    {
        Name = string.Empty;
        Hash = string.Empty;
        Hint = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public ApiKeyRole Role { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? CityId { get; private set; }

    /// <summary>Hex SHA-256 of the plain key.</summary>
    public string Hash { get; private set; }

    /// <summary>The first characters of the plain key, so an operator can tell keys apart.</summary>
    public string Hint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>
    /// Creates a key. <paramref name="department"/> must be given for a department key,
    /// <paramref name="city"/> (a partner city) for a partner key, neither for an admin key.
    /// Returns the key and its plain value, which exists only in this return value.
    /// </summary>
    public static (ApiKey Key, string PlainKey) Create(
        string? name, ApiKeyRole? role, Department? department, City? city, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var validName = errors.Text("name", name, NameMaxLength);
        var validRole = errors.Required("role", role);
        if (role is not null)
        {
            switch (validRole)
            {
                case ApiKeyRole.Department when department is null:
                    errors.Add("departmentId", "is required for a department key.");
                    break;
                case ApiKeyRole.Partner when city is null:
                    errors.Add("cityId", "is required for a partner key.");
                    break;
                case ApiKeyRole.Partner when city.Kind != CityKind.Partner:
                    errors.Add("cityId", "must be a partner city.");
                    break;
            }

            if (validRole != ApiKeyRole.Department && department is not null)
            {
                errors.Add("departmentId", "is only allowed for a department key.");
            }

            if (validRole != ApiKeyRole.Partner && city is not null)
            {
                errors.Add("cityId", "is only allowed for a partner key.");
            }
        }

        errors.ThrowIfAny();

        var plain = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Ids.New(),
            Name = validName,
            Role = validRole,
            DepartmentId = department?.Id,
            CityId = city?.Id,
            Hash = HashOf(plain),
            Hint = plain[..(Prefix.Length + 4)],
            CreatedAt = now,
        };
        return (key, plain);
    }

    public void Revoke(DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new DomainException("The key is already revoked.");
        }

        RevokedAt = now;
    }

    public static string HashOf(string plainKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainKey)));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
