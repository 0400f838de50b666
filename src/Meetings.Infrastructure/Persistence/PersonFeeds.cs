using Meetings.Domain.Feeds;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// "A person's feed token rotates with the person": called by every change of the directory's people (a department
/// created, changed, deactivated or re-activated, an import, a series' hosts) before it saves, and the start after the
/// migrations (<see cref="DatabaseInitializer"/>: the people a database had before feeds existed), so that the predecessor's
/// feed is revoked in the same transaction and the new person has a feed (<see cref="FeedHolders.Rotate"/>).
/// </summary>
public static class PersonFeeds
{
    /// <returns>Whether a feed was added or revoked (the caller saves).</returns>
    public static async Task<bool> SyncAsync(MeetingsDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // Every department and series (a city has some dozens): tracked, so that the changes not yet saved count.
        await db.Departments.LoadAsync(ct);
        await db.Series.LoadAsync(ct);
        var people = FeedHolders.PeopleOf(db.Departments.Local, db.Series.Local);
        var feeds = await db.Feeds.Where(f => f.Kind == FeedKind.Person && f.RevokedAt == null).ToListAsync(ct);
        var added = FeedHolders.Rotate(feeds, people, now);
        db.Feeds.AddRange(added);
        return added.Count > 0 || feeds.Any(f => f.IsRevoked);
    }

    /// <summary>The tokens of every open personal feed by the person's address (the oldest feed when a person has several).</summary>
    public static async Task<Dictionary<string, string>> OpenTokensAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var feeds = await db.Feeds.AsNoTracking().Where(f => f.Kind == FeedKind.Person && f.RevokedAt == null && f.PersonEmail != null)
            .OrderBy(f => f.CreatedAt).Select(f => new { f.PersonEmail, f.Token }).ToListAsync(ct);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            tokens.TryAdd(feed.PersonEmail!, feed.Token);
        }

        return tokens;
    }
}
