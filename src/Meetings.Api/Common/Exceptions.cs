namespace Meetings.Api.Common;

/// <summary>A key that is valid but outside its scope (another department, another city): 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The <c>If-Match</c> header names a version that is no longer current: 412.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
