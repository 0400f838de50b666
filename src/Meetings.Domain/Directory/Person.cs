using Meetings.Domain.Common;

namespace Meetings.Domain.Directory;

/// <summary>
/// A named person with a mailbox: a department head, a deputy, a delegate, a host. <see cref="Language"/> is the
/// language their mails are written in (<see cref="Languages"/>: German unless they asked for English).
/// </summary>
public sealed record Person
{
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;

    private Person(string name, string email, string? title, string language)
    {
        Name = name;
        Email = email;
        Title = title;
        Language = language;
    }

    public string Name { get; private init; }
    public string Email { get; private init; }
    public string? Title { get; private init; }
    public string Language { get; private init; }

    /// <summary>Validates into <paramref name="errors"/> under <paramref name="field"/> (e.g. <c>head</c>).</summary>
    public static Person Create(ValidationErrors errors, string field, string? name, string? email, string? title = null, string? language = null)
    {
        var validName = errors.Text($"{field}.name", name, NameMaxLength);
        var validEmail = errors.Email($"{field}.email", email);
        var validTitle = errors.OptionalText($"{field}.title", title, TitleMaxLength);
        var validLanguage = Languages.Validate(errors, $"{field}.language", language);
        return new Person(validName, validEmail, validTitle, validLanguage);
    }

    public static Person Create(string? name, string? email, string? title = null, string? language = null)
    {
        var errors = new ValidationErrors();
        var person = Create(errors, "person", name, email, title, language);
        errors.ThrowIfAny();
        return person;
    }

    /// <summary>
    /// A person made of stored data (a speaker, a partner city's contact, a series' organizer), taken as stored: each
    /// value was checked when it was written, and data from before a rule must not stop the change that uses it (a
    /// publish, a confirmation, the cadence check). A mail to an address that breaks today's rule fails when it is due,
    /// alone (<see cref="Mail.MailPlans.WhyItCannotGo"/>).
    /// </summary>
    public static Person FromStored(string name, string email, string? title = null) =>
        new(name, EmailAddress.Normalize(email), title, Languages.German);

    /// <summary>From what arrives from outside, validated under <paramref name="field"/>.</summary>
    public static Person Create(ValidationErrors errors, string field, PersonInput input) =>
        Create(errors, field, input.Name, input.Email, input.Title, input.Language);
}
