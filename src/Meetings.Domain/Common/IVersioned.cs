namespace Meetings.Domain.Common;

/// <summary>
/// An aggregate that integrations write concurrently. <see cref="Version"/> is the optimistic
/// concurrency token: the persistence layer increases it on every save, the API shows it as ETag.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}
