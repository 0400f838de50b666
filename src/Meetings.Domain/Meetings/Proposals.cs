namespace Meetings.Domain.Meetings;

/// <summary>
/// What the two reviews of proposals for a meeting share — a partner city's guest speaker (<see cref="Speaker"/>) and a
/// department's topic (<c>Domain/Topics/Topic</c>): proposals are handled only while the meeting is a draft or published
/// and still ahead, and a decision mail goes out only while that still holds. (The placement on the agenda is shared
/// too, through <see cref="Agenda.Add"/>, which keeps every item within the meeting's time.)
/// </summary>
public static class Proposals
{
    /// <summary>The meeting is a draft or published and has not started.</summary>
    public static bool AreOpen(Meeting meeting, DateTimeOffset now) => AreOpen(meeting.Status, meeting.StartsAt, now);

    /// <summary><see cref="AreOpen(Meeting, DateTimeOffset)"/> for a meeting known by its status and start (a page's view of it).</summary>
    public static bool AreOpen(MeetingStatus status, DateTimeOffset startsAt, DateTimeOffset now) =>
        status is MeetingStatus.Draft or MeetingStatus.Published && startsAt > now;

    /// <summary>409 unless <see cref="AreOpen(Meeting, DateTimeOffset)"/>; <paramref name="what"/> names the proposals ("Speakers", "Topics").</summary>
    public static void EnsureOpen(Meeting meeting, DateTimeOffset now, string what)
    {
        if (!AreOpen(meeting, now))
        {
            throw new Common.DomainException($"{what} can be handled only for meetings that are draft or published and still ahead.");
        }
    }

    /// <summary>Send time of a decision mail: why the meeting no longer takes one (null: it does).</summary>
    public static string? WhyMeetingIsClosed(Meeting? meeting, DateTimeOffset now) =>
        meeting is null ? "the meeting no longer exists"
        : meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Published) ? $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}"
        : meeting.StartsAt <= now ? "the meeting has started"
        : null;
}
