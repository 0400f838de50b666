using Meetings.Domain.Directory;

namespace Meetings.Api.Common;

/// <summary>A person as the API shows it: a head, a deputy, a host, an invitee, a delegate, a mail's recipient.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Email">Mailbox (stored in lower case).</param>
/// <param name="Title">Job title, where known.</param>
/// <param name="Language">The language of their mails: <c>de</c> or <c>en</c>.</param>
public sealed record PersonResponse(string Name, string Email, string? Title, string Language)
{
    public static PersonResponse From(Person person) => new(person.Name, person.Email, person.Title, person.Language);

    public static PersonResponse? FromOptional(Person? person) => person is null ? null : From(person);
}
