using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>What every letter about a meeting shares: the language, how times read, the facts block.</summary>
internal static class LetterFacts
{
    /// <summary>German unless the recipient asked for English.</summary>
    public static CultureInfo CultureOf(string language) =>
        CultureInfo.GetCultureInfo(language == Languages.English ? "en-GB" : "de-DE");

    public static string Day(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString(MailText.ShortDateFormat, CultureInfo.CurrentUICulture);

    public static string DayAndTime(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString(MailText.DateTimeFormat, CultureInfo.CurrentUICulture);

    /// <summary>"Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr".</summary>
    public static string When(Meeting meeting) => When(meeting.StartsAt, meeting.EndsAt, meeting);

    /// <summary>A time of the meeting's (its own, a poll's slot) as "Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr", in its zone.</summary>
    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt, Meeting meeting)
    {
        var culture = CultureInfo.CurrentUICulture;
        var (start, end) = (Zones.ToLocal(startsAt, meeting.TimeZone), Zones.ToLocal(endsAt, meeting.TimeZone));
        return string.Format(culture, MailText.TimeRange, start.ToString(MailText.DateFormat, culture), start.ToString("HH:mm", culture), end.ToString("HH:mm", culture));
    }

    /// <summary>
    /// A personal link (<paramref name="baseUrl"/>: <c>Mail:RsvpBaseUrl</c>, <c>Mail:PollBaseUrl</c>) in the recipient's
    /// language. A token is URL-safe as the service makes it; escaped all the same, so that no stored value can change the
    /// link's shape.
    /// </summary>
    public static string PersonalLink(string baseUrl, string token, string language) =>
        baseUrl + Uri.EscapeDataString(token) + (language == Languages.English ? "?lang=en" : string.Empty);

    public static MeetingFacts Of(MailContent content, bool withAgenda)
    {
        var meeting = content.Meeting!;
        var agenda = withAgenda
            ? meeting.Agenda.Schedule().Select(s => new AgendaLine(
                $"{Time(s.StartsAt, meeting)}–{Time(s.EndsAt, meeting)}", s.Item.Title, s.Item.Presenter?.Name)).ToList()
            : null;
        var guests = content.Guests
            .Select(g => string.Format(CultureInfo.CurrentUICulture, MailText.Guest, g.Name, g.Title, g.Organization, g.TalkTitle)).ToList();
        return new MeetingFacts(
            content.SeriesName, meeting.Title, meeting.Motto, When(meeting), meeting.Location?.OneLine, meeting.Location?.WebAddress, agenda,
            withAgenda ? guests : [],
            new FactLabels(MailText.When, MailText.Where, MailText.Online, MailText.Agenda, MailText.AgendaFollows,
                MailText.AgendaTime, MailText.AgendaTopic, MailText.AgendaPresenter, MailText.Guests));
    }

    public static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentUICulture, text, values);

    private static string Time(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
