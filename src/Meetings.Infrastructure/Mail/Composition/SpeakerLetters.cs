using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>To the speaker and the partner city's contact (confirmed, rejected), or to the organizer (withdrawn).</summary>
internal static class SpeakerLetters
{
    public static Letter Of(MailContent content)
    {
        var (delivery, meeting, speaker) = (content.Delivery, content.Meeting!, content.Speaker!);
        var day = LetterFacts.Day(meeting.StartsAt, meeting);
        var toSpeaker = speaker.Email == delivery.RecipientEmail;
        var talk = LetterFacts.Format(MailText.Talk, speaker.TalkTitle, speaker.RequestedMinutes);
        var paragraphs = new List<string>();
        string subject;
        switch (delivery.Kind)
        {
            case DeliveryKind.SpeakerConfirmed:
                subject = toSpeaker
                    ? LetterFacts.Format(MailText.SpeakerConfirmedSubject, meeting.Title, day)
                    : LetterFacts.Format(MailText.SpeakerConfirmedCitySubject, speaker.Name, meeting.Title, day);
                paragraphs.Add(toSpeaker
                    ? LetterFacts.Format(MailText.SpeakerConfirmed, talk)
                    : LetterFacts.Format(MailText.SpeakerConfirmedCity, speaker.Name, speaker.Organization, talk));
                paragraphs.Add(meeting.Status == MeetingStatus.Published ? MailText.SpeakerInvitationFollows : MailText.SpeakerInvitationOnPublish);
                break;
            case DeliveryKind.SpeakerRejected:
                subject = toSpeaker
                    ? LetterFacts.Format(MailText.SpeakerRejectedSubject, meeting.Title, day)
                    : LetterFacts.Format(MailText.SpeakerRejectedCitySubject, speaker.Name, meeting.Title, day);
                paragraphs.Add(toSpeaker
                    ? LetterFacts.Format(MailText.SpeakerRejected, talk)
                    : LetterFacts.Format(MailText.SpeakerRejectedCity, speaker.Name, speaker.Organization, talk));
                paragraphs.Add(LetterFacts.Format(MailText.Reason, speaker.DecisionReason));
                break;
            default:
                subject = LetterFacts.Format(MailText.SpeakerWithdrawnSubject, speaker.Name, meeting.Title, day);
                paragraphs.Add(LetterFacts.Format(MailText.SpeakerWithdrawn, content.CityName ?? MailText.PartnerCity, speaker.Name, speaker.Organization, talk));
                paragraphs.Add(MailText.SpeakerWithdrawnEffects);
                break;
        }

        return new Letter(
            LetterFacts.CultureOf(content.Language), subject,
            toSpeaker ? LetterFacts.Format(MailText.Greeting, speaker.Name) : MailText.GreetingToOffice, paragraphs, Button: null,
            LetterFacts.Of(content, withAgenda: delivery.Kind != DeliveryKind.SpeakerRejected), MailText.Closing, content.SeriesName, MailText.FooterOffice);
    }
}
