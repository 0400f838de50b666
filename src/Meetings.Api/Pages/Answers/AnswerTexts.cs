using System.Globalization;
using Meetings.Api.Features.AnswerPage;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Pages.Answers;

/// <summary>How the page words what it shows, in the language of the request.</summary>
public static class AnswerTexts
{
    public static string Closed(AnswersClosed closed) => closed switch
    {
        AnswersClosed.Withdrawn => PageText.ClosedWithdrawn,
        AnswersClosed.MeetingCancelled => PageText.ClosedCancelled,
        AnswersClosed.MeetingCompleted => PageText.ClosedCompleted,
        AnswersClosed.MeetingStarted => PageText.ClosedStarted,
        AnswersClosed.DeadlinePassed => PageText.ClosedDeadline,
        _ => PageText.ClosedNotPublished,
    };

    public static string Status(AnswerPageView view, CultureInfo culture) => view.Status switch
    {
        AnswerStatus.Accepted => PageText.StatusAccepted,
        AnswerStatus.Declined => PageText.StatusDeclined,
        AnswerStatus.Tentative => PageText.StatusTentative,
        AnswerStatus.Delegated => string.Format(culture, PageText.StatusDelegated, view.Delegate?.Name),
        _ => PageText.StatusPending,
    };

    /// <summary>"Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr" in the meeting's zone.</summary>
    public static string When(MeetingView meeting, CultureInfo culture) => When(meeting.StartsAt, meeting.EndsAt, meeting.TimeZone, culture);

    /// <summary>A time in <paramref name="timeZone"/> (a meeting's, a poll's slot) as "Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr".</summary>
    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt, string timeZone, CultureInfo culture)
    {
        var (start, end) = (Zones.ToLocal(startsAt, timeZone), Zones.ToLocal(endsAt, timeZone));
        return string.Format(culture, PageText.TimeRange, start.ToString(PageText.DateFormat, culture), start.ToString("HH:mm", culture), end.ToString("HH:mm", culture));
    }

    public static string DayAndTime(DateTimeOffset instant, MeetingView meeting, CultureInfo culture) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString(PageText.DateTimeFormat, culture);

    public static string Time(DateTimeOffset instant, MeetingView meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The page's own links: itself (in a language, after a saved answer) and its calendar file.</summary>
public static class AnswerLinks
{
    /// <summary>
    /// The page in the language it was shown in (kept by <c>?lang=</c>: the person's own needs none, but a switched one does);
    /// with <paramref name="form"/>, the address a form of the page is posted to (<c>/rsvp/{token}/topics?lang=de</c>), so
    /// that the answer comes back in that language too. The answer, feedback and topic forms all post through this.
    /// </summary>
    public static string Page(string token, CultureInfo culture, string? form = null) =>
        $"/rsvp/{Uri.EscapeDataString(token)}" + (form is null ? string.Empty : "/" + form) + "?lang="
        + (culture.TwoLetterISOLanguageName == Languages.English ? Languages.English : Languages.German);

    public static string InLanguage(string token, string language) => $"/rsvp/{Uri.EscapeDataString(token)}?lang={language}";

    public static string Calendar(string token) => $"/rsvp/{Uri.EscapeDataString(token)}/calendar.ics";
}
