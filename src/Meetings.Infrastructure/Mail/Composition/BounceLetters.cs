using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail.Dispatch;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// To the series' organizer: mails of a meeting came back (<c>bounce-alert</c>). Lists who did not get which mail and
/// why (the ledger's bounced rows of the meeting, with the diagnostic; the mail by its kind's name, as the API and the
/// metrics name it: <see cref="MailMetrics.NameOf"/>), and the meeting's facts.
/// </summary>
internal static class BounceLetters
{
    public static Letter Of(MailContent content)
    {
        var meeting = content.Meeting!;
        var bounced = content.Facts.AreaFacts<BouncedMails>()?.Rows ?? [];
        var lines = bounced.Select(d => LetterFacts.Format(
            MailText.BounceAlertLine, d.Recipient.Name, d.RecipientEmail, MailMetrics.NameOf(d.Kind), d.LastError ?? "?"));
        var paragraphs = new List<string>
        {
            LetterFacts.Format(MailText.BounceAlertLead, meeting.Title, LetterFacts.Day(meeting.StartsAt, meeting)),
            string.Join("\n", lines),
            MailText.BounceAlertAdvice,
        };
        return new Letter(
            LetterFacts.CultureOf(content.Language), LetterFacts.Format(MailText.BounceAlertSubject, meeting.Title, bounced.Count), MailText.GreetingToOffice,
            paragraphs, Button: null, LetterFacts.Of(content, withAgenda: false), MailText.Closing, Signature: null, MailText.FooterOffice);
    }
}
