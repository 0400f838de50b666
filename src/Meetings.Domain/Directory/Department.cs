using System.Text.RegularExpressions;
using Meetings.Domain.Common;

namespace Meetings.Domain.Directory;

/// <summary>
/// A department (Amt) of the host city. Its head is invited to every meeting; the deputy is who the
/// head typically delegates to. A department is never deleted, only deactivated, so history stays.
/// </summary>
public sealed partial class Department : IVersioned
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 200;

    private Department()
    {
        Code = string.Empty;
        Name = string.Empty;
        Head = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Short code as used in the city's organisation chart ("32", "AMT-51"), unique.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }
    public Person Head { get; private set; }
    public Person? Deputy { get; private set; }
    public bool Active { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }
    public int Version { get; private set; }

    public static Department Create(string? code, string? name, PersonInput? head, PersonInput? deputy, DateTimeOffset now)
    {
        var department = new Department { Id = Ids.New(), Active = true, CreatedAt = now };
        department.Apply(code, name, head, deputy);
        return department;
    }

    /// <summary>Changes code, name, head and deputy (the meetings ahead follow: <see cref="Meetings.Meeting.SyncDepartment"/>).</summary>
    public void Update(string? code, string? name, PersonInput? head, PersonInput? deputy) => Apply(code, name, head, deputy);

    public void Deactivate(DateTimeOffset now)
    {
        if (!Active)
        {
            throw new DomainException($"Department {Code} is already inactive.");
        }

        Active = false;
        DeactivatedAt = now;
    }

    public void Reactivate()
    {
        if (Active)
        {
            throw new DomainException($"Department {Code} is already active.");
        }

        Active = true;
        DeactivatedAt = null;
    }

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    private void Apply(string? code, string? name, PersonInput? head, PersonInput? deputy)
    {
        var errors = new ValidationErrors();
        var validCode = errors.Text("code", code, CodeMaxLength);
        if (validCode.Length > 0 && !CodeShape().IsMatch(validCode))
        {
            errors.Add("code", "may contain only letters, digits and hyphens, and must start with a letter or digit.");
        }

        var validName = errors.Text("name", name, NameMaxLength);
        Person? validHead = null;
        if (head is null)
        {
            errors.Add("head", "is required.");
        }
        else
        {
            validHead = Person.Create(errors, "head", head);
        }

        var validDeputy = deputy is null ? null : Person.Create(errors, "deputy", deputy with { Title = null });
        if (validHead is not null && validDeputy is not null && validHead.Email == validDeputy.Email && validHead.Email.Length > 0)
        {
            errors.Add("deputy.email", "must differ from the head's e-mail.");
        }

        errors.ThrowIfAny();

        Code = NormalizeCode(validCode);
        Name = validName;
        Head = validHead!;
        Deputy = validDeputy;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex CodeShape();
}

/// <summary>Unvalidated person data as it arrives from outside.</summary>
public sealed record PersonInput(string? Name, string? Email, string? Title = null, string? Language = null);
