using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>The mails to invitees: invitation, update, cancellation (or withdrawal), reminder, the nudge to answer.</summary>
internal static class InviteeLetters
{
    public static Letter Of(MailContent content, MailOptions options)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting!);
        var start = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone);
        var (subject, lead) = delivery.Kind switch
        {
            DeliveryKind.Invitation => ($"Einladung: {meeting.Title} am {start.ToString("d. MMMM yyyy", Letters.German)}", "Sie sind herzlich eingeladen."),
            DeliveryKind.Update => ($"Geändert: {meeting.Title} – jetzt am {start.ToString("d. MMMM yyyy, HH:mm", Letters.German)} Uhr", "Der Termin hat sich geändert. Bitte antworten Sie erneut."),
            DeliveryKind.Cancellation when delivery.Occasion == Occasion.Withdrawal => ($"Einladung zurückgezogen: {meeting.Title}", "Ihre Einladung zu diesem Termin wurde zurückgezogen."),
            DeliveryKind.Cancellation => ($"Abgesagt: {meeting.Title} am {start.ToString("d. MMMM yyyy", Letters.German)}", meeting.CancellationReason is { } r ? $"Der Termin wurde abgesagt: {r}" : "Der Termin wurde abgesagt."),
            DeliveryKind.Reminder => ($"Erinnerung: {meeting.Title} am {start.ToString("d. MMMM yyyy, HH:mm", Letters.German)} Uhr", "Wir erinnern an den folgenden Termin."),
            DeliveryKind.RsvpNudge => ($"Bitte antworten: {meeting.Title} – Rückmeldung bis {Zones.ToLocal(meeting.RsvpDeadline ?? meeting.StartsAt, meeting.TimeZone).ToString("d. MMMM yyyy, HH:mm", Letters.German)} Uhr", "Wir haben noch keine Rückmeldung von Ihnen."),
            _ => throw new ArgumentOutOfRangeException(nameof(content), delivery.Kind, "not a mail to an invitee"),
        };

        // The link of the person this mail goes to: the invitee's own, or the delegate's own — never the invitee's to another.
        var token = delivery.Kind != DeliveryKind.Cancellation ? content.Invitation?.TokenFor(delivery.Recipient.Email) : null;
        var link = token is null ? null : options.RsvpBaseUrl + token;
        var lines = new List<string> { $"Guten Tag {delivery.Recipient.Name},", string.Empty, lead, string.Empty };
        Letters.AddMeeting(lines, content, withAgenda: delivery.Kind != DeliveryKind.Cancellation);
        if (link is not null)
        {
            lines.Add(string.Empty);
            lines.Add($"Ihre Antwort (zusagen, absagen, Vertretung benennen): {link}");
        }

        return new Letter(subject, lines, link);
    }
}
