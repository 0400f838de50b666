using System.Text.RegularExpressions;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The <c>Message-ID</c> of a ledger row's mail: <c>meetings.{row id}@{domain of Mail:From}</c>, the id as the API
/// shows it. The same row always has the same id (a mail sent again after a fault is the same message); a bounce names
/// it in the returned headers, which is how the mailbox reader finds the row (docs/adr/0010-bounces-matched-by-message-id.md).
/// </summary>
public static partial class MessageIds
{
    private const string Prefix = "meetings.";

    public static string Of(Guid rowId, string from) => $"{Prefix}{rowId:D}@{DomainOf(from)}";

    /// <summary>The row a Message-ID names (with or without angle brackets), or null when it is not one of ours.</summary>
    public static Guid? RowOf(string? messageId)
    {
        if (messageId is null)
        {
            return null;
        }

        var match = Pattern().Match(messageId);
        return match.Success && Guid.TryParse(match.Groups[1].Value, out var id) ? id : null;
    }

    private static string DomainOf(string from)
    {
        var address = MailboxAddress.TryParse(from, out var mailbox) ? mailbox.Address : from;
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "meetings.localhost";
    }

    [GeneratedRegex(@"^<?meetings\.([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@[^>\s]+>?$")]
    private static partial Regex Pattern();
}
