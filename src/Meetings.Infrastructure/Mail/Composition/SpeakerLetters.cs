using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>To the speaker and the partner city's contact (confirmed, rejected), or to the organizer (withdrawn).</summary>
internal static class SpeakerLetters
{
    public static Letter Of(MailContent content)
    {
        var (delivery, meeting, speaker) = (content.Delivery, content.Meeting!, content.Speaker!);
        var date = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone).ToString("d. MMMM yyyy", Letters.German);
        var toSpeaker = speaker.Email == delivery.RecipientEmail;
        var city = content.CityName ?? "Die Partnerstadt";
        var talk = $"„{speaker.TalkTitle}“ ({speaker.RequestedMinutes} Minuten)";
        var lines = new List<string> { toSpeaker ? $"Guten Tag {speaker.Name}," : "Guten Tag,", string.Empty };
        string subject;
        switch (delivery.Kind)
        {
            case DeliveryKind.SpeakerConfirmed:
                subject = toSpeaker
                    ? $"Ihr Vortrag ist bestätigt: {meeting.Title} am {date}"
                    : $"Vortrag bestätigt: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add(toSpeaker
                    ? $"wir freuen uns, Ihnen mitzuteilen: Ihr Vortrag {talk} ist bestätigt."
                    : $"der Vortrag von {speaker.Name} ({speaker.Organization}) {talk} ist bestätigt.");
                lines.Add(meeting.Status == MeetingStatus.Published
                    ? "Die Einladung mit dem Kalendereintrag kommt mit einer eigenen Mail."
                    : "Die Einladung mit dem Kalendereintrag folgt, sobald der Termin veröffentlicht ist.");
                break;
            case DeliveryKind.SpeakerRejected:
                subject = toSpeaker
                    ? $"Ihr Vortragsvorschlag wurde nicht angenommen: {meeting.Title} am {date}"
                    : $"Vortragsvorschlag nicht angenommen: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add(toSpeaker
                    ? $"leider können wir Ihren Vortrag {talk} diesmal nicht in die Tagesordnung aufnehmen."
                    : $"der Vortragsvorschlag von {speaker.Name} ({speaker.Organization}) {talk} wurde nicht angenommen.");
                lines.Add($"Begründung: {speaker.DecisionReason}");
                break;
            default:
                subject = $"Vortrag zurückgezogen: {speaker.Name} beim {meeting.Title} am {date}";
                lines.Add($"{city} hat den bestätigten Vortrag von {speaker.Name} ({speaker.Organization}) {talk} zurückgezogen.");
                lines.Add("Der Vortrag ist aus der Tagesordnung entfernt, die Einladung des Referenten zurückgezogen.");
                break;
        }

        lines.Add(string.Empty);
        Letters.AddMeeting(lines, content, withAgenda: delivery.Kind != DeliveryKind.SpeakerRejected);
        return new Letter(subject, lines);
    }
}
