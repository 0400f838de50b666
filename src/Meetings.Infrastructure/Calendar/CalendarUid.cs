namespace Meetings.Infrastructure.Calendar;

/// <summary>
/// The UID of a meeting in every calendar part and file the service writes (<c>{meetingId}@meetings</c>), and the
/// way back from a reply's UID to the meeting.
/// </summary>
public static class CalendarUid
{
    private const string Suffix = "@meetings";

    public static string Of(Guid meetingId) => $"{meetingId}{Suffix}";

    public static Guid? MeetingIdOf(string uid) =>
        uid.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(uid[..^Suffix.Length], out var id) ? id : null;
}
