using Meetings.Domain.Common;

namespace Meetings.Domain.Directory;

public enum CityKind
{
    Host,
    Partner,
}

/// <summary>A city taking part: the host city that runs the series, or a partner city that sends speakers.</summary>
public sealed class City : IVersioned
{
    public const int NameMaxLength = 200;

    private City()
    {
        Name = string.Empty;
        ContactEmail = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public CityKind Kind { get; private set; }
    public string ContactEmail { get; private set; }
    public int Version { get; private set; }

    public static City Create(string? name, CityKind? kind, string? contactEmail)
    {
        var city = new City { Id = Ids.New() };
        city.Update(name, kind, contactEmail);
        return city;
    }

    public void Update(string? name, CityKind? kind, string? contactEmail)
    {
        var errors = new ValidationErrors();
        var validName = errors.Text("name", name, NameMaxLength);
        var validKind = errors.Required("kind", kind);
        var validEmail = errors.Email("contactEmail", contactEmail);
        errors.ThrowIfAny();

        Name = validName;
        Kind = validKind;
        ContactEmail = validEmail;
    }
}
