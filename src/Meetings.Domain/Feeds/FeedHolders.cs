using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feeds;

/// <summary>
/// Who has a personal feed — a person of the directory: the head or deputy of an active department, or a host of a
/// series (by normalised address, as stored) — and which meetings it shows.
/// </summary>
public static class FeedHolders
{
    /// <summary>
    /// The persons of the directory by address: heads and deputies of the active departments, the hosts of the series.
    /// An address stored before the e-mail address rule that breaks it has no feed (as no mail goes to it): it must not
    /// stop the feeds of everyone else, nor any change of the directory.
    /// </summary>
    public static IReadOnlySet<string> PeopleOf(IEnumerable<Department> departments, IEnumerable<Series> series) =>
        Persons(departments, series).Select(p => p.Email).ToHashSet(StringComparer.Ordinal);

    /// <summary>The person of the directory with the address <paramref name="email"/>, given the departments and the series; null if none (no feed).</summary>
    public static Person? PersonOf(string email, IEnumerable<Department> departments, IEnumerable<Series> series) =>
        Persons(departments, series).FirstOrDefault(p => p.Email == email);

    private static IEnumerable<Person> Persons(IEnumerable<Department> departments, IEnumerable<Series> series) =>
        departments.Where(d => d.Active).SelectMany(d => d.Deputy is { } deputy ? new[] { d.Head, deputy } : [d.Head])
            .Concat(series.SelectMany(s => s.Hosts))
            .Where(p => Common.EmailAddress.IsValid(p.Email));

    /// <summary>
    /// Rotates the personal feeds with the directory: the feed of an address that is no person of the directory any more
    /// (a head replaced, a deputy removed, a department deactivated) is revoked — its URL is a 404 from now on, and if the
    /// person comes back they get a new token —, an address keeps one open feed (the oldest; a second one made by two
    /// changes at the same moment is revoked), and every person without one gets a new feed, which is returned.
    /// </summary>
    public static IReadOnlyList<Feed> Rotate(IEnumerable<Feed> personFeeds, IReadOnlySet<string> people, DateTimeOffset now)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feed in personFeeds.Where(f => f.Kind == FeedKind.Person && !f.IsRevoked).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id))
        {
            if (!people.Contains(feed.PersonEmail!) || !kept.Add(feed.PersonEmail!))
            {
                feed.Revoke(now);
            }
        }

        return people.Where(p => !kept.Contains(p)).Order(StringComparer.Ordinal).Select(p => Feed.ForPerson(p, now)).ToList();
    }

    /// <summary>
    /// Whether an invitation puts its meeting into <paramref name="email"/>'s feed: an open invitation to them, or one
    /// delegated to them (the head keeps the meeting too: they are still the invitee).
    /// </summary>
    public static bool Shows(Invitation invitation, string email) =>
        invitation.IsOpen
        && (invitation.Recipient.Email == email
            || (invitation.Status == AnswerStatus.Delegated && invitation.Delegate?.Email == email));

    /// <summary>
    /// Whether a meeting belongs in a feed at all: published or cancelled (never a draft), starting no earlier than
    /// <see cref="Feed.MonthsBack"/> months before <paramref name="now"/>.
    /// </summary>
    public static bool Shows(Meeting meeting, DateTimeOffset now) =>
        meeting.Status != MeetingStatus.Draft && meeting.StartsAt >= Feed.ShowsFrom(now);
}
