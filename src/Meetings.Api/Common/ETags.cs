namespace Meetings.Api.Common;

/// <summary>
/// Optimistic concurrency over HTTP: the ETag is the aggregate's version; a write with a stale
/// <c>If-Match</c> is refused with 412; a write without <c>If-Match</c> goes through.
/// </summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    public static void EnsureMatches(string? ifMatch, int currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return;
        }

        var current = For(currentVersion);
        var matches = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag)
            .Contains(current, StringComparer.Ordinal);
        if (!matches)
        {
            throw new PreconditionFailedException($"If-Match {ifMatch} does not match the current ETag {current}. Reload and try again.");
        }
    }
}
