namespace Meetings.Domain.Common;

/// <summary>New identifiers: time-ordered GUIDs (v7) so that indexes stay compact.</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();
}
