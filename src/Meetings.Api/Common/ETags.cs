using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Common;

/// <summary>A response of a versioned resource; its version becomes the ETag header.</summary>
public interface IVersionedResponse
{
    int Version { get; }
}

/// <summary>
/// Optimistic concurrency over HTTP: the ETag is the aggregate's version; a write with a stale
/// <c>If-Match</c> is refused with 412; a write without <c>If-Match</c> goes through.
/// </summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>200 with the resource and its ETag.</summary>
    public static Ok<T> OkWithETag<T>(this HttpResponse response, T body) where T : IVersionedResponse
    {
        response.Headers.ETag = For(body.Version);
        return TypedResults.Ok(body);
    }

    /// <summary>201 with Location, the resource and its ETag.</summary>
    public static Created<T> CreatedWithETag<T>(this HttpResponse response, string location, T body) where T : IVersionedResponse
    {
        response.Headers.ETag = For(body.Version);
        return TypedResults.Created(location, body);
    }

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
