using Meetings.Domain.Mail;
using Meetings.Domain.Polls;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The letters of a date poll: <c>date-poll</c> (opened, changed, or to a participant who joined), <c>poll-nudge</c> and
/// <c>date-chosen</c> ("Termin steht fest"). Each carries the recipient's own poll link (<c>Mail:PollBaseUrl</c> + token).
/// </summary>
internal static class PollLetters
{
    public static Letter Of(MailContent content, MailOptions options)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting!);
        var poll = content.Facts.AreaFacts<PollFacts>()?.Poll
            ?? throw new InvalidOperationException("A poll mail is written from its poll.");
        var ballot = poll.Ballots.First(b => b.Mails(delivery.RecipientEmail));
        var token = ballot.TokenFor(delivery.RecipientEmail);
        var link = token is null ? null : LetterFacts.PersonalLink(options.PollBaseUrl, token, content.Language);
        var deadline = LetterFacts.DayAndTime(poll.Deadline, meeting);
        var update = delivery.Kind == DeliveryKind.DatePoll && delivery.Occasion is Occasion.PollOccasion { What: var what } && what.StartsWith('r');
        var (subject, lead) = delivery.Kind switch
        {
            DeliveryKind.DateChosen => (MailText.DateChosenSubject, LetterFacts.Format(MailText.DateChosenLead, meeting.Title, LetterFacts.When(meeting))),
            DeliveryKind.PollNudge => (MailText.PollNudgeSubject, LetterFacts.Format(MailText.PollNudgeLead, meeting.Title, deadline)),
            _ when update => (MailText.PollUpdateSubject, LetterFacts.Format(MailText.PollUpdateLead, meeting.Title, deadline)),
            _ => (MailText.PollSubject, LetterFacts.Format(MailText.PollLead, meeting.Title, deadline)),
        };
        var paragraphs = new List<string> { lead };
        if (delivery.Kind != DeliveryKind.DateChosen)
        {
            paragraphs.AddRange(poll.Slots.Select(s => "• " + LetterFacts.When(s.StartsAt, s.EndsAt, meeting)));
            if (poll.Note is { } note)
            {
                paragraphs.Add(LetterFacts.Format(MailText.PollNote, note));
            }
        }

        var forDelegate = ballot.Delegate is not null && string.Equals(ballot.Delegate.Email, delivery.RecipientEmail, StringComparison.OrdinalIgnoreCase);
        var button = link is null ? null
            : delivery.Kind == DeliveryKind.DateChosen ? new LetterButton(MailText.DateChosenButton, link, null)
            : new LetterButton(MailText.PollButton, link, forDelegate ? LetterFacts.Format(MailText.PollDelegateHint, ballot.Recipient.Name) : MailText.PollHint);
        return new Letter(
            LetterFacts.CultureOf(content.Language), LetterFacts.Format(subject, meeting.Title), LetterFacts.Format(MailText.Greeting, delivery.Recipient.Name),
            paragraphs, button, delivery.Kind == DeliveryKind.DateChosen ? LetterFacts.Of(content, withAgenda: true) : null,
            MailText.Closing, content.SeriesName, MailText.Footer);
    }
}
