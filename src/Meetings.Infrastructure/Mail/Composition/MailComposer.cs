using System.Globalization;
using Meetings.Domain.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// Builds one mail per ledger row: a <see cref="Letter"/> in the recipient's language (a subject of its own per kind,
/// naming the meeting or the series), written as plain text and HTML by the templates, and — for invitation, update
/// and cancellation — an iMIP part (RFC 6047) inline in multipart/alternative with the same UID as the calendar files.
/// </summary>
public sealed class MailComposer(LetterRenderer renderer, IOptions<MailOptions> options)
{
    public async Task<MimeMessage> ComposeAsync(MailContent content)
    {
        var letter = Write(content);
        var (text, html) = await renderer.RenderAsync(letter);
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = html },
        };
        alternative.Headers.Add(HeaderId.ContentLanguage, letter.Language);
        var delivery = content.Delivery;
        if (delivery.Kind is DeliveryKind.Invitation or DeliveryKind.Update or DeliveryKind.Cancellation)
        {
            var cancel = delivery.Kind == DeliveryKind.Cancellation;
            var asksForAnswer = delivery.Occasion is not Occasion.UpdateOccasion { AsksForAnswer: false };
            var calendar = new TextPart("calendar") { Text = ImipPart.Of(content, options.Value, cancel, asksForAnswer) };
            calendar.ContentType.Parameters.Add("method", cancel ? "CANCEL" : "REQUEST");
            calendar.ContentType.Charset = "utf-8";
            alternative.Add(calendar);
        }

        var message = new MimeMessage
        {
            Subject = letter.Subject,
            Body = alternative,
            MessageId = MessageIds.Of(delivery.Id, options.Value.From), // the same row always has the same Message-Id
            Date = content.Now,
        };
        // RFC 3834: no automatic answer to an automatic mail; Exchange's own switch keeps out-of-office replies away (not
        // its non-delivery reports, which the mailbox reader needs).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "OOF, AutoReply");
        if (content.Meeting is { } meeting)
        {
            message.Headers.Add("X-Meetings-Meeting", meeting.Id.ToString());
        }

        if (delivery.SeriesId is { } seriesId)
        {
            message.Headers.Add("X-Meetings-Series", seriesId.ToString());
        }

        message.Headers.Add("X-Meetings-Kind", delivery.Kind.ToString());
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        // The address the dispatcher checked against the rule (MailPlans.WhyItCannotGo); the name, whatever it holds, is
        // MimeKit's to encode (RFC 2047): a line break in it stays inside an encoded word and never starts a header.
        message.To.Add(new MailboxAddress(delivery.Recipient.Name, delivery.RecipientEmail));
        return message;
    }

    /// <summary>The letter of a row, worded in its recipient's language (the wording reads the current UI culture).</summary>
    public Letter Write(MailContent content)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LetterFacts.CultureOf(content.Language);
        try
        {
            return content.Delivery.Kind switch
            {
                DeliveryKind.SpeakerConfirmed or DeliveryKind.SpeakerRejected or DeliveryKind.SpeakerWithdrawn => SpeakerLetters.Of(content),
                DeliveryKind.CadenceAlert => CadenceLetters.Of(content),
                DeliveryKind.BounceAlert => BounceLetters.Of(content),
                DeliveryKind.FeedbackRequest => FeedbackLetters.Of(content, options.Value),
                var kind when MailPlans.Owns<Domain.Polls.DatePollMail>(kind) => PollLetters.Of(content, options.Value),
                var kind when MailPlans.Owns<Domain.Topics.TopicMail>(kind) => TopicLetters.Of(content, options.Value),
                var kind when MailPlans.Owns<Domain.Results.ResultsMail>(kind) => ResultsLetters.Of(content),
                _ => InviteeLetters.Of(content, options.Value),
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
