namespace Meetings.Api.Common;

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

/// <summary>A key that is valid but outside its scope (another department, another city): 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The <c>If-Match</c> header names a version that is no longer current: 412.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
