using System.Globalization;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Documents;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The mails to invitees: invitation, update (a new time asks for a new answer; a new title or place does not),
/// cancellation or withdrawal, reminder, and the nudge to answer. Each says what happened in its subject and lead.
/// </summary>
internal static class InviteeLetters
{
    public static Letter Of(MailContent content, MailOptions options)
    {
        var (delivery, meeting, invitation) = (content.Delivery, content.Meeting!, content.Invitation);
        var day = LetterFacts.Day(meeting.StartsAt, meeting);
        var paragraphs = new List<string>();
        string subject;
        var askToAnswer = false;
        switch (delivery.Kind, delivery.Occasion)
        {
            case (DeliveryKind.Invitation, _):
                subject = LetterFacts.Format(MailText.InvitationSubject, meeting.Title, day);
                paragraphs.Add(invitation is { Status: AnswerStatus.Delegated } i && i.MailRecipient.Email == delivery.RecipientEmail
                    ? LetterFacts.Format(MailText.DelegateLead, i.Recipient.Name)
                    : MailText.InvitationLead);
                if (ResultsLetters.OpenTasks(content) is { } openTasks)
                {
                    paragraphs.Add(openTasks);
                }

                askToAnswer = true;
                break;
            case (DeliveryKind.Update, Occasion.UpdateOccasion { AsksForAnswer: true }):
                subject = LetterFacts.Format(MailText.RescheduledSubject, meeting.Title, LetterFacts.DayAndTime(meeting.StartsAt, meeting));
                paragraphs.Add(MailText.RescheduledLead);
                askToAnswer = true;
                break;
            case (DeliveryKind.Update, Occasion.UpdateOccasion update):
                var what = update.Changes.HasFlag(MeetingChange.Title) && update.Changes.HasFlag(MeetingChange.Location) ? MailText.ChangedTitleAndLocation
                    : update.Changes.HasFlag(MeetingChange.Title) ? MailText.ChangedTitle
                    : MailText.ChangedLocation;
                subject = LetterFacts.Format(MailText.ChangedSubject, meeting.Title, what);
                paragraphs.Add(LetterFacts.Format(MailText.ChangedLead, what));
                break;
            case (DeliveryKind.Cancellation, var occasion) when occasion == Occasion.Withdrawal:
                subject = LetterFacts.Format(MailText.WithdrawnSubject, meeting.Title);
                paragraphs.Add(MailText.WithdrawnLead);
                break;
            case (DeliveryKind.Cancellation, _):
                subject = LetterFacts.Format(MailText.CancelledSubject, meeting.Title, day);
                paragraphs.Add(MailText.CancelledLead);
                if (meeting.CancellationReason is { } reason)
                {
                    paragraphs.Add(LetterFacts.Format(MailText.Reason, reason));
                }

                break;
            case (DeliveryKind.Reminder, _):
                subject = LetterFacts.Format(MailText.ReminderSubject, meeting.Title, LetterFacts.DayAndTime(meeting.StartsAt, meeting));
                paragraphs.Add(MailText.ReminderLead);
                paragraphs.Add(invitation?.Status switch
                {
                    AnswerStatus.Accepted => MailText.ReminderAccepted,
                    AnswerStatus.Tentative => MailText.ReminderTentative,
                    AnswerStatus.Delegated when invitation.Recipient.Email != delivery.RecipientEmail => LetterFacts.Format(MailText.DelegateLead, invitation.Recipient.Name),
                    _ => MailText.ReminderPending,
                });
                break;
            case (DeliveryKind.RsvpNudge, _):
                subject = LetterFacts.Format(MailText.NudgeSubject, meeting.Title, LetterFacts.DayAndTime(meeting.AnswerDeadline ?? meeting.StartsAt, meeting));
                paragraphs.Add(MailText.NudgeLead);
                askToAnswer = true;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(content), delivery.Kind, "not a mail to an invitee");
        }

        // The link of the person this mail goes to: the invitee's own, or the delegate's own (which shows the invitation but
        // takes no answer: only the invitee may change who comes) — never the invitee's link to anyone else.
        var token = delivery.Kind == DeliveryKind.Cancellation ? null : invitation?.TokenFor(delivery.RecipientEmail);
        var forDelegate = token is not null && token == invitation!.DelegateToken;
        askToAnswer &= !forDelegate;
        if (askToAnswer && meeting.AnswerDeadline is { } deadline)
        {
            paragraphs.Add(LetterFacts.Format(MailText.AnswerBy, LetterFacts.DayAndTime(deadline, meeting)));
        }

        var button = token is null ? null
            : forDelegate ? new LetterButton(MailText.ViewInvitation, PageLink(options, token, content.Language), LetterFacts.Format(MailText.DelegateHint, invitation!.Recipient.Name))
            : new LetterButton(askToAnswer ? MailText.AnswerNow : MailText.ViewAnswer, PageLink(options, token, content.Language), askToAnswer ? MailText.AnswerHint : null);
        return new Letter(
            LetterFacts.CultureOf(content.Language), subject, LetterFacts.Format(MailText.Greeting, delivery.Recipient.Name), paragraphs, button,
            LetterFacts.Of(content, withAgenda: delivery.Kind != DeliveryKind.Cancellation), MailText.Closing, content.SeriesName, MailText.Footer,
            Subscription: SubscriptionOf(content, options), Documents: DocumentsOf(content, options, token));
    }

    /// <summary>
    /// The meeting's documents in an invitation, update or reminder, each through the recipient's own link
    /// (<c>Mail:RsvpBaseUrl</c> + token + <c>/documents/{id}</c>); nothing without a link or without documents.
    /// </summary>
    private static LetterDocuments? DocumentsOf(MailContent content, MailOptions options, string? token)
    {
        if (token is null || content.Documents is not { Count: > 0 } documents)
        {
            return null;
        }

        var culture = CultureInfo.CurrentUICulture;
        var link = options.RsvpBaseUrl + Uri.EscapeDataString(token) + "/documents/";
        return new LetterDocuments(MailText.Documents, documents.Select(d =>
        {
            var what = LetterFacts.Format(MailText.DocumentFacts, DocumentListing.Kind(d.ContentType), DocumentListing.Size(d.Size, culture));
            return new LetterDocument(
                d.Title, link + d.Id.ToString("D"),
                d.AgendaItemTitle is { } item ? LetterFacts.Format(MailText.DocumentForItem, item, what) : what);
        }).ToList());
    }

    /// <summary>"Alle Termine abonnieren" in an invitation to a person of the directory (a speaker or an outside delegate has no feed: nothing).</summary>
    private static LetterSubscription? SubscriptionOf(MailContent content, MailOptions options) =>
        content.Delivery.Kind == DeliveryKind.Invitation && content.FeedToken is { } token
            ? new LetterSubscription(MailText.SubscribeAll, Calendar.FeedLinks.Webcal(options, token), LetterFacts.Format(MailText.SubscribeHint, Calendar.FeedLinks.Https(options, token)))
            : null;

    /// <summary>The personal link to the answer page (or the portal behind <c>Mail:RsvpBaseUrl</c>), in the recipient's language.</summary>
    public static string PageLink(MailOptions options, string token, string language) => LetterFacts.PersonalLink(options.RsvpBaseUrl, token, language);
}
