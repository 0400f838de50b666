namespace Meetings.Domain.Common;

/// <summary>New identifiers: time-ordered GUIDs (v7) so that indexes stay compact.</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();

    /// <summary>When an id of <see cref="New"/> was made (a v7 GUID's first 48 bits: Unix milliseconds); null for any other GUID.</summary>
    public static DateTimeOffset? CreatedAt(Guid id)
    {
        if (id.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
