namespace Meetings.Domain.Common;

/// <summary>
/// A state change that the rules forbid (publish a cancelled meeting, revoke a revoked key).
/// The API answers it with 409 and the message as the problem's detail.
/// </summary>
public class DomainException(string message) : Exception(message);

/// <summary>
/// Input that breaks a rule of a single field or of several fields. The API answers it with 400 and
/// the field errors (keys are the JSON field paths, e.g. <c>head.email</c>).
/// </summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static DomainValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>An unknown resource, or one outside the caller's scope whose existence must not leak: 404.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public NotFoundException(string resource, object id)
        : this($"{resource} '{id}' was not found.")
    {
    }

    /// <summary>For lookups by secret or by address: the same words whatever was asked, so nothing leaks.</summary>
    public static NotFoundException Invitation() => new("The invitation was not found.");
}
