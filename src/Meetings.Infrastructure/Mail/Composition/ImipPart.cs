using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Meetings.Infrastructure.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>The iTIP object of an invitation, update or cancellation mail (RFC 6047): the meeting as VEVENT, ORGANIZER and exactly the recipient as ATTENDEE.</summary>
internal static class ImipPart
{
    public static string Of(MailContent content, MailOptions options, string method)
    {
        var meeting = content.Meeting!;
        var calendar = new IcalCalendar { Method = method, ProductId = CalendarWriter.ProductId };
        calendar.AddTimeZone(Ical.Net.CalendarComponents.VTimeZone.FromDateTimeZone(
            meeting.TimeZone, meeting.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        var series = content.Facts.Series ?? throw new InvalidOperationException($"The series of meeting {meeting.Id} was not loaded.");
        var vevent = CalendarWriter.EventOf(new CalendarEntry(meeting, series.Name, CalendarOrganizer.Of(series, options.Organizer)), content.Now);
        if (method == "CANCEL")
        {
            vevent.Status = "CANCELLED";
        }

        vevent.Attendees.Add(new Attendee($"mailto:{content.Delivery.Recipient.Email}")
        {
            CommonName = CalendarText.ParameterValue(content.Delivery.Recipient.Name), // RFC 6868: Ical.Net writes parameter values as given
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
            Rsvp = true,
        });
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
