using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>What a message of the office's mailbox is. Pure: it reads the message and nothing else.</summary>
public abstract record InboxMessageKind
{
    private InboxMessageKind()
    {
    }

    /// <summary>An iTIP REPLY (RFC 5546) from <paramref name="From"/>, the iCalendar text as sent.</summary>
    public sealed record CalendarReply(string Calendar, string From) : InboxMessageKind;

    /// <summary>A delivery status notification (RFC 3464) with a permanent failure (<c>5.x.x</c>) for the row the returned Message-ID names (null: none of ours).</summary>
    public sealed record Bounce(Guid? Row, string Recipient, string Status, string Diagnostic) : InboxMessageKind;

    /// <summary>A delivery status notification that is no failure (yet): delayed (<c>4.x.x</c>), relayed, delivered.</summary>
    public sealed record DeliveryNotice(Guid? Row, string Status) : InboxMessageKind;

    /// <summary>An automatic reply (out of office, a vacation notice, an auto-responder): changes nothing.</summary>
    public sealed record AutoReply(string Why) : InboxMessageKind;

    /// <summary>Anything else (a counter-proposal, a question, a message the service cannot read): for the office.</summary>
    public sealed record Other(string Why) : InboxMessageKind;
}

/// <summary>
/// Sorts a message of the office's mailbox: first a delivery status notification (a bounce is a bounce although mail
/// servers mark it <c>auto-replied</c>), then a calendar REPLY (whoever pressed the button, also a calendar that answers
/// by itself), then an automatic reply (RFC 3834 <c>Auto-Submitted</c> other than <c>no</c>, <c>X-Autoreply</c>,
/// <c>X-Autorespond</c>, <c>Precedence: auto_reply</c>; not a subject — a person's question may start "Abwesend"), else other.
/// </summary>
public static partial class InboxMessageClassifier
{
    public static InboxMessageKind Classify(MimeMessage message)
    {
        if (DeliveryReport(message) is { } report)
        {
            return report;
        }

        var calendars = CalendarParts(message).ToList();
        if (calendars.FirstOrDefault(c => MethodOf(c) == "REPLY") is { } reply)
        {
            return message.From.Mailboxes.FirstOrDefault() is { } from
                ? new InboxMessageKind.CalendarReply(reply, from.Address)
                : new InboxMessageKind.Other("a calendar reply without a From address");
        }

        if (AutoReplyReason(message) is { } why)
        {
            return new InboxMessageKind.AutoReply(why);
        }

        return calendars.Count > 0
            ? new InboxMessageKind.Other($"a calendar message with METHOD:{MethodOf(calendars[0]) ?? "(none)"}, not a REPLY")
            : new InboxMessageKind.Other("neither a calendar reply, a delivery status notification nor an automatic reply");
    }

    /// <summary>Why the message is an automatic reply, or null.</summary>
    public static string? AutoReplyReason(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } autoSubmitted && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond", "X-Autoresponder" })
        {
            if (headers.Contains(name))
            {
                return $"{name} is set";
            }
        }

        // a subject ("Abwesend …") or an Exchange inbox rule alone says nothing: a person writes such subjects, and a rule forwards people's mail
        return headers["Precedence"] is { } precedence && precedence.Trim().Equals("auto_reply", StringComparison.OrdinalIgnoreCase)
            ? "Precedence: auto_reply"
            : null;
    }

    /// <summary>The calendar parts (<c>text/calendar</c>, <c>application/ics</c>), decoded in their charset (UTF-8 when none is named).</summary>
    public static IEnumerable<string> CalendarParts(MimeMessage message)
    {
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            var type = part.ContentType;
            if (!(type.IsMimeType("text", "calendar") || type.IsMimeType("application", "ics") || type.IsMimeType("text", "x-vcalendar")))
            {
                continue;
            }

            if (part is TextPart text && type.Charset is { Length: > 0 })
            {
                yield return text.Text;
                continue;
            }

            using var decoded = new MemoryStream();
            part.Content?.DecodeTo(decoded);
            yield return new UTF8Encoding(false, false).GetString(decoded.ToArray());
        }
    }

    /// <summary>The calendar's METHOD (upper case), or null.</summary>
    public static string? MethodOf(string calendar)
    {
        var match = MethodLine().Match(calendar);
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : null;
    }

    private static InboxMessageKind? DeliveryReport(MimeMessage message)
    {
        var report = Entities(message.Body)
            .OfType<MultipartReport>()
            .FirstOrDefault(r => string.Equals(r.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase));
        if (report is null)
        {
            return null;
        }

        var row = report.OfType<MessagePart>().Select(p => Composition.MessageIds.RowOf(p.Message?.MessageId)).FirstOrDefault(r => r is not null);
        var recipients = report.OfType<MessageDeliveryStatus>().SelectMany(s => s.StatusGroups.Skip(1)).ToList();
        foreach (var group in recipients)
        {
            var status = (group["Status"] ?? string.Empty).Trim();
            if (status.StartsWith('5'))
            {
                var recipient = AddressOf(group["Final-Recipient"] ?? group["Original-Recipient"]);
                var diagnostic = DiagnosticOf(group["Diagnostic-Code"]) ?? $"Status {status}";
                return new InboxMessageKind.Bounce(row, recipient, status, diagnostic);
            }
        }

        var first = recipients.Select(g => (g["Status"] ?? string.Empty).Trim()).FirstOrDefault(s => s.Length > 0) ?? "(no status)";
        return new InboxMessageKind.DeliveryNotice(row, first);
    }

    private static IEnumerable<MimeEntity> Entities(MimeEntity? entity)
    {
        if (entity is null)
        {
            yield break;
        }

        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var inner in multipart.SelectMany(Entities))
            {
                yield return inner;
            }
        }
    }

    /// <summary><c>rfc822; a@b.example</c> → <c>a@b.example</c>.</summary>
    private static string AddressOf(string? field) =>
        field is null ? string.Empty : (field.Contains(';', StringComparison.Ordinal) ? field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..] : field).Trim();

    /// <summary><c>smtp; 550 5.1.1 &lt;x&gt;: Recipient address rejected</c> → the text after the type, on one line.</summary>
    private static string? DiagnosticOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var text = AddressOf(field);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^METHOD:\s*([A-Za-z-]+)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
