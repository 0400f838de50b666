using Meetings.Domain.Mail;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>To the series' organizer: a year is at risk (not enough meetings published for the rest of it) or was missed.</summary>
internal static class CadenceLetters
{
    public static Letter Of(MailContent content)
    {
        var (series, year) = (content.SeriesName ?? MailText.Series, content.Cadence!);
        var missed = year.Status == CadenceStatus.Missed;
        var subject = missed
            ? LetterFacts.Format(MailText.CadenceMissedSubject, series, year.Year, year.Held, year.Required)
            : LetterFacts.Format(MailText.CadenceAtRiskSubject, series, year.Year, year.Held + year.Planned, year.Required);
        var paragraphs = new List<string>
        {
            LetterFacts.Format(missed ? MailText.CadenceMissed : MailText.CadenceAtRisk, series, year.Year),
            string.Join("\n",
                LetterFacts.Format(MailText.CadenceRequired, year.Required),
                LetterFacts.Format(MailText.CadenceHeld, year.Held),
                LetterFacts.Format(MailText.CadencePlanned, year.Planned),
                LetterFacts.Format(MailText.CadenceCancelled, year.Cancelled)),
        };
        if (!missed)
        {
            var missing = year.Required - year.Held - year.Planned;
            paragraphs.Add(missing == 1 ? MailText.CadencePlanOne : LetterFacts.Format(MailText.CadencePlanMore, missing));
        }

        return new Letter(
            LetterFacts.CultureOf(content.Language), subject, MailText.GreetingToOffice, paragraphs, Button: null, Meeting: null,
            MailText.Closing, Signature: null, MailText.FooterOffice);
    }
}
