using Meetings.Domain.Feedback;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>The feedback request: after the meeting was completed, to whoever attended under an invitation, with their own link.</summary>
internal static class FeedbackLetters
{
    public static Letter Of(MailContent content, MailOptions options)
    {
        var (delivery, meeting, invitation) = (content.Delivery, content.Meeting!, content.Invitation);
        var subject = LetterFacts.Format(MailText.FeedbackSubject, meeting.Title, LetterFacts.Day(meeting.StartsAt, meeting));
        var paragraphs = new List<string>
        {
            MailText.FeedbackLead,
            LetterFacts.Format(MailText.FeedbackUntil, LetterFacts.DayAndTime(FeedbackRules.ClosesAt(meeting), meeting)),
            MailText.FeedbackConfidence,
        };
        // The link of the one who attended: the invitee's own, or the delegate's own — never anyone else's.
        var token = invitation?.TokenFor(delivery.RecipientEmail);
        var button = token is null ? null : new LetterButton(MailText.FeedbackButton, InviteeLetters.PageLink(options, token, content.Language), null);
        return new Letter(
            LetterFacts.CultureOf(content.Language), subject, LetterFacts.Format(MailText.Greeting, delivery.Recipient.Name), paragraphs, button,
            LetterFacts.Of(content, withAgenda: true), MailText.Closing, content.SeriesName, MailText.Footer);
    }
}
