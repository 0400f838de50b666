using Meetings.Domain.Mail;
using Meetings.Domain.Topics;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// To a department's head: the call for topics (<c>topic-call</c>, with the head's personal link to the "Thema anmelden"
/// form), and the office's decision on one of the department's topics (<c>topic-accepted</c>, <c>topic-declined</c>).
/// </summary>
internal static class TopicLetters
{
    public static Letter Of(MailContent content, MailOptions options)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting!);
        var facts = TopicFacts.Of(content.Facts);
        var day = LetterFacts.Day(meeting.StartsAt, meeting);
        var paragraphs = new List<string>();
        LetterButton? button = null;
        string subject;
        switch (delivery.Kind)
        {
            case DeliveryKind.TopicCall:
                var call = facts.Call!;
                subject = LetterFacts.Format(MailText.TopicCallSubject, meeting.Title, day);
                paragraphs.Add(LetterFacts.Format(MailText.TopicCallLead, LetterFacts.DayAndTime(call.Deadline, meeting)));
                paragraphs.Add(LetterFacts.Format(MailText.TopicCallLimits, Topic.MinMinutes, Topic.MaxMinutes, Topic.MaxActivePerDepartment));
                if (call.Note is { } note)
                {
                    paragraphs.Add(note);
                }

                if (facts.LinkToken is { } token)
                {
                    button = new LetterButton(MailText.TopicCallButton, InviteeLetters.PageLink(options, token, content.Language), MailText.TopicCallHint);
                }

                break;
            case DeliveryKind.TopicAccepted:
                var accepted = facts.Topic!;
                subject = LetterFacts.Format(MailText.TopicAcceptedSubject, accepted.Title, meeting.Title, day);
                paragraphs.Add(LetterFacts.Format(MailText.TopicAccepted, accepted.Title, AgendaMinutes(content, accepted)));
                break;
            default:
                var declined = facts.Topic!;
                subject = LetterFacts.Format(MailText.TopicDeclinedSubject, declined.Title, meeting.Title, day);
                paragraphs.Add(LetterFacts.Format(
                    declined.Status == TopicStatus.Withdrawn ? MailText.TopicWithdrawn : MailText.TopicDeclined, declined.Title));
                if (declined.DecisionReason is { } reason)
                {
                    paragraphs.Add(LetterFacts.Format(MailText.Reason, reason));
                }

                break;
        }

        return new Letter(
            LetterFacts.CultureOf(content.Language), subject, LetterFacts.Format(MailText.Greeting, delivery.Recipient.Name), paragraphs, button,
            LetterFacts.Of(content, withAgenda: delivery.Kind != DeliveryKind.TopicCall), MailText.Closing, content.SeriesName, MailText.Footer);
    }

    private static int AgendaMinutes(MailContent content, Topic topic) =>
        content.Meeting!.Agenda.Items.FirstOrDefault(i => i.Id == topic.AgendaItemId)?.DurationMinutes ?? topic.RequestedMinutes;
}
