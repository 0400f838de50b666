using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The iTIP object of an invitation, update or cancellation mail (RFC 6047): the meeting as VEVENT, ORGANIZER and exactly
/// the recipient as ATTENDEE. An update that asks for no new answer (a new title or place) keeps the participation the
/// service knows; an invitation and a new time ask for one (NEEDS-ACTION).
/// </summary>
internal static class ImipPart
{
    public static string Of(MailContent content, MailOptions options, bool cancel, bool asksForAnswer)
    {
        // The invitee's own answer, where there is one that is theirs (a delegate's mails ask, the head's answer is not theirs).
        var participation = !asksForAnswer && content.Invitation is { } invitation && invitation.Status != AnswerStatus.Delegated
                            && invitation.Recipient.Email == content.Delivery.RecipientEmail
            ? invitation.Status
            : (AnswerStatus?)null;
        var meeting = content.Meeting!;
        var series = content.Facts.Series ?? throw new InvalidOperationException($"The series of meeting {meeting.Id} was not loaded.");
        return CalendarWriter.Request(
            new CalendarEntry(meeting, series.Name, CalendarOrganizer.Of(series, options.Organizer)), content.Delivery.Recipient, participation, content.Now, cancel);
    }
}
