using System.Globalization;
using System.Net;
using System.Text;
using Meetings.Domain.Meetings;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// Builds one mail per ledger row: German plain text and HTML, a subject of its own per kind naming the
/// meeting (or the series), and for invitation, update and cancellation an iMIP part (RFC 6047) inline in
/// multipart/alternative with the same UID as the calendar files.
/// </summary>
public static class MailComposer
{
    public static MimeMessage Compose(MailContent content, MailOptions options)
    {
        var delivery = content.Delivery;
        var letter = delivery.Kind switch
        {
            DeliveryKind.SpeakerConfirmed or DeliveryKind.SpeakerRejected or DeliveryKind.SpeakerWithdrawn => SpeakerLetters.Of(content),
            DeliveryKind.CadenceAlert => CadenceLetters.Of(content),
            _ => InviteeLetters.Of(content, options),
        };

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = string.Join("\n", letter.Lines) },
            new TextPart("html") { Text = Html(letter.Lines, letter.Link) },
        };
        if (delivery.Kind is DeliveryKind.Invitation or DeliveryKind.Update or DeliveryKind.Cancellation)
        {
            var method = delivery.Kind == DeliveryKind.Cancellation ? "CANCEL" : "REQUEST";
            var calendar = new TextPart("calendar") { Text = ImipPart.Of(content, options, method) };
            calendar.ContentType.Parameters.Add("method", method);
            calendar.ContentType.Charset = "utf-8";
            alternative.Add(calendar);
        }

        var message = new MimeMessage
        {
            Subject = letter.Subject,
            Body = alternative,
            MessageId = $"{delivery.Id:N}@meetings", // the same row always has the same Message-Id
            Date = content.Now,
        };
        if (content.Meeting is { } meeting)
        {
            message.Headers.Add("X-Meetings-Meeting", meeting.Id.ToString());
        }

        if (delivery.SeriesId is { } seriesId)
        {
            message.Headers.Add("X-Meetings-Series", seriesId.ToString());
        }

        message.Headers.Add("X-Meetings-Kind", delivery.Kind.ToString());
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(delivery.Recipient.Name, delivery.Recipient.Email));
        return message;
    }

    private static string Html(IEnumerable<string> lines, string? link)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"de\"><body style=\"font-family:sans-serif\">");
        foreach (var line in lines)
        {
            html.Append(line.Length == 0 ? "<br>" : $"<div>{WebUtility.HtmlEncode(line)}</div>");
        }

        if (link is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Jetzt antworten</a></p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
