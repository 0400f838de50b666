using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feeds;

/// <summary>
/// Who has a personal feed — a person of the directory: the head or deputy of an active department, or a host of a
/// series (by normalised address, as stored) — and which meetings it shows.
/// </summary>
public static class FeedHolders
{
    /// <summary>Whether <paramref name="email"/> is a person of the directory, given the active departments and the series.</summary>
    public static bool IsPersonOfDirectory(string email, IEnumerable<Department> departments, IEnumerable<Series> series) =>
        departments.Any(d => d.Active && (d.Head.Email == email || d.Deputy?.Email == email))
        || series.Any(s => s.Hosts.Any(h => h.Email == email));

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
