using Meetings.Domain.Common;

namespace Meetings.Domain.Directory;

/// <summary>A named person with a mailbox: a department head, a deputy, a delegate, a host.</summary>
public sealed record Person
{
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;

    private Person(string name, string email, string? title)
    {
        Name = name;
        Email = email;
        Title = title;
    }

    public string Name { get; private init; }
    public string Email { get; private init; }
    public string? Title { get; private init; }

    /// <summary>Validates into <paramref name="errors"/> under <paramref name="field"/> (e.g. <c>head</c>).</summary>
    public static Person Create(ValidationErrors errors, string field, string? name, string? email, string? title = null)
    {
        var validName = errors.Text($"{field}.name", name, NameMaxLength);
        var validEmail = errors.Email($"{field}.email", email);
        var validTitle = errors.OptionalText($"{field}.title", title, TitleMaxLength);
        return new Person(validName, validEmail, validTitle);
    }

    public static Person Create(string? name, string? email, string? title = null)
    {
        var errors = new ValidationErrors();
        var person = Create(errors, "person", name, email, title);
        errors.ThrowIfAny();
        return person;
    }
}
